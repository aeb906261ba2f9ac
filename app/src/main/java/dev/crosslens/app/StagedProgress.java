package dev.crosslens.app;

/**
 * Turns the engine's stage reports into one bar that only moves forward. The engine names its stages as it goes
 * ("ELF symbols" 3 of 6, then "ELF symbols" 4096 of 90000, then "Go analysis" ...) and each restarts its own count,
 * so a bar fed with them directly jumps back to zero at every stage. Here every new stage takes a share of what is
 * left below {@link #ENGINE_END}, its own count moves the bar inside that share, and the bar never goes back.
 * Not thread-safe: one worker feeds it.
 */
final class StagedProgress {
    /** Where the engine's part of the bar ends; the load task's own steps take the rest. */
    static final double ENGINE_END = 0.9;
    /** The share of the remaining bar a new stage takes. */
    private static final double SHARE = 0.35;

    private String stage;
    private double start;
    private double width;
    private double value;

    /** Takes one report and returns where the bar stands now, in [0, {@link #ENGINE_END}]. */
    double report(String name, long done, long total) {
        if (stage == null || !stage.equals(name)) {
            stage = name;
            start = value;
            width = (ENGINE_END - start) * SHARE;
        }
        if (total > 0 && done >= 0) {
            double inStage = Math.min(1.0, (double) done / total);
            value = Math.max(value, start + width * inStage);
        }
        return value;
    }

    /** Moves the bar to {@code at} (for the steps after the engine), never back. */
    double advanceTo(double at) {
        value = Math.max(value, Math.min(1.0, at));
        stage = null;
        return value;
    }

    double value() {
        return value;
    }
}
