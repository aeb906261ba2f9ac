package dev.crosslens.parsers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pinned real-binary corpus ({@code ../shared/corpus}): entries from its manifest, files from
 * {@code $CORPUS_DIR}, reference facts from its oracles. Tests skip (not fail) when a file is absent.
 */
public final class Corpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Corpus() {
    }

    /** One manifest entry with its oracle. */
    public record Entry(String id, JsonNode manifest, Path file, Path oracleFile) {
        public boolean present() {
            return Files.isRegularFile(file);
        }

        public JsonNode oracle() {
            try {
                return JSON.readTree(oracleFile.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String format() {
            return manifest.path("format").asText();
        }

        @Override
        public String toString() {
            return id;
        }
    }

    public static Path root() {
        String prop = System.getProperty("project.root");
        Path base = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        while (base != null && !Files.isDirectory(base.resolve("../shared/corpus"))) {
            base = base.getParent();
        }
        if (base == null) throw new IllegalStateException("cannot find ../shared/corpus from " + prop);
        return base.resolve("../shared/corpus").normalize();
    }

    public static Path dir() {
        String prop = System.getProperty("corpus.dir");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        String env = System.getenv("CORPUS_DIR");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cache", "bdw-corpus");
    }

    public static List<Entry> entries() {
        try {
            JsonNode manifest = JSON.readTree(root().resolve("manifest.json").toFile());
            List<Entry> out = new ArrayList<>();
            for (JsonNode n : manifest) {
                String id = n.path("id").asText();
                out.add(new Entry(id, n, dir().resolve(id), root().resolve("oracles").resolve(id + ".json")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Entry entry(String id) {
        return entries().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no corpus entry " + id));
    }

    /** The file of an entry; skips the calling test when it was not fetched. */
    public static Path require(String id) {
        Entry e = entry(id);
        Assumptions.assumeTrue(e.present(), "corpus file " + e.file() + " not fetched (run ../shared/corpus/fetch)");
        return e.file();
    }
}
