package dev.crosslens.parsers.analysis;

import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.Segment;
import dev.crosslens.model.elf.ElfDetails;
import dev.crosslens.model.elf.ElfDynamicEntry;
import dev.crosslens.model.macho.MachOBuildVersion;
import dev.crosslens.model.macho.MachODetails;
import dev.crosslens.model.macho.MachOLoadCommand;
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
        for (PeDebugDirectoryEntry e : d.debugDirectory()) {
            if (e.codeView() != null && e.codeView().pdbFileName() != null) pdb = e.codeView().pdbFileName();
        }
        Boolean signed = d.security() != null && d.security().hasAuthenticode();
        return new PeFacts(opt.pe32Plus(), opt.subsystem(), opt.dllCharacteristics(),
                field(optExtent, OPT_DLL_CHARACTERISTICS, 2), field(optExtent, OPT_SUBSYSTEM, 2), tlsCallbacks,
                d.tls() == null ? Extent.NONE : d.tls().extent(), !d.debugDirectory().isEmpty(), pdb, signed,
                optExtent.isKnown() ? optExtent : image.core().extent());
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

    private static Extent field(Extent base, int offset, int size) {
        return base.isKnown() && base.size() >= offset + size ? Extent.of(base.offset() + offset, size) : Extent.NONE;
    }
}
