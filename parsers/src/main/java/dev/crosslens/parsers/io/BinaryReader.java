package dev.crosslens.parsers.io;

import dev.crosslens.model.Extent;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked, endian-aware reads over a {@link ByteSource} window. Offsets passed in are relative to the
 * window; {@link #extent(long, long)} and every exception report absolute file offsets, so a fat slice or an
 * archive member points at the right bytes of the whole file.
 *
 * <p>Every read checks {@code offset >= 0 && size <= limit - offset} (no overflow). Unsigned values are widened:
 * u16 and u32 come back as int and long, u64 in a long to be compared with {@link Long#compareUnsigned}.
 */
public final class BinaryReader {
    private final ByteSource source;
    private final long base;
    private final long limit;
    private final ByteOrder order;

    private BinaryReader(ByteSource source, long base, long limit, ByteOrder order) {
        this.source = source;
        this.base = base;
        this.limit = limit;
        this.order = order;
    }

    public static BinaryReader of(ByteSource source) {
        return new BinaryReader(source, 0, source.size(), ByteOrder.LITTLE_ENDIAN);
    }

    public static BinaryReader of(byte[] data) {
        return of(new ArrayByteSource(data));
    }

    /** Window size in bytes. */
    public long size() {
        return limit;
    }

    /** Absolute offset of this window's first byte in the file. */
    public long base() {
        return base;
    }

    public ByteOrder order() {
        return order;
    }

    public BinaryReader withOrder(ByteOrder newOrder) {
        return newOrder == order ? this : new BinaryReader(source, base, limit, newOrder);
    }

    /** A window of {@code length} bytes at {@code offset}: reads in it are relative to its start. */
    public BinaryReader slice(long offset, long length) throws MalformedBinaryException {
        check(offset, length, "slice");
        return new BinaryReader(source, base + offset, length, order);
    }

    /** The absolute extent of {@code size} bytes at the window-relative {@code offset}. */
    public Extent extent(long offset, long size) {
        return new Extent(base + offset, Math.max(0, size));
    }

    /** The absolute file offset of a window-relative offset. */
    public long absolute(long offset) {
        return base + offset;
    }

    public boolean inBounds(long offset, long size) {
        return offset >= 0 && size >= 0 && size <= limit - offset;
    }

    /** Throws unless {@code size} bytes at {@code offset} are inside the window. */
    public void check(long offset, long size, String what) throws MalformedBinaryException {
        if (!inBounds(offset, size)) {
            throw new MalformedBinaryException(base + Math.max(0, offset),
                    what + ": " + size + " bytes at 0x" + Long.toHexString(offset) + " run past the end ("
                            + limit + " bytes)");
        }
    }

    /**
     * Checks a table of {@code count} entries of {@code entrySize} bytes before anything is allocated for it
     * (Go's saferio): the count must fit {@code cap} and the bytes must be there.
     */
    public void checkTable(long offset, long count, long entrySize, long cap, String what)
            throws MalformedBinaryException {
        if (count < 0 || entrySize < 0) {
            throw new MalformedBinaryException(base + Math.max(0, offset), what + ": negative count " + count);
        }
        if (count > cap) {
            throw new MalformedBinaryException(base + Math.max(0, offset),
                    what + ": " + count + " entries exceed the limit of " + cap);
        }
        if (entrySize != 0 && count > (Long.MAX_VALUE / entrySize)) {
            throw new MalformedBinaryException(base + Math.max(0, offset), what + ": size overflows");
        }
        check(offset, count * entrySize, what);
    }

    public int u8(long offset) throws MalformedBinaryException {
        check(offset, 1, "u8");
        return source.get(base + offset) & 0xff;
    }

    public int u16(long offset) throws MalformedBinaryException {
        check(offset, 2, "u16");
        int b0 = source.get(base + offset) & 0xff;
        int b1 = source.get(base + offset + 1) & 0xff;
        return order == ByteOrder.LITTLE_ENDIAN ? b0 | (b1 << 8) : (b0 << 8) | b1;
    }

    public long u32(long offset) throws MalformedBinaryException {
        return s32(offset) & 0xffffffffL;
    }

    public int s32(long offset) throws MalformedBinaryException {
        check(offset, 4, "u32");
        long p = base + offset;
        int b0 = source.get(p) & 0xff;
        int b1 = source.get(p + 1) & 0xff;
        int b2 = source.get(p + 2) & 0xff;
        int b3 = source.get(p + 3) & 0xff;
        return order == ByteOrder.LITTLE_ENDIAN
                ? b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)
                : (b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
    }

    /** u64 as a long: compare with {@link Long#compareUnsigned}. */
    public long u64(long offset) throws MalformedBinaryException {
        check(offset, 8, "u64");
        long lo = s32(offset) & 0xffffffffL;
        long hi = s32(offset + 4) & 0xffffffffL;
        return order == ByteOrder.LITTLE_ENDIAN ? lo | (hi << 32) : (lo << 32) | hi;
    }

    /** A 4- or 8-byte word, by the image's class. */
    public long word(long offset, boolean is64) throws MalformedBinaryException {
        return is64 ? u64(offset) : u32(offset);
    }

    public byte[] bytes(long offset, int length) throws MalformedBinaryException {
        check(offset, length, "bytes");
        byte[] out = new byte[length];
        source.read(base + offset, out, 0, length);
        return out;
    }

    /** {@code length} bytes as a buffer in this reader's byte order, for fast decoding of a checked table. */
    public ByteBuffer buffer(long offset, long length) throws MalformedBinaryException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new MalformedBinaryException(base + offset, "table of " + length + " bytes is too large");
        }
        return ByteBuffer.wrap(bytes(offset, (int) length)).order(order);
    }

    /**
     * A NUL-terminated string of at most {@code max} bytes (UTF-8; invalid bytes are replaced). Stops at the
     * window's end without throwing when {@code offset} itself is inside it.
     */
    public String cString(long offset, int max) throws MalformedBinaryException {
        check(offset, 0, "string");
        if (offset >= limit) {
            throw new MalformedBinaryException(base + offset, "string starts past the end");
        }
        long end = Math.min(limit, offset + max);
        int len = 0;
        while (offset + len < end && source.get(base + offset + len) != 0) {
            len++;
        }
        byte[] b = new byte[len];
        source.read(base + offset, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A fixed-size field padded with NULs ({@code char segname[16]}, PE section names). */
    public String fixedString(long offset, int length) throws MalformedBinaryException {
        byte[] b = bytes(offset, length);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Index of the first occurrence of {@code needle} in [{@code from}, {@code to}), or -1. Reads the window in
     * 256 KiB chunks (overlapping by the needle's length) and searches each in memory: a scan of a 10 MB binary
     * costs one bulk copy, not ten million bounds-checked single-byte reads.
     */
    public long indexOf(byte[] needle, long from, long to) {
        int n = needle.length;
        long start = Math.max(0, from);
        long end = Math.min(limit, to);
        if (n == 0) return start <= end ? start : -1;
        final int chunk = 1 << 18;
        byte[] buf = new byte[(int) Math.min(chunk + n - 1, Math.max(0, end - start))];
        for (long pos = start; pos + n <= end; pos += chunk) {
            int len = (int) Math.min(buf.length, end - pos);
            source.read(base + pos, buf, 0, len);
            int at = ByteSearch.indexOf(buf, 0, len, needle);
            if (at >= 0) return pos + at;
        }
        return -1;
    }
}
