package dev.crosslens.parsers.elf;

import dev.crosslens.model.Extent;
import dev.crosslens.model.RelocationSummary;
import dev.crosslens.model.elf.ElfRelocation;
import dev.crosslens.model.elf.ElfRelocationSection;
import dev.crosslens.model.elf.ElfSectionHeader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the REL, RELA and RELR sections. With {@code ParseOptions.readRelocationEntries} off, a section is
 * only counted (its size over its entry size), which is what the first screen needs.
 */
final class ElfRelocationReader {
    static final long SHT_RELA = 4;
    static final long SHT_REL = 9;
    static final long SHT_RELR = 19;

    private final ElfContext ctx;
    private final ElfSymbolReader.Result symbols;
    private long budget;

    ElfRelocationReader(ElfContext ctx, ElfSymbolReader.Result symbols) {
        this.ctx = ctx;
        this.symbols = symbols;
        this.budget = ctx.options.maxRelocations();
    }

    List<ElfRelocationSection> read() throws ParseCancelledException {
        List<ElfRelocationSection> out = new ArrayList<>();
        for (ElfSectionHeader s : ctx.sections) {
            if (s.type() != SHT_REL && s.type() != SHT_RELA && s.type() != SHT_RELR) continue;
            out.add(readSection(s));
        }
        return out;
    }

    private ElfRelocationSection readSection(ElfSectionHeader s) throws ParseCancelledException {
        String kind = s.type() == SHT_RELA ? "RELA" : s.type() == SHT_REL ? "REL" : "RELR";
        int word = ctx.is64 ? 8 : 4;
        int minSize = s.type() == SHT_RELA ? 3 * word : s.type() == SHT_REL ? 2 * word : word;
        long entSize = s.entsize() >= minSize ? s.entsize() : minSize;
        if (s.entsize() != 0 && s.entsize() < minSize) {
            ctx.warning("elf.reloc.entsize", s.name() + " sh_entsize " + s.entsize() + " is smaller than "
                    + minSize, s.headerExtent());
        }
        String appliesTo = s.info() != 0 ? ctx.sectionName(s.info()) : "";
        long count = s.size() / entSize;
        try {
            ctx.r.checkTable(s.offset(), count, entSize, budget, kind + " section " + s.name());
        } catch (MalformedBinaryException e) {
            ctx.error("elf.reloc.table", e);
            return new ElfRelocationSection(s.name(), kind, 0, appliesTo, List.of(), Extent.NONE);
        }
        budget -= count;
        Extent extent = ctx.sectionExtent(s);
        if (!ctx.options.readRelocationEntries() || count == 0) {
            return new ElfRelocationSection(s.name(), kind, count, appliesTo, List.of(), extent);
        }
        try {
            ByteBuffer b = ctx.r.buffer(s.offset(), count * entSize);
            List<ElfRelocation> entries = s.type() == SHT_RELR
                    ? relr(b, count, s.offset())
                    : relOrRela(b, count, entSize, s);
            return new ElfRelocationSection(s.name(), kind, count, appliesTo, entries, extent);
        } catch (MalformedBinaryException e) {
            ctx.error("elf.reloc.table", e);
            return new ElfRelocationSection(s.name(), kind, count, appliesTo, List.of(), extent);
        }
    }

