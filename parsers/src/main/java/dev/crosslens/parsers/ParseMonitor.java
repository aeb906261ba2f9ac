package dev.crosslens.parsers;

/** Progress and cancellation for long parses. The GUI passes one that feeds a progress bar and a Cancel button. */
public interface ParseMonitor {
    ParseMonitor NONE = new ParseMonitor() {
    };

    /** {@code done} of {@code total} units of the named stage are finished. */
    default void progress(String stage, long done, long total) {
    }

    default boolean isCancelled() {
        return false;
    }
}
