package dev.crosslens.parsers.analysis;

import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Section;
import dev.crosslens.model.Segment;
import dev.crosslens.model.elf.ElfHeader;
import dev.crosslens.model.macho.MachOHeader;
import dev.crosslens.model.macho.MachONlist;
import dev.crosslens.model.pe.CoffFileHeader;
import dev.crosslens.model.pe.PeSectionHeader;
import dev.crosslens.model.elf.ElfDetails;
import dev.crosslens.model.elf.ElfDynamicEntry;
import dev.crosslens.model.macho.MachOBuildVersion;
import dev.crosslens.model.macho.MachODetails;
import dev.crosslens.model.macho.MachOLoadCommand;
import dev.crosslens.model.pe.PeDataDirectory;
import dev.crosslens.model.pe.PeDebugDirectoryEntry;
import dev.crosslens.model.pe.PeDetails;
import dev.crosslens.model.pe.PeOptionalHeader;

/**
 * The one place the rules read format details: turns the parsers' format records into the small facts records
 * the rules own ({@link PeFacts}, {@link ElfFacts}, {@link MachOFacts}), so that the rules are tested with facts
 * built by hand and only this class follows the parsers' records.
 */
public final class FormatFacts {
    /** Offsets inside the optional header (the same for PE32 and PE32+: PE/COFF specification, 3.4). */
    private static final int OPT_SUBSYSTEM = 68;
    private static final int OPT_DLL_CHARACTERISTICS = 70;
    /** EI_OSABI is byte 7 of e_ident. */
    private static final int EI_OSABI = 7;
    /** e_machine follows e_ident (16 bytes) and e_type (2). */
    private static final int E_MACHINE = 18;
    /** e_type follows e_ident. */
    private static final int E_TYPE = 16;
    /** Characteristics is the last u16 of IMAGE_FILE_HEADER. */
    private static final int COFF_CHARACTERISTICS = 18;
    /** In IMAGE_FILE_HEADER: Machine 2, NumberOfSections 2, TimeDateStamp 4, then PointerToSymbolTable 4 and
     * NumberOfSymbols 4. */
    private static final int COFF_POINTER_TO_SYMBOL_TABLE = 8;

    private FormatFacts() {
    }

    /** PE facts of a PE image (not of a bare COFF object: it has no optional header); null otherwise. */
    public static PeFacts pe(BinaryImage image) {
        if (!(image instanceof PeImage)) return null;
        PeDetails d = ((PeImage) image).pe();
        if (d == null || d.optionalHeader() == null) return null;
        PeOptionalHeader opt = d.optionalHeader();
        Extent optExtent = opt.extent() == null ? Extent.NONE : opt.extent();
        int tlsCallbacks = d.tls() == null ? 0 : d.tls().callbacks().size();
        String pdb = null;
        java.util.List<String> debugTypes = new java.util.ArrayList<>();
        java.util.List<Extent> debugEntries = new java.util.ArrayList<>();
        for (PeDebugDirectoryEntry e : d.debugDirectory()) {
            debugTypes.add(e.typeName());
            debugEntries.add(e.extent());
            if (e.codeView() != null && e.codeView().pdbFileName() != null) pdb = e.codeView().pdbFileName();
        }
        Extent debugExtent = span(debugEntries);
        if (!debugExtent.isKnown()) debugExtent = directoryEntry(d, DIR_DEBUG);
        Boolean signed = d.security() != null && d.security().hasAuthenticode();
        return new PeFacts(opt.pe32Plus(), opt.subsystem(), opt.dllCharacteristics(),
                field(optExtent, OPT_DLL_CHARACTERISTICS, 2), field(optExtent, OPT_SUBSYSTEM, 2), tlsCallbacks,
                d.tls() == null ? Extent.NONE : d.tls().extent(), !d.debugDirectory().isEmpty(), pdb, signed,
                optExtent.isKnown() ? optExtent : image.core().extent(), field(optExtent, 0, 2), debugTypes,
                debugExtent, directoryEntry(d, DIR_CERTIFICATE), tlsCallbackNames(image, d, opt.imageBase()));
    }

    /** The defined symbol at each TLS callback's address (symbol values may be VAs or RVAs); "" when none. */
    private static java.util.List<String> tlsCallbackNames(BinaryImage image, PeDetails d, long imageBase) {
        if (d.tls() == null) return java.util.List.of();
        java.util.List<String> out = new java.util.ArrayList<>();
        for (long va : d.tls().callbacks()) {
            String name = "";
            for (dev.crosslens.model.Symbol s : image.core().symbols()) {
                if (!s.defined() || s.name().isEmpty() || s.name().startsWith(".")) continue;
                if (s.value() == va || s.value() == va - imageBase) {
                    name = s.name();
                    break;
                }
            }
            out.add(name);
        }
        return out;
    }

