package dev.crosslens.parsers.sandbox;

/** A run that cannot start: a refusal (PE32 without 32-bit wine, Mach-O), a missing tool, a bad request. */
public class SandboxException extends Exception {
    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
