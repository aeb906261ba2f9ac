package dev.crosslens.parsers.io;

import java.io.IOException;

/**
 * The bytes are not what the format says they must be. Always names where: the absolute file offset of the
 * structure that failed (as Go's {@code FormatError{off, msg}}).
 */
public class MalformedBinaryException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public MalformedBinaryException(long offset, String message) {
        super(message + " (at offset 0x" + Long.toHexString(offset) + ")");
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
