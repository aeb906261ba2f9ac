package dev.crosslens.parsers.pe;

import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.RelocationSummary;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.pe.CoffFileHeader;
import dev.crosslens.model.pe.CoffImportObject;
import dev.crosslens.model.pe.CoffRelocation;
import dev.crosslens.model.pe.CoffSymbol;
import dev.crosslens.model.pe.PeDetails;
import dev.crosslens.model.pe.PeSectionHeader;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses COFF objects ({@code .obj}): the plain IMAGE_FILE_HEADER form, the /bigobj form
 * (ANON_OBJECT_HEADER_BIGOBJ: 32-bit section count, 20-byte symbols) and a standalone short import object
 * (IMPORT_OBJECT_HEADER, as import libraries hold).
 */
public final class CoffObjectParser {
    private static final byte[] BIGOBJ_CLASS_ID = {(byte) 0xc7, (byte) 0xa1, (byte) 0xba, (byte) 0xd1, (byte) 0xee,
        (byte) 0xba, (byte) 0xa9, 0x4b, (byte) 0xaf, 0x20, (byte) 0xfa, (byte) 0xf6, 0x6a, (byte) 0xa4, (byte) 0xdc,
        (byte) 0xb8};
    private static final int MAX_NAME = 4096;

    public PeImage parse(BinaryReader r, ParseOptions options)
            throws MalformedBinaryException, ParseCancelledException {
        if (!r.inBounds(0, 20)) {
            throw new MalformedBinaryException(r.base(), "COFF object of " + r.size()
                    + " bytes is shorter than its 20-byte header");
        }
        if (r.u16(0) == 0 && r.u16(2) == 0xffff) {
            int version = r.u16(4);
            if (version == 0) return importObject(r);
            return bigObj(r, options, version);
        }
        int machine = r.u16(0);
        int characteristics = r.u16(18);
        CoffFileHeader h = new CoffFileHeader(machine, PeNames.machineName(machine), r.u16(2), r.u32(4), r.u32(8),
                r.u32(12), r.u16(16), characteristics, PeNames.fileFlags(characteristics), false, r.extent(0, 20));
        return object(r, options, h, 20 + h.sizeOfOptionalHeader(), 18);
    }

    private PeImage bigObj(BinaryReader r, ParseOptions options, int version)
            throws MalformedBinaryException, ParseCancelledException {
        r.check(0, 56, "bigobj header");
        if (version < 2 || !java.util.Arrays.equals(r.bytes(12, 16), BIGOBJ_CLASS_ID)) {
            throw new MalformedBinaryException(r.base(), "ANON_OBJECT_HEADER version " + version
                    + " without the bigobj class id: an LTCG or CLR object, not a COFF object this parser reads");
        }
        int machine = r.u16(6);
        CoffFileHeader h = new CoffFileHeader(machine, PeNames.machineName(machine), r.u32(44), r.u32(8),
                r.u32(48), r.u32(52), 0, 0, List.of(), true, r.extent(0, 56));
        return object(r, options, h, 56, 20);
    }

    private PeImage object(BinaryReader r, ParseOptions options, CoffFileHeader h, long sectionsAt, int symbolSize)
            throws MalformedBinaryException, ParseCancelledException {
        List<Diagnostic> diags = new ArrayList<>();
        CoffTables.StringTable strings = CoffTables.StringTable.EMPTY;
        List<CoffSymbol> symbols = List.of();
        if (h.pointerToSymbolTable() != 0 && h.numberOfSymbols() > 0) {
            try {
                long strOff = h.pointerToSymbolTable() + h.numberOfSymbols() * symbolSize;
                r.checkTable(h.pointerToSymbolTable(), h.numberOfSymbols(), symbolSize, options.maxSymbols(),
                        "COFF symbol table");
                strings = CoffTables.readStringTable(r, strOff, diags);
                symbols = CoffTables.readSymbols(r, h.pointerToSymbolTable(), h.numberOfSymbols(), symbolSize,
                        strings, options, diags);
            } catch (MalformedBinaryException e) {
                diags.add(Diagnostic.error("coff.symbols.malformed", "the COFF symbol table is unreadable and was"
                        + " left out: " + e.getMessage(), Extent.of(Math.max(0, e.offset()), 0)));
            }
        }
        List<PeSectionHeader> sections = CoffTables.readSections(r, sectionsAt, h.numberOfSections(), strings,
                options, diags);
        List<CoffRelocation> relocs = relocations(r, options, h.machine(), sections, diags);
        Map<String, Long> byType = new LinkedHashMap<>();
        Map<String, Long> bySection = new LinkedHashMap<>();
        for (CoffRelocation rel : relocs) {
            byType.merge(rel.typeName(), 1L, Long::sum);
            bySection.merge(sections.get(rel.sectionIndex() - 1).name(), 1L, Long::sum);
        }
        RelocationSummary summary = relocs.isEmpty() ? RelocationSummary.empty()
                : new RelocationSummary(relocs.size(), bySection, byType);
        PeDetails details = new PeDetails(null, h, null, List.of(), sections, List.of(), List.of(), null, null,
                null, List.of(), null, null, symbols, strings.bytes().length, relocs, null, null, null, null, false,
                null);
        ImageCore core = base(r, h.machine())
                .sections(CoffTables.unifiedSections(r, sections))
                .symbols(CoffTables.unifiedSymbols(symbols, sections, 0))
                .relocations(summary)
                .stripped(symbols.isEmpty())
                .diagnostics(diags)
                .build();
        return new PeImage(core, details);
    }

