package dev.crosslens.model;

import java.util.Objects;

/**
 * A problem met while reading a file: data, not a log line. {@code code} is stable and machine-readable
 * ({@code elf.symtab.truncated}); {@code message} is for people and names what was expected.
 */
public record Diagnostic(Severity severity, String code, String message, Extent extent) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        extent = extent == null ? Extent.NONE : extent;
    }

    public static Diagnostic error(String code, String message, Extent extent) {
        return new Diagnostic(Severity.ERROR, code, message, extent);
    }

    public static Diagnostic warning(String code, String message, Extent extent) {
        return new Diagnostic(Severity.WARNING, code, message, extent);
    }

    public static Diagnostic info(String code, String message, Extent extent) {
        return new Diagnostic(Severity.INFO, code, message, extent);
    }

    @Override
    public String toString() {
        return severity + " " + code + " at " + extent + ": " + message;
    }
}
