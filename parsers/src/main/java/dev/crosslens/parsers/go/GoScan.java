package dev.crosslens.parsers.go;

import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.ByteSearch;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.ByteBuffer;

/** Chunked byte-pattern search over a reader window (one bulk read per chunk, not one call per byte). */
final class GoScan {
    private static final int CHUNK = 1 << 22;

    private GoScan() {
    }

    /**
     * The first offset {@code >= from} and {@code < to} where {@code needle} starts and
     * {@code (offset - alignBase) % align == 0}, or -1.
     */
    static long find(BinaryReader r, byte[] needle, long from, long to, int align, long alignBase,
                     ParseOptions options) throws ParseCancelledException {
        long end = Math.min(to, r.size());
        long start = Math.max(0, from);
        long rem = Math.floorMod(start - alignBase, (long) align);
        if (rem != 0) start += align - rem;
        while (start + needle.length <= end) {
            options.checkCancelled();
            long len = Math.min((long) CHUNK + needle.length - 1, end - start);
            ByteBuffer buf;
            try {
                buf = r.buffer(start, len);
            } catch (MalformedBinaryException e) {
                return -1;
            }
            byte[] b = buf.array();
            int limit = (int) len - needle.length;
            if (align == 1) {
                int at = ByteSearch.indexOf(b, 0, (int) len, needle);
                if (at >= 0) return start + at;
            } else {
                for (int i = 0; i <= limit; i += align) {
                    if (b[i] != needle[0]) continue;
                    int j = 1;
                    while (j < needle.length && b[i + j] == needle[j]) j++;
                    if (j == needle.length) return start + i;
                }
            }
            long step = Math.max(align, ((long) limit + 1 + align - 1) / align * align);
            start += step;
        }
        return -1;
    }

    /**
     * Every offset in [{@code from}, {@code to}) where {@code needle} starts, in one pass over the window
     * (at most {@code max} of them).
     */
    static java.util.List<Long> findAll(BinaryReader r, byte[] needle, long from, long to, int max,
                                        ParseOptions options) throws ParseCancelledException {
        java.util.List<Long> out = new java.util.ArrayList<>();
        long end = Math.min(to, r.size());
        long start = Math.max(0, from);
        while (start + needle.length <= end && out.size() < max) {
            options.checkCancelled();
            long len = Math.min((long) CHUNK + needle.length - 1, end - start);
            byte[] b;
            try {
                b = r.buffer(start, len).array();
            } catch (MalformedBinaryException e) {
                return out;
            }
            int limit = (int) len - needle.length;
            for (int i = ByteSearch.indexOf(b, 0, (int) len, needle); i >= 0 && out.size() < max;
                 i = ByteSearch.indexOf(b, i + 1, (int) len, needle)) {
                out.add(start + i);
            }
            start += limit + 1;
        }
        return out;
    }
}
