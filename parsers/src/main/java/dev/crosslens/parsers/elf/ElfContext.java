package dev.crosslens.parsers.elf;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.elf.ElfHeader;
import dev.crosslens.model.elf.ElfProgramHeader;
import dev.crosslens.model.elf.ElfSectionHeader;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What one parse of one ELF image has read so far, shared by the steps of {@link ElfParser}. */
final class ElfContext {
    static final long SHT_NOBITS = 8;
    /** A string table larger than this is not read (no real one comes close). */
    private static final long MAX_STRING_TABLE = 256L << 20;

    final BinaryReader r;
    final ParseOptions options;
    final List<Diagnostic> diagnostics = new ArrayList<>();
    ElfHeader header;
    boolean is64;
    int machine;
    List<ElfProgramHeader> segments = List.of();
    List<ElfSectionHeader> sections = List.of();
    private final Map<Integer, ElfStrings> stringTables = new HashMap<>();

    ElfContext(BinaryReader r, ParseOptions options) {
        this.r = r;
        this.options = options;
    }

    void error(String code, String message, Extent extent) {
        diagnostics.add(Diagnostic.error(code, message, extent));
    }

    void warning(String code, String message, Extent extent) {
        diagnostics.add(Diagnostic.warning(code, message, extent));
    }

    /** A diagnostic from a failed bounds check: its offset is already absolute. */
    void error(String code, MalformedBinaryException e) {
        diagnostics.add(Diagnostic.error(code, e.getMessage(), Extent.of(Math.max(0, e.offset()), 0)));
    }

    ElfSectionHeader section(long index) {
        return index >= 0 && index < sections.size() ? sections.get((int) index) : null;
    }

    String sectionName(long index) {
        ElfSectionHeader s = section(index);
        return s == null ? "" : s.name();
    }

    Extent sectionExtent(ElfSectionHeader s) {
        if (s.type() == SHT_NOBITS || s.size() == 0) return Extent.NONE;
        return r.inBounds(s.offset(), s.size()) ? r.extent(s.offset(), s.size()) : Extent.NONE;
    }

    /** The string table in section {@code index}, read once; EMPTY (with a diagnostic) when it is unusable. */
    ElfStrings strings(long index) {
        ElfSectionHeader s = section(index);
        if (s == null) {
            return ElfStrings.EMPTY;
        }
        ElfStrings cached = stringTables.get(s.index());
        if (cached != null) return cached;
        ElfStrings table = readStrings(s.offset(), s.size(), "section " + s.index() + " " + s.name(),
                s.type() == SHT_NOBITS);
        stringTables.put(s.index(), table);
        return table;
    }

    /** A string table at a file offset (from a section or a dynamic entry); clipped to the file. */
    ElfStrings readStrings(long offset, long size, String what, boolean nobits) {
        if (nobits || size == 0) return ElfStrings.EMPTY;
        if (size < 0 || size > MAX_STRING_TABLE) {
            error("elf.strtab.size", "string table " + what + " claims " + Long.toUnsignedString(size)
                    + " bytes", r.extent(Math.max(0, Math.min(offset, r.size())), 0));
            return ElfStrings.EMPTY;
        }
        long available = offset >= 0 && offset < r.size() ? Math.min(size, r.size() - offset) : 0;
        if (available < size) {
            error("elf.strtab.truncated", "string table " + what + " of " + size + " bytes at 0x"
                    + Long.toHexString(offset) + " has only " + available + " in the file",
                    r.extent(Math.max(0, Math.min(offset, r.size())), available));
        }
        if (available <= 0) return ElfStrings.EMPTY;
        try {
            return new ElfStrings(r.bytes(offset, (int) available));
        } catch (MalformedBinaryException e) {
            error("elf.strtab.unreadable", e);
            return ElfStrings.EMPTY;
        }
    }

    /** The file offset of virtual address {@code vaddr} through the PT_LOAD segments, or -1. */
    long fileOffset(long vaddr) {
        for (ElfProgramHeader p : segments) {
            if (p.type() != 1) continue;
            long delta = vaddr - p.vaddr();
            if (Long.compareUnsigned(vaddr, p.vaddr()) >= 0 && Long.compareUnsigned(delta, p.filesz()) < 0) {
                return p.offset() + delta;
            }
        }
        return -1;
    }
}
