package dev.crosslens.parsers.sandbox;

import dev.crosslens.model.trace.OutputChunk;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.SessionHeader;
import dev.crosslens.model.trace.TraceEvent;

/** Receives a run as it happens, on the runner's threads (never the UI thread): queue, do not block. */
public interface RunListener {
    default void started(SessionHeader header) {
    }

    default void event(TraceEvent e) {
    }

    default void output(OutputChunk chunk) {
    }

    default void finished(SessionFooter footer) {
    }
}
