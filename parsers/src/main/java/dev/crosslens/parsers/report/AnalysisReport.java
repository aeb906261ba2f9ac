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

    /**
     * Analyses the files and writes the same document as {@code analyze(paths, ..).writeJson(w)}, but as it goes:
     * each file is parsed <em>and</em> turned into JSON on a worker (up to {@code threads} at once, a few ahead),
     * then written in the order of {@code paths} and dropped, so neither every parse nor the whole document is
     * held at once, and the serialization runs on every core. Returns the entries that failed (their error is
     * in the document too).
     */
    public static List<Entry> streamJson(List<Path> paths, ParseOptions options, int threads, Writer w)
            throws IOException {
        int workers = Math.max(1, Math.min(threads, paths.size()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "crosslens-analyze");
            t.setDaemon(true);
            return t;
        });
        com.fasterxml.jackson.databind.ObjectWriter entryWriter = JsonSupport.nestedWriter(1);
        List<Entry> failed = new ArrayList<>();
        java.util.ArrayDeque<java.util.concurrent.Future<Written>> ahead = new java.util.ArrayDeque<>();
        int next = 0;
        try (com.fasterxml.jackson.core.JsonGenerator g = JsonSupport.prettyGenerator(w)) {
            g.writeStartObject();
            g.writeFieldName("files");
            g.writeStartArray();
            for (int written = 0; written < paths.size(); written++) {
                while (next < paths.size() && ahead.size() < workers * 2) {
                    Path p = paths.get(next++);
                    ahead.add(pool.submit(() -> {
                        Entry e = analyzeOne(p, options);
                        // the parse can go as soon as its JSON exists; a failure is kept for the caller
                        return new Written(entryWriter.writeValueAsString(e), e.error() == null ? null : e);
                    }));
                }
                Written done = await(ahead.poll(), paths.get(written));
                g.writeRawValue(done.json());
                if (done.failed() != null) failed.add(done.failed());
            }
            g.writeEndArray();
            g.writeStringField("schema", SCHEMA);
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeEndObject();
        } finally {
            pool.shutdownNow();
        }
        w.write(System.lineSeparator());
        w.flush();
        return failed;
    }

    /** One file's JSON, and its entry when it failed. */
    private record Written(String json, Entry failed) {
    }

    private static Written await(java.util.concurrent.Future<Written> f, Path path) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io; // writing the JSON of it failed
            // analyzeOne turns every I/O and format problem into an entry; anything else is a bug to show
            throw new IllegalStateException("analysing " + path + " failed", e.getCause());
        }
    }

}
