package dev.crosslens.parsers.sandbox;

import dev.crosslens.model.trace.OutputChunk;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.TraceEvent;

import java.util.ArrayList;
import java.util.List;

/** Collects what a run reports, for assertions. */
final class RecordingListener implements RunListener {
    final List<TraceEvent> events = new ArrayList<>();
    final StringBuilder stdout = new StringBuilder();
    final StringBuilder stderr = new StringBuilder();
    final List<OutputChunk> chunks = new ArrayList<>();
    volatile SessionFooter footer;

    @Override
    public synchronized void event(TraceEvent e) {
        events.add(e);
    }

    @Override
    public synchronized void output(OutputChunk c) {
        (c.stream() == OutputChunk.Stream.STDOUT ? stdout : stderr).append(c.text());
        chunks.add(c);
    }

    @Override
    public void finished(SessionFooter f) {
        footer = f;
    }

    synchronized List<TraceEvent> events() {
        return List.copyOf(events);
    }
}
