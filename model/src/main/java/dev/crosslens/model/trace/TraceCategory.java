package dev.crosslens.model.trace;

import java.util.Locale;

/** The family an event belongs to; syscall classes selected for a run use the same words. */
public enum TraceCategory {
    FILE, NETWORK, PROCESS, MEMORY, SIGNAL, IPC, REGISTRY, LIBRARY, TIME, OTHER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label ("file", "NETWORK"); unknown words give {@link #OTHER}. */
    public static TraceCategory parse(String s) {
        if (s == null) return OTHER;
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }
}
