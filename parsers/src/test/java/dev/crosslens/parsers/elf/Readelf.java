package dev.crosslens.parsers.elf;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs GNU {@code readelf -W} on a fixture, to cross-check the parser with a tool that is not ours. */
final class Readelf {
    private Readelf() {
    }

    static String run(Path file, String... options) {
        List<String> cmd = new ArrayList<>(List.of("readelf", "-W"));
        cmd.addAll(List.of(options));
        cmd.add(file.toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("readelf took too long on " + file);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Assumptions.abort("readelf is not available: " + e.getMessage());
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value after {@code key:} on the first line that has it (e.g. "Machine", "OS/ABI", "Flags"). */
    static String headerField(String text, String key) {
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith(key + ":")) return t.substring(key.length() + 1).strip();
        }
        return null;
    }
}
