package dev.crosslens.parsers.report;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.UnsupportedFormatException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        ExecutorService pool = workers(Math.min(threads, paths.size()));
        try {
            List<Future<Entry>> futures = new ArrayList<>();
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

    private static ExecutorService workers(int n) {
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "crosslens-analyze");
            t.setDaemon(true);
            return t;
        });
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

    /** Writes the whole document (compact, or indented when {@code pretty}) and a newline to {@code out}. */
    public void writeJson(OutputStream out, boolean pretty) throws IOException {
        Document doc = new Document(out, pretty);
        for (Entry e : entries) doc.entry(doc.serialize(e));
        doc.end();
    }

    /**
     * Analyses the files and writes the same document as {@code analyze(paths, ..).writeJson(out, pretty)}, but as
     * it goes: each file is parsed <em>and</em> turned into UTF-8 JSON on a worker (up to {@code threads} at once, a
     * few ahead), then its bytes are written in the order of {@code paths} and dropped, so neither every parse nor
     * the whole document is held at once, and the serialization runs on every core. Returns the entries that
     * failed (their error is in the document too).
     */
    public static List<Entry> streamJson(List<Path> paths, ParseOptions options, int threads, OutputStream out,
                                         boolean pretty) throws IOException {
        int workers = Math.max(1, Math.min(threads, paths.size()));
        ExecutorService pool = workers(workers);
        Document doc = new Document(out, pretty);
        List<Entry> failed = new ArrayList<>();
        ArrayDeque<Future<Written>> ahead = new ArrayDeque<>();
        int next = 0;
        try {
            for (int written = 0; written < paths.size(); written++) {
                while (next < paths.size() && ahead.size() < workers * 2) {
                    Path p = paths.get(next++);
                    ahead.add(pool.submit(() -> {
                        Entry e = analyzeOne(p, options);
                        // the parse can go as soon as its JSON exists; a failure is kept for the caller
                        return new Written(doc.serialize(e), e.error() == null ? null : e);
                    }));
                }
                Written done = await(ahead.poll(), paths.get(written));
                doc.entry(done.json());
                if (done.failed() != null) failed.add(done.failed());
            }
            doc.end();
        } finally {
            pool.shutdownNow();
        }
        return failed;
    }

    /** One file's JSON, and its entry when it failed. */
    private record Written(ByteChunks json, Entry failed) {
    }

    /**
     * The document around the entries, written by hand so each entry's bytes (made on a worker) go out as they
     * are: {@code {"schema":..,"schemaVersion":1,"files":[ENTRY,ENTRY]}} plus a newline, or the same laid out as
     * Jackson's default pretty printer lays it out (entries are indented one level in by their writer).
     */
    private static final class Document {
        private final OutputStream out;
        private final boolean pretty;
        private boolean first = true;

        Document(OutputStream out, boolean pretty) throws IOException {
            this.out = out;
            this.pretty = pretty;
            String head = pretty
                    ? "{\n  \"schema\" : \"" + SCHEMA + "\",\n  \"schemaVersion\" : " + SCHEMA_VERSION + ",\n  \"files\" : ["
                    : "{\"schema\":\"" + SCHEMA + "\",\"schemaVersion\":" + SCHEMA_VERSION + ",\"files\":[";
            out.write(head.getBytes(StandardCharsets.UTF_8));
        }

        /** Thread-safe: each call has its own generator. */
        ByteChunks serialize(Entry e) throws IOException {
            ByteChunks json = new ByteChunks();
            JsonSupport.writeUtf8(json, e, pretty, 1);
            return json;
        }

        void entry(ByteChunks json) throws IOException {
            out.write(first ? (pretty ? SPACE : NOTHING) : (pretty ? COMMA_SPACE : COMMA));
            first = false;
            json.writeTo(out);
        }

        void end() throws IOException {
            out.write(((pretty ? " ]\n}" : "]}") + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private static final byte[] NOTHING = {};
        private static final byte[] SPACE = {' '};
        private static final byte[] COMMA = {','};
        private static final byte[] COMMA_SPACE = {',', ' '};
    }

    private static Written await(Future<Written> f, Path path) throws IOException {
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
