package dev.crosslens.model.trace;

/**
 * The last line of a recorded session.
 *
 * @param exitCode       exit status when the program exited, null when killed or unknown
 * @param signal         the signal that ended it ("SIGKILL"), null when it exited
 * @param timedOut       killed at the time limit
 * @param stopped        stopped by the user
 * @param eventsDropped  events past {@link RunLimits#maxEvents()} or the trace byte cap, counted not kept
 * @param outputDropped  bytes of stdout/stderr past the output cap
 * @param message        what happened, for people ("killed at the 10 s limit")
 */
public record SessionFooter(long endEpochMillis, Integer exitCode, String signal, boolean timedOut,
                            boolean stopped, long eventsWritten, long eventsDropped, long outputDropped,
                            String message) {
    public SessionFooter {
        message = message == null ? "" : message;
    }
}
