package dev.crosslens.app.bench;

import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's own time over a set of files in a warm JVM (what the window and a long-lived CI process pay):
 * every file opened through the facade with the defaults (format parser, Go analysis, demangling, sha256), no
 * output. Two warm-up rounds, then the median of five. Run by {@code ./bench analyze}.
 */
public final class AnalyzeBench {
    private AnalyzeBench() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String a : args) files.add(Path.of(a));
        for (int i = 0; i < 2; i++) round(files);
        long[] ms = new long[5];
        for (int i = 0; i < ms.length; i++) ms[i] = round(files);
        Arrays.sort(ms);
        System.out.println(ms[ms.length / 2]);
    }

    private static long round(List<Path> files) throws IOException {
        long t0 = System.nanoTime();
        for (Path p : files) {
            try {
                Binaries.open(p, ParseOptions.defaults());
            } catch (dev.crosslens.parsers.io.MalformedBinaryException
                     | dev.crosslens.parsers.io.UnsupportedFormatException e) {
                // counted like a parsed file: the work was done
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
