package dev.crosslens.parsers.elf;

import dev.crosslens.parsers.ParseMonitor;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Endianness;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Permissions;
import dev.crosslens.model.Section;
import dev.crosslens.model.Segment;
import dev.crosslens.model.elf.ElfDetails;
import dev.crosslens.model.elf.ElfDynamicEntry;
import dev.crosslens.model.elf.ElfHeader;
import dev.crosslens.model.elf.ElfNote;
import dev.crosslens.model.elf.ElfProgramHeader;
import dev.crosslens.model.elf.ElfRelocationSection;
import dev.crosslens.model.elf.ElfSectionHeader;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads an ELF image (32/64-bit, either byte order, any e_type) into the unified view and its ELF details.
 * Only an unusable file header is fatal; every other broken table becomes a diagnostic and an empty table.
 */
public final class ElfParser {
    static final long PT_LOAD = 1;
    static final long PT_DYNAMIC = 2;
    static final long PT_INTERP = 3;
    static final long PT_NOTE = 4;
    static final long SHT_NOTE = 7;
    static final long SHT_DYNAMIC = 6;
    private static final int MAX_INTERP = 4096;

    public ElfImage parse(BinaryReader r, ParseOptions options)
            throws MalformedBinaryException, ParseCancelledException {
        ElfContext ctx = new ElfContext(ordered(r), options);
        ParseMonitor m = options.monitor();
        m.progress("ELF header", 0, 6);
        readHeader(ctx);
        ctx.segments = readProgramHeaders(ctx);
        m.progress("ELF sections", 1, 6);
        ctx.sections = readSectionHeaders(ctx);
        String interpreter = readInterpreter(ctx);
        m.progress("ELF dynamic section", 2, 6);
        ElfDynamic dynamic = ElfDynamic.read(ctx);
        List<ElfNote> notes = ElfNotes.read(ctx);
        m.progress("ELF symbols", 3, 6);
        ElfSymbolReader.Result symbols = new ElfSymbolReader(ctx).read();
        m.progress("ELF relocations", 4, 6);
        List<ElfRelocationSection> relocations = new ElfRelocationReader(ctx, symbols).read();
        m.progress("ELF assessment", 5, 6);

        ElfDetails details = new ElfDetails(ctx.header, ctx.segments, ctx.sections, interpreter,
                dynamic.entries(), dynamic.needed(), dynamic.soname(), dynamic.rpath(), dynamic.runpath(), notes,
                gnuBuildId(notes), symbols.tables(), symbols.versionNeeds(), symbols.versionDefinitions(),
                relocations);
        ElfAssessment assessment = new ElfAssessment(ctx, details, dynamic, symbols.symbols());
        ImageCore core = ImageCore.builder(BinaryFormat.ELF)
                .arch(ElfAssessment.arch(ctx.machine, ctx.is64, ctx.r.order()))
                .rawMachine(ctx.machine)
                .machineName(ElfNames.machine(ctx.machine))
                .bits(ctx.is64 ? 64 : 32)
                .endianness(ctx.r.order() == ByteOrder.BIG_ENDIAN ? Endianness.BIG : Endianness.LITTLE)
                .os(assessment.os())
                .kind(assessment.kind())
                .entry(ctx.header.type() == 1 ? null : ctx.header.entry())
                .linkage(assessment.linkage())
                .sections(unifiedSections(ctx))
                .segments(unifiedSegments(ctx))
                .symbols(symbols.symbols())
                .libraries(symbols.libraries(dynamic.needed(), dynamic.neededExtents()))
                .rpaths(rpaths(dynamic))
                .hardening(assessment.hardening())
                .relocations(ElfRelocationReader.summary(relocations))
                .stripped(!symbols.hasSymtab())
                .diagnostics(ctx.diagnostics)
                .extent(r.extent(0, r.size()))
                .build();
        return new ElfImage(core, details);
    }

