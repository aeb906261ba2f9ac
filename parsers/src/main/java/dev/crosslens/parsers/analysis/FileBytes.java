package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Extent;
import dev.crosslens.parsers.io.ArrayByteSource;
import dev.crosslens.parsers.io.ByteSource;
import dev.crosslens.parsers.io.MappedByteSource;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The raw bytes of the file under check, for the few rules that look for a string no parser records (a build
 * path leaked into a Go binary). Searches are bounded by an extent and read in chunks.
 */
public final class FileBytes implements Closeable {
    private static final int CHUNK = 1 << 20;
    private final ByteSource source;

    private FileBytes(ByteSource source) {
        this.source = source;
    }

    public static FileBytes open(Path path) throws IOException {
        return new FileBytes(MappedByteSource.map(path));
    }

    public static FileBytes of(byte[] data) {
        return new FileBytes(new ArrayByteSource(data));
    }

    public long size() {
        return source.size();
    }

    /** First offset of {@code needle} within {@code within} (the whole file when unknown), or -1. */
    public long find(byte[] needle, Extent within) {
        long from = within.isKnown() ? within.offset() : 0;
        long to = within.isKnown() ? Math.min(size(), within.end()) : size();
        byte[] buf = new byte[CHUNK + needle.length];
        for (long off = from; off < to; off += CHUNK) {
            int len = (int) Math.min(buf.length, to - off);
            source.read(off, buf, 0, len);
            for (int i = 0; i + needle.length <= len; i++) {
                if (matches(buf, i, needle)) return off + i;
            }
        }
        return -1;
    }

    private static boolean matches(byte[] buf, int at, byte[] needle) {
        for (int j = 0; j < needle.length; j++) {
            if (buf[at + j] != needle[j]) return false;
        }
        return true;
    }

    /**
     * The printable run of bytes around {@code offset}: back to the previous non-printable byte, forward to the next,
     * at most {@code max} bytes each way. Returns its extent and text.
     */
    public Extent printableRunAround(long offset, int max) {
        long start = offset;
        while (start > 0 && offset - start < max && printable(source.get(start - 1))) start--;
        long end = offset;
        while (end < size() && end - offset < max && printable(source.get(end))) end++;
        return Extent.of(start, end - start);
    }

    public String text(Extent e) {
        byte[] b = new byte[(int) Math.min(e.size(), 4096)];
        source.read(e.offset(), b, 0, b.length);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static boolean printable(byte b) {
        return b >= 0x20 && b < 0x7f;
    }

    @Override
    public void close() {
        source.close();
    }
}