    private List<ElfRelocation> relOrRela(ByteBuffer b, long count, long entSize, ElfSectionHeader s)
            throws ParseCancelledException {
        boolean rela = s.type() == SHT_RELA;
        String[] names = symbols.namesBySection().get((int) s.link());
        boolean mips64 = ctx.machine == ElfNames.EM_MIPS && ctx.is64;
        boolean little = ctx.r.order() == java.nio.ByteOrder.LITTLE_ENDIAN;
        Map<Long, String> typeNames = new HashMap<>();
        List<ElfRelocation> out = new ArrayList<>((int) count);
        long badSymbols = 0;
        for (int i = 0; i < count; i++) {
            if ((i & 0xfff) == 0) {
                ctx.options.checkCancelled();
                ctx.options.monitor().progress("ELF relocations", i, count);
            }
            int at = (int) (i * entSize);
            long offset;
            long info;
            long addend = 0;
            long sym;
            long type;
            if (ctx.is64) {
                offset = b.getLong(at);
                info = b.getLong(at + 8);
                if (rela) addend = b.getLong(at + 16);
                if (mips64 && little) {
                    sym = info & 0xffffffffL;
                    type = (info >>> 56) & 0xff;
                } else if (mips64) {
                    sym = info >>> 32;
                    type = info & 0xff;
                } else {
                    sym = info >>> 32;
                    type = info & 0xffffffffL;
                }
            } else {
                offset = ElfParser.u32(b, at);
                info = ElfParser.u32(b, at + 4);
                if (rela) addend = b.getInt(at + 8);
                sym = info >>> 8;
                type = info & 0xff;
            }
            String symbolName = "";
            if (sym != 0) {
                if (names != null && sym < names.length) {
                    symbolName = names[(int) sym];
                } else {
                    badSymbols++;
                }
            }
            String typeName = typeNames.computeIfAbsent(type,
                    t -> ElfRelocationTypes.name(ctx.machine, ctx.is64, t));
            out.add(new ElfRelocation(offset, type, typeName, sym, symbolName, addend,
                    ctx.r.extent(s.offset() + at, entSize)));
        }
        if (badSymbols > 0 && names != null) {
            ctx.error("elf.reloc.symbol", badSymbols + " entries of " + s.name() + " name symbols past the "
                    + names.length + " of section " + s.link(), ctx.sectionExtent(s));
        }
        return out;
    }

    /** RELR: an even word is an address, an odd word a bitmap of the next 63 (or 31) words. */
    private List<ElfRelocation> relr(ByteBuffer b, long count, long fileOffset)
            throws ParseCancelledException {
        int word = ctx.is64 ? 8 : 4;
        int bits = word * 8 - 1;
        long relativeType = ElfRelocationTypes.relativeType(ctx.machine);
        String relativeName = ElfRelocationTypes.name(ctx.machine, ctx.is64, relativeType);
        List<ElfRelocation> out = new ArrayList<>();
        long base = 0;
        for (int i = 0; i < count; i++) {
            if ((i & 0xfff) == 0) {
                ctx.options.checkCancelled();
                ctx.options.monitor().progress("ELF relocations", i, count);
            }
            long w = ctx.is64 ? b.getLong(i * word) : ElfParser.u32(b, i * word);
            Extent extent = ctx.r.extent(fileOffset + (long) i * word, word);
            if ((w & 1) == 0) {
                out.add(new ElfRelocation(w, relativeType, relativeName, 0, "", 0, extent));
                base = w + word;
            } else {
                for (int bit = 1; bit <= bits; bit++) {
                    if (((w >>> bit) & 1) != 0) {
                        out.add(new ElfRelocation(base + (long) (bit - 1) * word, relativeType, relativeName, 0,
                                "", 0, extent));
                    }
                }
                base += (long) bits * word;
            }
            if (out.size() > ctx.options.maxRelocations()) {
                ctx.error("elf.reloc.relr", "RELR entries expand past the limit of "
                        + ctx.options.maxRelocations() + " relocations", extent);
                break;
            }
        }
        return out;
    }

    static RelocationSummary summary(List<ElfRelocationSection> sections) {
        long total = 0;
        Map<String, Long> byTable = new LinkedHashMap<>();
        Map<String, Long> byType = new LinkedHashMap<>();
        for (ElfRelocationSection s : sections) {
            total += s.count();
            byTable.merge(s.name(), s.count(), Long::sum);
            for (ElfRelocation r : s.entries()) {
                byType.merge(r.typeName(), 1L, Long::sum);
            }
        }
        return new RelocationSummary(total, byTable, byType);
    }
}