    /** The reader in the file's byte order, once EI_CLASS and EI_DATA say the file is usable. */
    private static BinaryReader ordered(BinaryReader r) throws MalformedBinaryException {
        r.check(0, 16, "ELF identification");
        if (r.u8(0) != 0x7f || r.u8(1) != 'E' || r.u8(2) != 'L' || r.u8(3) != 'F') {
            throw new MalformedBinaryException(r.base(), "not an ELF file: bad magic");
        }
        int elfClass = r.u8(4);
        int data = r.u8(5);
        if (elfClass != 1 && elfClass != 2) {
            throw new MalformedBinaryException(r.absolute(4), "EI_CLASS " + elfClass + " is neither 32 nor 64-bit");
        }
        if (data != 1 && data != 2) {
            throw new MalformedBinaryException(r.absolute(5), "EI_DATA " + data + " is neither LSB nor MSB");
        }
        return r.withOrder(data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    private static void readHeader(ElfContext ctx) throws MalformedBinaryException {
        BinaryReader o = ctx.r;
        int elfClass = o.u8(4);
        int data = o.u8(5);
        boolean is64 = elfClass == 2;
        int ehsize = is64 ? 64 : 52;
        o.check(0, ehsize, "ELF file header");
        int osAbi = o.u8(7);
        int type = o.u16(16);
        int machine = o.u16(18);
        long version = o.u32(20);
        long entry = o.word(24, is64);
        long phoff = is64 ? o.u64(32) : o.u32(28);
        long shoff = is64 ? o.u64(40) : o.u32(32);
        int p = is64 ? 48 : 36;
        long flags = o.u32(p);
        ElfHeader h = new ElfHeader(elfClass, data, (int) version, osAbi, ElfNames.osAbi(osAbi, machine), o.u8(8),
                type, ElfNames.fileType(type), machine, entry, phoff, shoff, flags,
                ElfNames.headerFlags(flags, machine), o.u16(p + 4), o.u16(p + 6), o.u16(p + 8), o.u16(p + 10),
                o.u16(p + 12), o.u16(p + 14), o.extent(0, ehsize));
        ctx.header = h;
        ctx.is64 = is64;
        ctx.machine = machine;
        if (version != 1) {
            ctx.warning("elf.header.version", "e_version is " + version + ", expected 1 (EV_CURRENT)",
                    o.extent(20, 4));
        }
    }

    private static List<ElfProgramHeader> readProgramHeaders(ElfContext ctx) {
        ElfHeader h = ctx.header;
        BinaryReader r = ctx.r;
        long count = h.phnum();
        if (count == 0xffff) {
            count = firstSectionField(ctx, "info");
        }
        if (count == 0 || h.phoff() == 0) return List.of();
        int entSize = ctx.is64 ? 56 : 32;
        if (h.phentsize() < entSize) {
            ctx.error("elf.phdr.entsize", "e_phentsize " + h.phentsize() + " is smaller than " + entSize,
                    h.extent());
            return List.of();
        }
        try {
            r.checkTable(h.phoff(), count, h.phentsize(), ctx.options.maxSegments(), "program header table");
        } catch (MalformedBinaryException e) {
            ctx.error("elf.phdr.table", e);
            return List.of();
        }
        List<ElfProgramHeader> out = new ArrayList<>((int) count);
        try {
            ByteBuffer b = r.buffer(h.phoff(), count * h.phentsize());
            for (int i = 0; i < count; i++) {
                int at = i * h.phentsize();
                long type = u32(b, at);
                long flags;
                long offset;
                long vaddr;
                long paddr;
                long filesz;
                long memsz;
                long align;
                if (ctx.is64) {
                    flags = u32(b, at + 4);
                    offset = b.getLong(at + 8);
                    vaddr = b.getLong(at + 16);
                    paddr = b.getLong(at + 24);
                    filesz = b.getLong(at + 32);
                    memsz = b.getLong(at + 40);
                    align = b.getLong(at + 48);
                } else {
                    offset = u32(b, at + 4);
                    vaddr = u32(b, at + 8);
                    paddr = u32(b, at + 12);
                    filesz = u32(b, at + 16);
                    memsz = u32(b, at + 20);
                    flags = u32(b, at + 24);
                    align = u32(b, at + 28);
                }
                Extent bytes = Extent.NONE;
                if (filesz != 0) {
                    if (r.inBounds(offset, filesz)) {
                        bytes = r.extent(offset, filesz);
                    } else {
                        ctx.warning("elf.phdr.outside", "program header " + i + " (" + ElfNames.programHeaderType(
                                type, ctx.machine) + ") points at 0x" + Long.toHexString(offset) + "+"
                                + Long.toUnsignedString(filesz) + ", past the end of the file",
                                r.extent(h.phoff() + at, entSize));
                    }
                }
                out.add(new ElfProgramHeader(i, type, ElfNames.programHeaderType(type, ctx.machine), flags,
                        segmentFlags(flags), offset, vaddr, paddr, filesz, memsz, align, bytes,
                        r.extent(h.phoff() + at, h.phentsize())));
            }
        } catch (MalformedBinaryException e) {
            ctx.error("elf.phdr.table", e);
            return List.of();
        }
        return out;
    }

    /** Extended numbering keeps large counts in section header 0 (sh_size, sh_link, sh_info). */
    private static long firstSectionField(ElfContext ctx, String field) {
        ElfHeader h = ctx.header;
        int entSize = ctx.is64 ? 64 : 40;
        if (h.shoff() == 0 || !ctx.r.inBounds(h.shoff(), entSize)) return 0;
        try {
            switch (field) {
                case "size": return ctx.r.word(h.shoff() + (ctx.is64 ? 32 : 20), ctx.is64);
                case "link": return ctx.r.u32(h.shoff() + (ctx.is64 ? 40 : 24));
                default: return ctx.r.u32(h.shoff() + (ctx.is64 ? 44 : 28));
            }
        } catch (MalformedBinaryException e) {
            return 0;
        }
    }

    private static List<ElfSectionHeader> readSectionHeaders(ElfContext ctx) {
        ElfHeader h = ctx.header;
        BinaryReader r = ctx.r;
        if (h.shoff() == 0) return List.of();
        long count = h.shnum();
        if (count == 0) count = firstSectionField(ctx, "size");
        long shstrndx = h.shstrndx();
        if (shstrndx == 0xffff) shstrndx = firstSectionField(ctx, "link");
        if (count == 0) return List.of();
        int entSize = ctx.is64 ? 64 : 40;
        if (h.shentsize() < entSize) {
            ctx.error("elf.shdr.entsize", "e_shentsize " + h.shentsize() + " is smaller than " + entSize,
                    h.extent());
            return List.of();
        }
        try {
            r.checkTable(h.shoff(), count, h.shentsize(), ctx.options.maxSections(), "section header table");
        } catch (MalformedBinaryException e) {
            ctx.error("elf.shdr.table", e);
            return List.of();
        }
        long[][] raw = new long[(int) count][];
        try {
            ByteBuffer b = r.buffer(h.shoff(), count * h.shentsize());
            for (int i = 0; i < count; i++) {
                int at = i * h.shentsize();
                if (ctx.is64) {
                    raw[i] = new long[] {u32(b, at), u32(b, at + 4), b.getLong(at + 8), b.getLong(at + 16),
                        b.getLong(at + 24), b.getLong(at + 32), u32(b, at + 40), u32(b, at + 44),
                        b.getLong(at + 48), b.getLong(at + 56)};
                } else {
                    raw[i] = new long[] {u32(b, at), u32(b, at + 4), u32(b, at + 8), u32(b, at + 12),
                        u32(b, at + 16), u32(b, at + 20), u32(b, at + 24), u32(b, at + 28), u32(b, at + 32),
                        u32(b, at + 36)};
                }
            }
        } catch (MalformedBinaryException e) {
            ctx.error("elf.shdr.table", e);
            return List.of();
        }
        ElfStrings names = ElfStrings.EMPTY;
        if (shstrndx != 0 && shstrndx < count) {
            long[] s = raw[(int) shstrndx];
            names = ctx.readStrings(s[4], s[5], "section names (.shstrtab)", s[1] == ElfContext.SHT_NOBITS);
        } else if (shstrndx != 0) {
            ctx.error("elf.shstrndx", "e_shstrndx " + shstrndx + " is not a section (there are " + count + ")",
                    h.extent());
        }
        List<ElfSectionHeader> out = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long[] s = raw[i];
            String name = names.at(s[0]);
            if (name == null) {
                if (names.size() > 0) {
                    ctx.warning("elf.section.name", "section " + i + " name offset " + s[0]
                            + " is past the section name table", r.extent(h.shoff() + (long) i * h.shentsize(), 4));
                }
                name = "";
            }
            out.add(new ElfSectionHeader(i, s[0], name, s[1], ElfNames.sectionType(s[1], ctx.machine), s[2], s[3],
                    s[4], s[5], s[6], s[7], s[8], s[9], r.extent(h.shoff() + (long) i * h.shentsize(),
                    h.shentsize())));
            if (s[1] != ElfContext.SHT_NOBITS && s[1] != 0 && s[5] != 0 && !r.inBounds(s[4], s[5])) {
                ctx.warning("elf.section.outside", "section " + i + " " + name + " (0x" + Long.toHexString(s[4])
                        + "+" + Long.toUnsignedString(s[5]) + ") runs past the end of the file",
                        r.extent(h.shoff() + (long) i * h.shentsize(), h.shentsize()));
            }
        }
        return out;
    }

    private static String readInterpreter(ElfContext ctx) {
        for (ElfProgramHeader p : ctx.segments) {
            if (p.type() != PT_INTERP) continue;
            if (!ctx.r.inBounds(p.offset(), p.filesz()) || p.filesz() == 0) {
                ctx.error("elf.interp.outside", "PT_INTERP is outside the file", p.headerExtent());
                return null;
            }
            try {
                return ctx.r.cString(p.offset(), (int) Math.min(MAX_INTERP, p.filesz()));
            } catch (MalformedBinaryException e) {
                ctx.error("elf.interp", e);
                return null;
            }
        }
        return null;
    }

    private static String gnuBuildId(List<ElfNote> notes) {
        for (ElfNote n : notes) {
            if (n.owner().equals("GNU") && n.type() == 3) return n.summary();
        }
        return null;
    }

    private static List<String> rpaths(ElfDynamic d) {
        List<String> out = new ArrayList<>();
        for (String p : new String[] {d.rpath(), d.runpath()}) {
            if (p == null) continue;
            for (String e : p.split(":")) {
                if (!e.isEmpty()) out.add(e);
            }
        }
        return out;
    }

    private static List<Section> unifiedSections(ElfContext ctx) {
        List<Section> out = new ArrayList<>(ctx.sections.size());
        for (ElfSectionHeader s : ctx.sections) {
            boolean nobits = s.type() == ElfContext.SHT_NOBITS;
            Permissions perms = new Permissions((s.flags() & 0x2) != 0, (s.flags() & 0x1) != 0,
                    (s.flags() & 0x4) != 0);
            out.add(new Section(s.index(), s.name(), null, s.typeName(), s.addr(), s.size(), s.offset(),
                    nobits ? 0 : s.size(), s.flags(), perms, ctx.sectionExtent(s), s.headerExtent()));
        }
        return out;
    }

    private static List<Segment> unifiedSegments(ElfContext ctx) {
        List<Segment> out = new ArrayList<>(ctx.segments.size());
        for (ElfProgramHeader p : ctx.segments) {
            Permissions perms = new Permissions((p.flags() & 4) != 0, (p.flags() & 2) != 0, (p.flags() & 1) != 0);
            out.add(new Segment(p.index(), p.typeName(), p.type(), p.vaddr(), p.memsz(), p.offset(), p.filesz(),
                    perms, p.extent(), p.headerExtent()));
        }
        return out;
    }

    static String segmentFlags(long flags) {
        StringBuilder b = new StringBuilder();
        if ((flags & 4) != 0) b.append('R');
        if ((flags & 2) != 0) b.append('W');
        if ((flags & 1) != 0) b.append('E');
        return b.toString();
    }

    static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xffffffffL;
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
