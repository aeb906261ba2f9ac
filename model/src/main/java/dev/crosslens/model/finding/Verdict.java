package dev.crosslens.model.finding;

/** Whether a binary will run on a target. Ordered from worst to best, so the worst reason wins. */
public enum Verdict {
    /** Something the target cannot provide: wrong arch, missing loader, too new a glibc, unsupported OS version. */
    WILL_FAIL("will fail"),
    /** The file does not say enough (a shared library's users, a CPU level the target does not state). */
    CANNOT_TELL("cannot tell"),
    RUNS("runs");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The worse of two verdicts. */
    public Verdict worst(Verdict other) {
        return other.ordinal() < ordinal() ? other : this;
    }
}
