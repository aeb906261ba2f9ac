package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.OutputChunk;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.SessionHeader;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.report.JsonSupport;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a session as JSON lines while it runs: one {@code {"type":"header",...}} line, then {@code event} and
 * {@code output} lines in arrival order, and a {@code footer} line at the end. {@link #flush()} is called by the
 * runner after every batch, so a crash loses at most the batch in flight. Thread-safe.
 */
public final class TraceSessionWriter implements Closeable {
    private final Writer out;
    private long events;

    private TraceSessionWriter(Writer out) {
        this.out = out;
    }

    public static TraceSessionWriter create(Path file, SessionHeader header) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        TraceSessionWriter w = new TraceSessionWriter(new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16));
        w.line("header", header);
        w.flush();
        return w;
    }

    /** Writes to an open writer (export to stdout). */
    public static TraceSessionWriter to(Writer out, SessionHeader header) throws IOException {
        TraceSessionWriter w = new TraceSessionWriter(out);
        w.line("header", header);
        return w;
    }

    public synchronized void event(TraceEvent e) throws IOException {
        line("event", e);
        events++;
    }

    public synchronized void output(OutputChunk c) throws IOException {
        line("output", c);
    }

    public synchronized void footer(SessionFooter f) throws IOException {
        line("footer", f);
        flush();
    }

    public synchronized long eventsWritten() {
        return events;
    }

    private void line(String type, Record value) throws IOException {
        out.write(JsonSupport.typedLine(type, value));
        out.write('\n');
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
