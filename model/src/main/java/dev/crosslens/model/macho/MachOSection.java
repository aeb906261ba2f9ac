package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/**
 * A section / section_64 header. {@code offset} is the raw field (0 for zerofill sections).
 *
 * @param typeName         {@code S_REGULAR}, {@code S_ZEROFILL} ... from {@code flags & 0xff}
 * @param relocationCount  nreloc: relocation entries of an MH_OBJECT section
 * @param relocationExtent where its relocation entries are
 */
public record MachOSection(int index, String segmentName, String name, long address, long size, long offset,
                           long align, long relocationOffset, long relocationCount, long flags, String typeName,
                           long reserved1, long reserved2, long reserved3, Extent headerExtent, Extent dataExtent,
                           Extent relocationExtent) {
    public static final long S_ATTR_PURE_INSTRUCTIONS = 0x80000000L;
    public static final long S_ATTR_SOME_INSTRUCTIONS = 0x400L;

    public int type() {
        return (int) (flags & 0xff);
    }

    /** Occupies no file bytes (S_ZEROFILL, S_GB_ZEROFILL, S_THREAD_LOCAL_ZEROFILL). */
    public boolean zeroFill() {
        int t = type();
        return t == 0x1 || t == 0xc || t == 0x12;
    }

    public boolean code() {
        return (flags & (S_ATTR_PURE_INSTRUCTIONS | S_ATTR_SOME_INSTRUCTIONS)) != 0;
    }
}
