package dev.crosslens.model.trace;

/**
 * Where a recorded session file stops making sense (a crash mid-write, a cut copy): everything before it was
 * read.
 *
 * @param line       1-based line number of the first unreadable line
 * @param byteOffset offset of that line's first byte in the file
 */
public record SessionBreak(long line, long byteOffset, String reason) {
    @Override
    public String toString() {
        return "line " + line + " (byte " + byteOffset + "): " + reason;
    }
}
