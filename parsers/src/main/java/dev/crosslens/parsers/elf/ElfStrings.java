package dev.crosslens.parsers.elf;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A string table read once into memory, with a cache of the strings asked for (symbol and relocation tables
 * ask for the same names again and again). An offset past the table gives null; the caller reports it.
 */
final class ElfStrings {
    static final ElfStrings EMPTY = new ElfStrings(new byte[0]);

    private final byte[] data;
    private final Map<Integer, String> cache = new HashMap<>();

    ElfStrings(byte[] data) {
        this.data = data;
    }

    int size() {
        return data.length;
    }

    /** The NUL-terminated string at {@code offset}, or null when the offset is outside the table. */
    String at(long offset) {
        if (offset < 0 || offset >= data.length) return null;
        int start = (int) offset;
        String cached = cache.get(start);
        if (cached != null) return cached;
        int end = start;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        String s = new String(data, start, end - start, StandardCharsets.UTF_8);
        cache.put(start, s);
        return s;
    }

    /** Like {@link #at} but "" instead of null. */
    String orEmpty(long offset) {
        String s = at(offset);
        return s == null ? "" : s;
    }
}
