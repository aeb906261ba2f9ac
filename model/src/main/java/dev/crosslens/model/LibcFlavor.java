package dev.crosslens.model;

/** Which C runtime an image links against. */
public enum LibcFlavor {
    GLIBC("glibc"),
    MUSL("musl"),
    BIONIC("bionic"),
    UCLIBC("uClibc"),
    MSVCRT("msvcrt"),
    UCRT("UCRT"),
    VCRUNTIME("vcruntime"),
    LIBSYSTEM("libSystem"),
    BSD_LIBC("BSD libc"),
    /** No C runtime at all (pure Go static, freestanding). */
    NONE("none"),
    UNKNOWN("unknown");

    private final String label;

    LibcFlavor(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