    private static List<CoffRelocation> relocations(BinaryReader r, ParseOptions options, int machine,
                                                    List<PeSectionHeader> sections, List<Diagnostic> diags)
            throws ParseCancelledException {
        List<CoffRelocation> out = new ArrayList<>();
        for (PeSectionHeader s : sections) {
            long n = s.numberOfRelocations();
            if (n == 0) continue;
            long at = s.pointerToRelocations();
            try {
                if ((s.characteristics() & 0x01000000L) != 0 && n == 0xffff) {
                    n = r.u32(at); // IMAGE_SCN_LNK_NRELOC_OVFL: the real count is in the first entry
                }
                if (out.size() + n > options.maxRelocations()) {
                    diags.add(Diagnostic.error("coff.relocations.too-many", "section " + s.name() + " has " + n
                            + " relocations, past the limit of " + options.maxRelocations(), s.extent()));
                    continue;
                }
                r.checkTable(at, n, 10, options.maxRelocations(), "relocations of " + s.name());
                ByteBuffer b = r.buffer(at, n * 10);
                options.checkCancelled();
                for (int i = 0; i < n; i++) {
                    int type = CoffTables.u16(b, 10 * i + 8);
                    out.add(new CoffRelocation(s.index(), CoffTables.u32(b, 10 * i), CoffTables.u32(b, 10 * i + 4),
                            type, PeNames.relocationTypeName(machine, type), r.extent(at + 10L * i, 10)));
                }
            } catch (MalformedBinaryException e) {
                diags.add(Diagnostic.error("coff.relocations.malformed", "relocations of section " + s.name()
                        + " are unreadable: " + e.getMessage(), s.extent()));
            }
        }
        return out;
    }

    private PeImage importObject(BinaryReader r) throws MalformedBinaryException {
        int machine = r.u16(6);
        long sizeOfData = r.u32(12);
        int ordinalOrHint = r.u16(16);
        int flags = r.u16(18);
        int type = flags & 0x3;
        int nameType = (flags >> 2) & 0x7;
        List<Diagnostic> diags = new ArrayList<>();
        if (!r.inBounds(20, sizeOfData)) {
            diags.add(Diagnostic.error("coff.import.truncated", "import object says " + sizeOfData
                    + " bytes of names follow but " + (r.size() - 20) + " are left", r.extent(12, 4)));
        }
        String symbol = r.inBounds(20, 1) ? r.cString(20, MAX_NAME) : "";
        long dllAt = 20 + symbol.length() + 1;
        String dll = r.inBounds(dllAt, 1) ? r.cString(dllAt, MAX_NAME) : "";
        CoffImportObject io = new CoffImportObject(0, machine, r.u32(8), sizeOfData, ordinalOrHint, type, nameType,
                symbol, dll, r.extent(0, Math.min(r.size(), 20 + sizeOfData)));
        CoffFileHeader h = new CoffFileHeader(machine, PeNames.machineName(machine), 0, r.u32(8), 0, 0, 0, 0,
                List.of(), false, r.extent(0, 20));
        boolean byOrdinal = nameType == 0;
        ImportedSymbol imported = new ImportedSymbol(byOrdinal ? null : symbol, byOrdinal ? ordinalOrHint : -1,
                byOrdinal ? -1 : ordinalOrHint, null, false, io.extent());
        List<Symbol> symbols = new ArrayList<>();
        symbols.add(new Symbol(0, "__imp_" + symbol, null, 0, 0, SymbolTable.COFF, SymbolBinding.GLOBAL,
                SymbolType.OBJECT, "", "", true, null, dll, 0, io.extent()));
        if (type == 0) {
            symbols.add(new Symbol(1, symbol, null, 0, 0, SymbolTable.COFF, SymbolBinding.GLOBAL, SymbolType.FUNC,
                    "", "", true, null, dll, 0, io.extent()));
        }
        PeDetails details = new PeDetails(null, h, null, List.of(), List.of(), List.of(), List.of(), null, null,
                null, List.of(), null, null, List.of(), 0, List.of(), null, null, null, null, false, io);
        ImageCore core = base(r, machine)
                .symbols(symbols)
                .libraries(List.of(new Library(dll, LibraryKind.IMPORT, List.of(imported), null, null,
                        io.extent())))
                .diagnostics(diags)
                .build();
        return new PeImage(core, details);
    }

    private static ImageCore.Builder base(BinaryReader r, int machine) {
        return ImageCore.builder(BinaryFormat.COFF)
                .arch(PeNames.arch(machine))
                .rawMachine(machine)
                .machineName(PeNames.machineName(machine))
                .bits(PeNames.arch(machine).bits())
                .os(TargetOs.WINDOWS)
                .kind(BinaryKind.OBJECT)
                .entry(null)
                .extent(r.extent(0, r.size()));
    }
}
