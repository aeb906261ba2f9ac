package dev.crosslens.parsers.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Finding a byte string in a byte array eight bytes at a time: each little-endian word is tested for the needle's
 * first byte with the "has zero byte" bit trick (Hacker's Delight 6-1; the test can flag a byte that is not a match,
 * never miss one), and only flagged positions are compared in full. Several times faster than a byte loop on the
 * large, mostly non-matching spans the Go and libc scans walk.
 */
public final class ByteSearch {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteSearch() {
    }

    /**
     * The first index {@code i} with {@code from <= i} and {@code i + needle.length <= to} where {@code needle}
     * starts in {@code a}, or -1. {@code needle} must not be empty.
     */
    public static int indexOf(byte[] a, int from, int to, byte[] needle) {
        int n = needle.length;
        int last = Math.min(to, a.length) - n;
        int i = Math.max(0, from);
        long pattern = (needle[0] & 0xFFL) * ONES;
        for (; i <= last - 7; i += 8) {
            long x = (long) LONGS.get(a, i) ^ pattern;
            long flagged = (x - ONES) & ~x & HIGHS;
            while (flagged != 0) {
                int at = i + (Long.numberOfTrailingZeros(flagged) >>> 3);
                if (Arrays.equals(a, at, at + n, needle, 0, n)) return at;
                flagged &= flagged - 1;
            }
        }
        for (; i <= last; i++) {
            if (a[i] == needle[0] && Arrays.equals(a, i, i + n, needle, 0, n)) return i;
        }
        return -1;
    }
}