    /** IMAGE_DIRECTORY_ENTRY_SECURITY (4) and _DEBUG (6). */
    private static final int DIR_CERTIFICATE = 4;
    private static final int DIR_DEBUG = 6;

    private static Extent directoryEntry(PeDetails d, int index) {
        for (PeDataDirectory dd : d.dataDirectories()) {
            if (dd.index() == index && dd.extent() != null) return dd.extent();
        }
        return Extent.NONE;
    }

    public static ElfFacts elf(BinaryImage image) {
        if (!(image instanceof ElfImage)) return null;
        ElfDetails d = ((ElfImage) image).elf();
        if (d == null || d.header() == null) return null;
        Extent dynamic = Extent.NONE;
        for (Segment s : image.core().segments()) {
            if (s.type().equals("DYNAMIC")) dynamic = s.extent();
        }
        Extent rpath = Extent.NONE;
        for (ElfDynamicEntry e : d.dynamic()) {
            if ((e.tagName().equals("RPATH") || e.tagName().equals("RUNPATH")) && !rpath.isKnown()) rpath = e.extent();
        }
        Extent header = d.header().extent() == null ? Extent.NONE : d.header().extent();
        return new ElfFacts(d.header().osAbi(), d.header().osAbiName(), field(header, EI_OSABI, 1), dynamic, rpath);
    }

    public static MachOFacts macho(BinaryImage image) {
        if (!(image instanceof MachOImage)) return null;
        MachODetails d = ((MachOImage) image).macho();
        if (d == null) return null;
        MachOBuildVersion bv = d.buildVersion();
        Extent sigExtent = Extent.NONE;
        for (MachOLoadCommand lc : d.loadCommands()) {
            if (lc.name().equals("LC_CODE_SIGNATURE")) sigExtent = lc.extent();
        }
        boolean signed = d.codeSignature() != null || sigExtent.isKnown();
        return new MachOFacts(bv == null ? null : bv.minOs(), bv == null ? "" : bv.platformName(),
                bv == null ? Extent.NONE : bv.extent(), signed, sigExtent);
    }

    private static final java.util.Set<String> DWARF_INFO = java.util.Set.of(".debug_info", ".zdebug_info",
            "__debug_info", "__zdebug_info");

