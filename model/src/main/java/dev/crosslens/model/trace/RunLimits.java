package dev.crosslens.model.trace;

/**
 * Caps of one run.
 *
 * @param timeoutMillis   wall-clock limit; the whole process tree is killed when it passes
 * @param maxEvents       events kept in the session; later ones are counted as dropped
 * @param maxTraceBytes   bytes of raw trace read per trace file (strace, WINEDEBUG)
 * @param maxOutputBytes  bytes kept of stdout and of stderr each
 * @param maxRelayLines   WINEDEBUG relay lines looked at before relay is ignored (relay is very verbose)
 */
public record RunLimits(long timeoutMillis, int maxEvents, long maxTraceBytes, long maxOutputBytes,
                        long maxRelayLines) {
    public RunLimits {
        if (timeoutMillis <= 0) throw new IllegalArgumentException("timeout must be positive: " + timeoutMillis);
        if (maxEvents <= 0) throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
    }

    public static RunLimits defaults() {
        return new RunLimits(10_000, 500_000, 256L << 20, 1L << 20, 2_000_000);
    }

    public RunLimits withTimeoutMillis(long millis) {
        return new RunLimits(millis, maxEvents, maxTraceBytes, maxOutputBytes, maxRelayLines);
    }
}
