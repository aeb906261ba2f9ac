package dev.crosslens.parsers.sandbox;

import java.util.Locale;

/** Which runner to use; AUTO picks from the binary's format, arch, bits and endianness. */
public enum RunnerKind {
    AUTO, WINE, QEMU, NATIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunnerKind parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
