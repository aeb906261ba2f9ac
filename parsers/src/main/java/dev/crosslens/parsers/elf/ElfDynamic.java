package dev.crosslens.parsers.elf;

import dev.crosslens.model.Extent;
import dev.crosslens.model.elf.ElfDynamicEntry;
import dev.crosslens.model.elf.ElfProgramHeader;
import dev.crosslens.model.elf.ElfSectionHeader;
import dev.crosslens.parsers.io.MalformedBinaryException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The dynamic section, read from its section header or, without one, from PT_DYNAMIC. Entries are kept up to
 * and including the first DT_NULL, as readelf counts them.
 *
 * @param present false when the image has no dynamic section at all
 */
record ElfDynamic(boolean present, List<ElfDynamicEntry> entries, List<String> needed, List<Extent> neededExtents,
                  String soname, String rpath, String runpath, long flags, long flags1, boolean bindNowTag) {
    static final long DT_NULL = 0;
    static final long DT_NEEDED = 1;
    static final long DT_STRSZ = 10;
    static final long DT_STRTAB = 5;
    static final long DT_SONAME = 14;
    static final long DT_RPATH = 15;
    static final long DT_BIND_NOW = 24;
    static final long DT_RUNPATH = 29;
    static final long DT_FLAGS = 30;
    static final long DT_FLAGS_1 = 0x6ffffffbL;
    static final long DF_BIND_NOW = 0x8;
    static final long DF_1_NOW = 0x1;
    static final long DF_1_PIE = 0x08000000L;

    static final ElfDynamic NONE = new ElfDynamic(false, List.of(), List.of(), List.of(), null, null, null, 0, 0,
            false);

    boolean bindNow() {
        return bindNowTag || (flags & DF_BIND_NOW) != 0 || (flags1 & DF_1_NOW) != 0;
    }

    boolean pie() {
        return (flags1 & DF_1_PIE) != 0;
    }

    static ElfDynamic read(ElfContext ctx) {
        long offset = -1;
        long size = 0;
        ElfSectionHeader section = null;
        for (ElfSectionHeader s : ctx.sections) {
            if (s.type() == ElfParser.SHT_DYNAMIC) {
                section = s;
                offset = s.offset();
                size = s.size();
                break;
            }
        }
        if (section == null) {
            for (ElfProgramHeader p : ctx.segments) {
                if (p.type() == ElfParser.PT_DYNAMIC) {
                    offset = p.offset();
                    size = p.filesz();
                    break;
                }
            }
        }
        if (offset < 0) return NONE;
        int entSize = ctx.is64 ? 16 : 8;
        long count = Long.divideUnsigned(size, entSize);
        try {
            ctx.r.checkTable(offset, count, entSize, ctx.options.maxImports(), "dynamic section");
        } catch (MalformedBinaryException e) {
            ctx.error("elf.dynamic.table", e);
            return NONE;
        }
        long[] tags = new long[(int) count];
        long[] values = new long[(int) count];
        int n = 0;
        try {
            ByteBuffer b = ctx.r.buffer(offset, count * entSize);
            while (n < count) {
                int at = n * entSize;
                tags[n] = ctx.is64 ? b.getLong(at) : b.getInt(at);
                values[n] = ctx.is64 ? b.getLong(at + 8) : ElfParser.u32(b, at + 4);
                n++;
                if (tags[n - 1] == DT_NULL) break;
            }
        } catch (MalformedBinaryException e) {
            ctx.error("elf.dynamic.table", e);
            return NONE;
        }
        ElfStrings strings = dynamicStrings(ctx, section, tags, values, n, ctx.r.extent(offset, (long) n * entSize));
        List<ElfDynamicEntry> entries = new ArrayList<>(n);
        List<String> needed = new ArrayList<>();
        List<Extent> neededExtents = new ArrayList<>();
        String soname = null;
        String rpath = null;
        String runpath = null;
        long flags = 0;
        long flags1 = 0;
        boolean bindNow = false;
        for (int i = 0; i < n; i++) {
            long tag = tags[i];
            long value = values[i];
            Extent extent = ctx.r.extent(offset + (long) i * entSize, entSize);
            String text = null;
            if (tag == DT_NEEDED || tag == DT_SONAME || tag == DT_RPATH || tag == DT_RUNPATH) {
                text = strings.at(value);
                if (text == null) {
                    ctx.error("elf.dynamic.string", "DT_" + ElfNames.dynamicTag(tag) + " names string offset "
                            + value + ", outside the dynamic string table (" + strings.size() + " bytes)", extent);
                    text = "";
                }
            }
            if (tag == DT_NEEDED) {
                needed.add(text);
                neededExtents.add(extent);
            } else if (tag == DT_SONAME) {
                soname = text;
            } else if (tag == DT_RPATH) {
                rpath = text;
            } else if (tag == DT_RUNPATH) {
                runpath = text;
            } else if (tag == DT_FLAGS) {
                flags = value;
            } else if (tag == DT_FLAGS_1) {
                flags1 = value;
            } else if (tag == DT_BIND_NOW) {
                bindNow = true;
            }
            entries.add(new ElfDynamicEntry(tag, ElfNames.dynamicTag(tag), value, text, extent));
        }
        return new ElfDynamic(true, entries, needed, neededExtents, soname, rpath, runpath, flags, flags1,
                bindNow);
    }

    private static ElfStrings dynamicStrings(ElfContext ctx, ElfSectionHeader section, long[] tags,
                                             long[] values, int n, Extent table) {
        if (section != null && ctx.section(section.link()) != null && section.link() != 0) {
            return ctx.strings(section.link());
        }
        long strtab = -1;
        long strsz = 0;
        for (int i = 0; i < n; i++) {
            if (tags[i] == DT_STRTAB) strtab = values[i];
            if (tags[i] == DT_STRSZ) strsz = values[i];
        }
        if (strtab == -1) return ElfStrings.EMPTY;
        long off = ctx.fileOffset(strtab);
        if (off < 0) {
            ctx.error("elf.dynamic.strtab", "DT_STRTAB 0x" + Long.toHexString(strtab)
                    + " is not inside a PT_LOAD segment", table);
            return ElfStrings.EMPTY;
        }
        return ctx.readStrings(off, strsz, "DT_STRTAB", false);
    }
}
