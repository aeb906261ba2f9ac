package dev.crosslens.parsers.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.parsers.report.JsonSupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The table of the oldest OS each Go release runs on ({@code dev/crosslens/data/go/go-min-os.json}). */
public final class GoMinOs {
    /** One row: Go {@code go} and newer need {@code minVersion} of {@code os}. */
    public record Row(String os, String go, String minVersion, String label, String source) {
    }

    private final List<Row> rows;

    public GoMinOs(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    public static GoMinOs bundled() {
        String resource = "/dev/crosslens/data/go/go-min-os.json";
        try (InputStream in = GoMinOs.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            JsonNode doc = JsonSupport.readTree(in);
            List<Row> out = new ArrayList<>();
            for (JsonNode r : doc.path("rows")) {
                out.add(new Row(r.path("os").asText(), r.path("go").asText(), r.path("minVersion").asText(),
                        r.path("label").asText(), r.path("source").asText()));
            }
            return new GoMinOs(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public List<Row> rows() {
        return rows;
    }

    /** The floor that applies to a binary built by {@code goVersion} for {@code goos}, or null when none is known. */
    public Row floor(String goVersion, String goos) {
        String minor = Versions.goMinor(goVersion);
        if (minor == null) return null;
        Row best = null;
        for (Row r : rows) {
            if (!r.os().equals(goos)) continue;
            if (Versions.compare(r.go(), minor) > 0) continue;
            if (best == null || Versions.compare(r.go(), best.go()) > 0) best = r;
        }
        return best;
    }
}
