package dev.crosslens.parsers.macho;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over one of dyld's byte streams (bind and rebase opcodes, the export trie): bytes, ULEB128/SLEB128 of
 * at most 64 bits, C strings that must end inside the stream. Every read that would leave the stream throws
 * {@link StreamException} with the position it started at.
 */
final class MachOOpcodeStream {
    /** A malformed stream: where in it, and why. */
    static final class StreamException extends Exception {
        private static final long serialVersionUID = 1L;
        final int position;

        StreamException(int position, String message) {
            super(message);
            this.position = position;
        }
    }

    final byte[] b;
    int pos;

    MachOOpcodeStream(byte[] b) {
        this.b = b;
    }

    boolean more() {
        return pos < b.length;
    }

    int u8() throws StreamException {
        if (pos >= b.length) throw new StreamException(pos, "stream ends inside an opcode");
        return b[pos++] & 0xff;
    }

    long uleb() throws StreamException {
        int start = pos;
        long result = 0;
        int shift = 0;
        while (true) {
            int v = u8();
            if (shift == 63 && (v & 0x7e) != 0 || shift > 63) {
                throw new StreamException(start, "ULEB128 longer than 64 bits");
            }
            result |= (long) (v & 0x7f) << shift;
            shift += 7;
            if ((v & 0x80) == 0) return result;
        }
    }

    long sleb() throws StreamException {
        int start = pos;
        long result = 0;
        int shift = 0;
        int v;
        do {
            v = u8();
            if (shift > 63) throw new StreamException(start, "SLEB128 longer than 64 bits");
            result |= (long) (v & 0x7f) << shift;
            shift += 7;
        } while ((v & 0x80) != 0);
        if (shift < 64 && (v & 0x40) != 0) result |= -1L << shift;
        return result;
    }

    /** A NUL-terminated UTF-8 string of at most {@code max} bytes. */
    String cString(int max) throws StreamException {
        int start = pos;
        int stop = (int) Math.min(b.length, (long) start + max + 1);
        while (pos < stop && b[pos] != 0) pos++;
        if (pos >= b.length) throw new StreamException(start, "string runs past the end of the stream");
        if (pos >= stop) throw new StreamException(start, "string longer than " + max + " bytes");
        String s = new String(b, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    String cString() throws StreamException {
        return cString(MachOParser.MAX_NAME);
    }
}
