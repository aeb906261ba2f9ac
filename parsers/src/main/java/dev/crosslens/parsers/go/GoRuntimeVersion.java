package dev.crosslens.parsers.go;

import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code runtime.buildVersion}, the Go string the linker sets to the toolchain version. Candidates are
 * {@code go1.N[.M]} texts in read-only data; one is confirmed when a Go string header (data pointer, length)
 * in writable data points at it with a length that covers exactly a version. Without sections to map addresses
 * the one candidate that all others are prefixes of is
 * returned unconfirmed.
 */
final class GoRuntimeVersion {
    static final Pattern VERSION = Pattern.compile("go1\\.\\d{1,3}(\\.\\d{1,3})?((rc|beta)\\d{1,2})?( X:[a-z0-9,]+)?");
    private static final byte[] PREFIX = "go1.".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_CANDIDATES = 10_000;

    /** The version found, with how it was found. */
    record Found(String version, boolean confirmed, long stringOffset, long headerOffset) {
    }

    Found find(BinaryReader r, GoImageMap map, int ptrSize, ByteOrder order, ParseOptions options)
            throws ParseCancelledException {
        Map<Long, Long> candidates = new LinkedHashMap<>(); // address -> window offset
        Map<String, Long> distinct = new LinkedHashMap<>();
        for (long[] range : ranges(map, r, false)) {
            for (long at : GoScan.findAll(r, PREFIX, range[0], range[1], MAX_CANDIDATES - candidates.size(),
                    options)) {
                String text = matchAt(r, at, 64);
                if (text != null) {
                    long addr = map.addressOf(at);
                    if (addr >= 0) candidates.put(addr, at);
                    distinct.putIfAbsent(text, at);
                }
            }
        }
        if (candidates.isEmpty() && distinct.isEmpty()) return null;
        if (!candidates.isEmpty() && (ptrSize == 4 || ptrSize == 8)) {
            Found f = confirm(r, map, candidates, ptrSize, order, options);
            if (f != null) return f;
        }
        // Unconfirmed: the one version text that every other found text is a prefix of ("go1.26" of "go1.26.5").
        Map.Entry<String, Long> longest = null;
        for (Map.Entry<String, Long> e : distinct.entrySet()) {
            if (longest == null || e.getKey().length() > longest.getKey().length()) longest = e;
        }
        for (String other : distinct.keySet()) {
            if (!longest.getKey().startsWith(other)) return null;
        }
        return new Found(longest.getKey(), false, longest.getValue(), -1);
    }

    private Found confirm(BinaryReader r, GoImageMap map, Map<Long, Long> candidates, int ps, ByteOrder order,
                          ParseOptions options) throws ParseCancelledException {
        // candidate addresses span a small range: a word outside it cannot be a string header's data pointer,
        // which skips the map lookup (and its boxing) for nearly every word of the file
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long a : candidates.keySet()) {
            min = Math.min(min, a);
            max = Math.max(max, a);
        }
        for (long[] range : ranges(map, r, true)) {
            options.checkCancelled();
            long start = range[0] + Math.floorMod(-range[0], (long) ps);
            long len = range[1] - start;
            if (len < 2L * ps || len > Integer.MAX_VALUE - 16) continue;
            ByteBuffer b;
            try {
                b = r.buffer(start, len).order(order);
            } catch (MalformedBinaryException e) {
                continue;
            }
            for (int i = 0; i + 2 * ps <= len; i += ps) {
                long w = ps == 8 ? b.getLong(i) : b.getInt(i) & 0xffffffffL;
                if (w < min || w > max) continue;
                Long off = candidates.get(w);
                if (off == null) continue;
                long n = ps == 8 ? b.getLong(i + ps) : b.getInt(i + ps) & 0xffffffffL;
                if (n < 5 || n > 64) continue;
                try {
                    String s = new String(r.bytes(off, (int) n), StandardCharsets.US_ASCII);
                    if (VERSION.matcher(s).matches()) return new Found(s, true, off, start + i);
                } catch (MalformedBinaryException e) {
                    // the length runs past the window: not this one
                }
            }
        }
        return null;
    }

    private static String matchAt(BinaryReader r, long at, int max) {
        int n = (int) Math.min(max, r.size() - at);
        try {
            String s = new String(r.bytes(at, n), StandardCharsets.ISO_8859_1);
            Matcher m = VERSION.matcher(s);
            return m.lookingAt() ? m.group() : null;
        } catch (MalformedBinaryException e) {
            return null;
        }
    }

    /**
     * Where to look: for the version text, every file-backed section but code and the pclntab (not by the
     * executable flag alone: Mach-O keeps read-only data, __TEXT,__rodata, in the executable segment); for the
     * string header that points at it ({@code runtime.buildVersion} is a variable), only writable data. The whole
     * window when there are no sections.
     */
    private static Iterable<long[]> ranges(GoImageMap map, BinaryReader r, boolean writableOnly) {
        java.util.List<long[]> out = new java.util.ArrayList<>();
        for (GoImageMap.Region s : map.sections()) {
            if (s.name().contains("pclntab") || isCode(s.name())) continue;
            if (writableOnly && !s.writable()) continue;
            out.add(new long[]{s.fileOffset(), s.fileEnd()});
        }
        if (out.isEmpty() && !map.hasSections()) out.add(new long[]{0, r.size()});
        return out;
    }

    private static boolean isCode(String name) {
        return name.equals(".text") || name.equals("__text") || name.endsWith(",__text") || name.equals(".plt");
    }
}
