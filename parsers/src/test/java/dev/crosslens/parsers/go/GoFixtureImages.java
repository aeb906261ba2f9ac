package dev.crosslens.parsers.go;

import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Endianness;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.elf.ElfDetails;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ways to analyse a test file, and the Go toolchain's own view of it. */
final class GoFixtureImages {
    private GoFixtureImages() {
    }

    /** Analyses bytes as an image whose format parser gave no sections: everything is found by scanning. */
    static ImageCore bare(byte[] data, ParseOptions options) throws IOException {
        ImageCore core = ImageCore.builder(BinaryFormat.ELF).bits(64).endianness(Endianness.LITTLE).build();
        return new GoAnalyzer().analyze(new ElfImage(core, (ElfDetails) null), BinaryReader.of(data), options);
    }

    static ImageCore bare(Path file) {
        try {
            return bare(Files.readAllBytes(file), ParseOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Through the facade; skips while this branch does not have the format's parser yet. */
    static ImageCore facade(Path file) {
        try {
            return Binaries.open(file).image().core();
        } catch (MalformedBinaryException e) {
            Assumptions.assumeFalse(String.valueOf(e.getMessage()).contains("is not written yet"),
                    "format parser not merged into this branch yet: " + e.getMessage());
            throw new AssertionError("cannot open " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Output of a Go tool ({@code go version -m}, {@code go tool nm}); skips when go is not installed. */
    static List<String> go(String... args) {
        List<String> cmd = new ArrayList<>(List.of("go"));
        cmd.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("go-tool", ".out");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("go " + String.join(" ", args) + " took too long");
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (p.exitValue() != 0) throw new AssertionError("go " + String.join(" ", args) + " failed: " + lines);
            return lines;
        } catch (IOException e) {
            Assumptions.abort("go is not runnable here: " + e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
