package dev.crosslens.parsers.report;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.UnsupportedFormatException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.io.Writer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of analysing several files in one process, and its JSON form: the {@code crosslens.analysis}
 * document, schema version {@value #SCHEMA_VERSION} (documented in the README).
 */
public record AnalysisReport(List<Entry> entries) {
    public static final String SCHEMA = "crosslens.analysis";
    public static final int SCHEMA_VERSION = 1;

    public AnalysisReport {
        entries = List.copyOf(entries);
    }

    /** One file: its parse, or why it could not be parsed (never both). */
    public record Entry(String path, BinaryFile file, Failure error) {
    }

    /**
     * @param kind   {@code malformed} (no usable header), {@code unsupported} (not a binary), {@code io}
     * @param offset file offset of the failure, -1 when none
     */
    public record Failure(String kind, String message, long offset) {
    }

    public static AnalysisReport analyze(List<Path> paths, boolean readRelocations) {
        ParseOptions options = ParseOptions.defaults().withRelocationEntries(readRelocations);
        return new AnalysisReport(analyzeAll(paths, options, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Parses the files on up to {@code threads} threads (parsers are stateless; each file has its own mapping)
     * and returns the entries in the order of {@code paths}.
     */
    static List<Entry> analyzeAll(List<Path> paths, ParseOptions options, int threads) {
        if (threads <= 1 || paths.size() <= 1) {
            List<Entry> out = new ArrayList<>();
            for (Path p : paths) out.add(analyzeOne(p, options));
            return out;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(threads, paths.size()), r -> {
                    Thread t = new Thread(r, "crosslens-analyze");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<Entry>> futures = new ArrayList<>();
            for (Path p : paths) futures.add(pool.submit(() -> analyzeOne(p, options)));
            List<Entry> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    // analyzeOne turns every I/O and format problem into an entry; anything else is a bug to show
                    throw new IllegalStateException("analysing " + paths.get(i) + " failed", e.getCause());
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    public static Entry analyzeOne(Path p, ParseOptions options) {
        try {
            return new Entry(p.toString(), Binaries.open(p, options), null);
        } catch (MalformedBinaryException e) {
            return new Entry(p.toString(), null, new Failure("malformed", e.getMessage(), e.offset()));
        } catch (UnsupportedFormatException e) {
            return new Entry(p.toString(), null, new Failure("unsupported", e.getMessage(), -1));
        } catch (NoSuchFileException e) {
            return new Entry(p.toString(), null, new Failure("io", "no such file", -1));
        } catch (AccessDeniedException e) {
            return new Entry(p.toString(), null, new Failure("io", "permission denied", -1));
        } catch (IOException e) {
            return new Entry(p.toString(), null, new Failure("io", String.valueOf(e.getMessage()), -1));
        }
    }

    public boolean anyFailed() {
        return entries.stream().anyMatch(e -> e.error() != null);
    }

    public void writeJson(Writer w) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", SCHEMA);
        doc.put("schemaVersion", SCHEMA_VERSION);
        doc.put("files", entries);
        JsonSupport.write(w, doc);
    }

}
