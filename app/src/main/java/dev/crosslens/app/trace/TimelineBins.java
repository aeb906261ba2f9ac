package dev.crosslens.app.trace;

import dev.crosslens.model.trace.TraceCategory;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the timeline draws, kept as events arrive instead of recomputed from all of them: per process a fixed number
 * of time buckets, each the set of categories seen in it (a bit mask). When an event falls past the last bucket the
 * bucket width doubles and neighbouring buckets are merged, so adding is O(1) and drawing is O(lanes x buckets)
 * however long the run. Not thread-safe (the FX thread owns it); no JavaFX.
 */
public final class TimelineBins {
    /** Buckets per lane: more than a timeline is pixels wide. */
    public static final int BUCKETS = 4096;
    private final Map<Integer, int[]> lanes = new TreeMap<>();
    private long start = -1;
    private long width = 256; // µs per bucket
    private long end;

    public void add(int pid, long timeMicros, TraceCategory category) {
        if (start < 0) start = timeMicros;
        long t = Math.max(0, timeMicros - start);
        while (t >= width * BUCKETS) grow();
        lanes.computeIfAbsent(pid, k -> new int[BUCKETS])[(int) (t / width)] |= 1 << category.ordinal();
        end = Math.max(end, timeMicros);
    }

    private void grow() {
        for (int[] b : lanes.values()) {
            for (int i = 0; i < BUCKETS / 2; i++) b[i] = b[2 * i] | b[2 * i + 1];
            Arrays.fill(b, BUCKETS / 2, BUCKETS, 0);
        }
        width *= 2;
    }

    public void clear() {
        lanes.clear();
        start = -1;
        width = 256;
        end = 0;
    }

    /** Lanes by pid, each {@link #BUCKETS} masks of categories. */
    public Map<Integer, int[]> lanes() {
        return lanes;
    }

    /** Time of the first event (µs), 0 when there is none. */
    public long start() {
        return Math.max(0, start);
    }

    /** Time of the last event (µs). */
    public long end() {
        return end;
    }

    /** µs per bucket. */
    public long bucketWidth() {
        return width;
    }
}