    /** Where the identifying header fields are, and the symbol table and DWARF state, for any image. */
    public static HeaderFacts header(BinaryImage image) {
        ImageCore c = image.core();
        Section dwarfSection = null;
        Section symtabSection = null;
        for (Section s : c.sections()) {
            if (dwarfSection == null && DWARF_INFO.contains(s.name())) dwarfSection = s;
            if (symtabSection == null && s.name().equals(".symtab") && s.type().equals("SYMTAB")) symtabSection = s;
        }
        if (image instanceof ElfImage && ((ElfImage) image).elf() != null && ((ElfImage) image).elf().header() != null) {
            ElfHeader h = ((ElfImage) image).elf().header();
            Extent hx = h.extent() == null ? Extent.NONE : h.extent();
            long base = hx.isKnown() ? hx.offset() : -1;
            Extent ph = base >= 0 && h.phnum() > 0 ? Extent.of(base + h.phoff(), (long) h.phnum() * h.phentsize())
                    : Extent.NONE;
            Extent sh = base >= 0 && h.shnum() > 0 ? Extent.of(base + h.shoff(), (long) h.shnum() * h.shentsize())
                    : Extent.NONE;
            long symtabEntries = symtabSection == null ? 0 : symtabSection.fileSize() / (h.elfClass() == 2 ? 24 : 16);
            boolean symtab = symtabSection != null && symtabEntries > 1;
            return new HeaderFacts(field(hx, E_MACHINE, 2), "e_machine", field(hx, EI_OSABI, 1), "EI_OSABI",
                    field(hx, E_TYPE, 2), "e_type", ph, sh,
                    Extent.NONE, symtab,
                    symtabSection == null ? "no .symtab section" : ".symtab: " + symtabEntries + " entries",
                    symtabSection == null ? sh : symtabSection.headerExtent(), dwarfSection != null,
                    dwarfSection == null ? "no .debug_info or .zdebug_info section" : dwarfSection.name(),
                    dwarfSection == null ? sh : dwarfSection.headerExtent());
        }
        if (image instanceof PeImage && ((PeImage) image).pe() != null && ((PeImage) image).pe().fileHeader() != null) {
            PeDetails d = ((PeImage) image).pe();
            CoffFileHeader fh = d.fileHeader();
            Extent fx = fh.extent() == null ? Extent.NONE : fh.extent();
            Extent sectionTable = span(d.sections().stream().map(PeSectionHeader::extent).toList());
            Extent signature = fx.isKnown() && d.optionalHeader() != null && fx.offset() >= 4
                    ? Extent.of(fx.offset() - 4, 4) : fx;
            return new HeaderFacts(field(fx, 0, 2), "Machine", signature,
                    d.optionalHeader() != null ? "PE signature" : "COFF header", field(fx, COFF_CHARACTERISTICS, 2),
                    "Characteristics", Extent.NONE, sectionTable,
                    Extent.NONE, fh.numberOfSymbols() > 0, "NumberOfSymbols " + fh.numberOfSymbols()
                    + (fh.numberOfSymbols() > 0 ? "" : ", PointerToSymbolTable 0x" + Long.toHexString(fh.pointerToSymbolTable())),
                    field(fx, COFF_POINTER_TO_SYMBOL_TABLE, 8), dwarfSection != null,
                    dwarfSection == null ? "no .debug_info or .zdebug_info section" : dwarfSection.name(),
                    dwarfSection == null ? sectionTable : dwarfSection.headerExtent());
        }
        if (image instanceof MachOImage && ((MachOImage) image).macho() != null
                && ((MachOImage) image).macho().header() != null) {
            MachODetails d = ((MachOImage) image).macho();
            MachOHeader h = d.header();
            Extent hx = h.extent() == null ? Extent.NONE : h.extent();
            Extent commands = hx.isKnown() ? Extent.of(hx.end(), h.sizeofcmds()) : Extent.NONE;
            Extent symtabCommand = Extent.NONE;
            Extent platform = Extent.NONE;
            String platformLabel = "magic";
            for (MachOLoadCommand lc : d.loadCommands()) {
                if (lc.name().equals("LC_SYMTAB") && !symtabCommand.isKnown()) symtabCommand = lc.extent();
                if (!platform.isKnown() && (lc.name().equals("LC_BUILD_VERSION") || lc.name().startsWith("LC_VERSION_MIN_"))) {
                    platform = lc.extent();
                    platformLabel = lc.name();
                }
            }
            long local = 0;
            long stabs = 0;
            for (MachONlist n : d.symbols()) {
                if (n.stab()) stabs++;
                else if (!n.undefined()) local++;
            }
            boolean symtab = local > 0 || stabs > 0;
            String label = d.symtab() == null ? "no LC_SYMTAB"
                    : "LC_SYMTAB: " + d.symtab().nsyms() + " entries, " + local + " defined" + (stabs > 0 ? ", " + stabs
                    + " STABs" : "");
            return new HeaderFacts(field(hx, 4, 8), "cputype", platform.isKnown() ? platform : field(hx, 0, 4),
                    platformLabel, field(hx, 12, 4), "filetype", Extent.NONE, Extent.NONE, commands, symtab, label,
                    symtabCommand.isKnown() ? symtabCommand : commands, dwarfSection != null,
                    dwarfSection == null ? "no __debug_info or __zdebug_info section" : dwarfSection.qualifiedName(),
                    dwarfSection == null ? commands : dwarfSection.headerExtent());
        }
        return new HeaderFacts(Extent.NONE, null, Extent.NONE, null, Extent.NONE, null, Extent.NONE, Extent.NONE,
                Extent.NONE,
                !c.stripped(), c.stripped() ? "no symbol table" : "symbol table", Extent.NONE, dwarfSection != null,
                dwarfSection == null ? "no DWARF section" : dwarfSection.name(),
                dwarfSection == null ? Extent.NONE : dwarfSection.headerExtent());
    }

    /** From the first extent's start to the last one's end; NONE when there is none. */
    private static Extent span(java.util.List<Extent> extents) {
        long start = Long.MAX_VALUE;
        long end = -1;
        for (Extent e : extents) {
            if (e == null || !e.isKnown()) continue;
            start = Math.min(start, e.offset());
            end = Math.max(end, e.end());
        }
        return end < 0 ? Extent.NONE : Extent.of(start, end - start);
    }

    private static Extent field(Extent base, int offset, int size) {
        return base.isKnown() && base.size() >= offset + size ? Extent.of(base.offset() + offset, size) : Extent.NONE;
    }
}
