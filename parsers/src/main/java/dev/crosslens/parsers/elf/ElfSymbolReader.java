package dev.crosslens.parsers.elf;

import dev.crosslens.model.Extent;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.elf.ElfSectionHeader;
import dev.crosslens.model.elf.ElfSymbolTableInfo;
import dev.crosslens.model.elf.ElfVersionAux;
import dev.crosslens.model.elf.ElfVersionNeed;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the SYMTAB and DYNSYM tables and the GNU symbol versions ({@code .gnu.version}, {@code .gnu.version_r},
 * {@code .gnu.version_d}) that name a dynamic symbol's version and, for imports, the file it comes from.
 */
final class ElfSymbolReader {
    static final long SHT_SYMTAB = 2;
    static final long SHT_DYNSYM = 11;
    static final long SHT_GNU_VERDEF = 0x6ffffffdL;
    static final long SHT_GNU_VERNEED = 0x6ffffffeL;
    static final long SHT_GNU_VERSYM = 0x6fffffffL;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_LORESERVE = 0xff00;
    private static final int SHN_ABS = 0xfff1;
    private static final int SHN_COMMON = 0xfff2;
    private static final int SHN_XINDEX = 0xffff;
    private static final String[] VISIBILITY = {"DEFAULT", "INTERNAL", "HIDDEN", "PROTECTED"};

    /** What the symbol step hands to the relocation step and the image. */
    record Result(List<ElfSymbolTableInfo> tables, List<Symbol> symbols, Map<Integer, String[]> namesBySection,
                  List<ElfVersionNeed> versionNeeds, List<ElfVersionAux> versionDefinitions, boolean hasSymtab,
                  Map<String, List<ImportedSymbol>> importsByFile) {

        /** DT_NEEDED libraries, each with the imports its symbol versions attribute to it. */
        List<Library> libraries(List<String> needed, List<Extent> extents) {
            List<Library> out = new ArrayList<>(needed.size());
            for (int i = 0; i < needed.size(); i++) {
                String n = needed.get(i);
                out.add(new Library(n, LibraryKind.NEEDED, importsByFile.getOrDefault(n, List.of()), null, null,
                        extents.get(i)));
            }
            return out;
        }
    }

    private final ElfContext ctx;
    /** version index -> name, from verneed and verdef. */
    private final Map<Integer, String> versionNames = new HashMap<>();
    /** version index -> the file a needed version comes from. */
    private final Map<Integer, String> versionFiles = new HashMap<>();
    /** vn_file -> the undefined dynamic symbols whose version it provides. */
    private final Map<String, List<ImportedSymbol>> importsByFile = new LinkedHashMap<>();

    ElfSymbolReader(ElfContext ctx) {
        this.ctx = ctx;
    }

    Result read() throws ParseCancelledException {
        List<ElfVersionNeed> needs = new ArrayList<>();
        List<ElfVersionAux> defs = new ArrayList<>();
        Map<Integer, int[]> versymByTable = new HashMap<>();
        for (ElfSectionHeader s : ctx.sections) {
            if (s.type() == SHT_GNU_VERNEED) {
                readVersionNeeds(s, needs);
            } else if (s.type() == SHT_GNU_VERDEF) {
                readVersionDefinitions(s, defs);
            }
        }
        for (ElfSectionHeader s : ctx.sections) {
            if (s.type() == SHT_GNU_VERSYM) {
                int[] v = readVersym(s);
                if (v != null) versymByTable.put((int) s.link(), v);
            }
        }
        List<ElfSymbolTableInfo> tables = new ArrayList<>();
        List<Symbol> symbols = new ArrayList<>();
        Map<Integer, String[]> names = new HashMap<>();
        boolean hasSymtab = false;
        for (ElfSectionHeader s : ctx.sections) {
            if (s.type() != SHT_SYMTAB && s.type() != SHT_DYNSYM) continue;
            hasSymtab |= s.type() == SHT_SYMTAB;
            readTable(s, versymByTable.get(s.index()), tables, symbols, names);
        }
        return new Result(tables, symbols, names, needs, defs, hasSymtab, importsByFile);
    }

    private void readTable(ElfSectionHeader s, int[] versym, List<ElfSymbolTableInfo> tables, List<Symbol> symbols,
                           Map<Integer, String[]> names) throws ParseCancelledException {
        boolean dyn = s.type() == SHT_DYNSYM;
        String kind = dyn ? "dynsym" : "symtab";
        int minSize = ctx.is64 ? 24 : 16;
        long entSize = s.entsize();
        if (entSize < minSize) {
            if (entSize != 0) {
                ctx.warning("elf.symbols.entsize", kind + " sh_entsize " + entSize + " is smaller than " + minSize
                        + "; using " + minSize, s.headerExtent());
            }
            entSize = minSize;
        }
        long count = s.size() / entSize;
        try {
            ctx.r.checkTable(s.offset(), count, entSize, ctx.options.maxSymbols(), kind + " " + s.name());
        } catch (MalformedBinaryException e) {
            ctx.error("elf.symbols.table", e);
            tables.add(new ElfSymbolTableInfo(s.name(), kind, 0, 0, 0, Extent.NONE));
            return;
        }
        ElfStrings strings = ctx.strings(s.link());
        ByteBuffer b;
        try {
            b = ctx.r.buffer(s.offset(), count * entSize);
        } catch (MalformedBinaryException e) {
            ctx.error("elf.symbols.table", e);
            tables.add(new ElfSymbolTableInfo(s.name(), kind, 0, 0, 0, Extent.NONE));
            return;
        }
        if (versym != null && versym.length != count) {
            ctx.warning("elf.versym.count", ".gnu.version has " + versym.length + " entries for " + count
                    + " symbols", s.headerExtent());
        }
        String[] tableNames = new String[(int) count];
        long defined = 0;
        long undefined = 0;
        int badNames = 0;
        for (int i = 0; i < count; i++) {
            if ((i & 0xfff) == 0) {
                ctx.options.checkCancelled();
                ctx.options.monitor().progress("ELF symbols", i, count);
            }
            int at = (int) (i * entSize);
            long nameOff = ElfParser.u32(b, at);
            int info;
            int other;
            int shndx;
            long value;
            long size;
            if (ctx.is64) {
                info = b.get(at + 4) & 0xff;
                other = b.get(at + 5) & 0xff;
                shndx = b.getShort(at + 6) & 0xffff;
                value = b.getLong(at + 8);
                size = b.getLong(at + 16);
            } else {
                value = ElfParser.u32(b, at + 4);
                size = ElfParser.u32(b, at + 8);
                info = b.get(at + 12) & 0xff;
                other = b.get(at + 13) & 0xff;
                shndx = b.getShort(at + 14) & 0xffff;
            }
            String name = strings.at(nameOff);
            if (name == null) {
                badNames++;
                name = "";
            }
            // relocations against a section symbol name the section, as readelf shows them
            tableNames[i] = name.isEmpty() && (info & 0xf) == 3 ? sectionLabel(shndx) : name;
            if (i == 0) continue;
            boolean isDefined = shndx != SHN_UNDEF;
            if (isDefined) defined++;
            else undefined++;
            String version = null;
            int versionIndex = 0;
            if (versym != null && i < versym.length) {
                versionIndex = versym[i] & 0x7fff;
                if (versionIndex >= 2) version = versionNames.get(versionIndex);
            }
            String library = dyn && !isDefined && version != null ? versionFiles.get(versionIndex) : null;
            Extent extent = ctx.r.extent(s.offset() + at, entSize);
            SymbolBinding bind = binding(info >> 4);
            symbols.add(new Symbol(i, name, null, value, size, dyn ? SymbolTable.DYNSYM : SymbolTable.SYMTAB,
                    bind, type(info & 0xf), VISIBILITY[other & 3], sectionLabel(shndx), isDefined, version, library,
                    info, extent));
            if (library != null) {
                importsByFile.computeIfAbsent(library, k -> new ArrayList<>()).add(new ImportedSymbol(name, -1, -1,
                        version, bind == SymbolBinding.WEAK, extent));
            }
        }
        if (badNames > 0) {
            ctx.error("elf.symbols.name", badNames + " " + kind + " names point outside their string table ("
                    + strings.size() + " bytes)", ctx.sectionExtent(s));
        }
        names.put(s.index(), tableNames);
        tables.add(new ElfSymbolTableInfo(s.name(), kind, count, defined, undefined, ctx.sectionExtent(s)));
    }

    private String sectionLabel(int shndx) {
        if (shndx == SHN_UNDEF) return "UND";
        if (shndx == SHN_ABS) return "ABS";
        if (shndx == SHN_COMMON) return "COM";
        if (shndx == SHN_XINDEX) return "XINDEX";
        if (shndx >= SHN_LORESERVE) return ElfNames.hex(shndx);
        return ctx.sectionName(shndx);
    }

    private static SymbolBinding binding(int b) {
        switch (b) {
            case 0: return SymbolBinding.LOCAL;
            case 1: return SymbolBinding.GLOBAL;
            case 2: return SymbolBinding.WEAK;
            case 10: return SymbolBinding.UNIQUE;
            default: return SymbolBinding.UNKNOWN;
        }
    }

    private static SymbolType type(int t) {
        switch (t) {
            case 0: return SymbolType.NOTYPE;
            case 1: return SymbolType.OBJECT;
            case 2: return SymbolType.FUNC;
            case 3: return SymbolType.SECTION;
            case 4: return SymbolType.FILE;
            case 5: return SymbolType.COMMON;
            case 6: return SymbolType.TLS;
            case 10: return SymbolType.IFUNC;
            default: return SymbolType.UNKNOWN;
        }
    }

    private int[] readVersym(ElfSectionHeader s) {
        long count = s.size() / 2;
        try {
            ctx.r.checkTable(s.offset(), count, 2, ctx.options.maxSymbols(), ".gnu.version");
            ByteBuffer b = ctx.r.buffer(s.offset(), count * 2);
            int[] out = new int[(int) count];
            for (int i = 0; i < count; i++) {
                out[i] = b.getShort(i * 2) & 0xffff;
            }
            return out;
        } catch (MalformedBinaryException e) {
            ctx.error("elf.versym.table", e);
            return null;
        }
    }

    private void readVersionNeeds(ElfSectionHeader s, List<ElfVersionNeed> out) throws ParseCancelledException {
        ElfStrings strings = ctx.strings(s.link());
        long pos = s.offset();
        long end = s.offset() + s.size();
        int budget = ctx.options.maxImports();
        try {
            for (long i = 0; i < s.info(); i++) {
                ctx.options.checkCancelled();
                ctx.r.check(pos, 16, "Elf_Verneed");
                if (pos + 16 > end) throw new MalformedBinaryException(ctx.r.absolute(pos), "Elf_Verneed past "
                        + s.name());
                int cnt = ctx.r.u16(pos + 2);
                String file = strings.orEmpty(ctx.r.u32(pos + 4));
                long aux = pos + ctx.r.u32(pos + 8);
                long next = ctx.r.u32(pos + 12);
                List<ElfVersionAux> versions = new ArrayList<>();
                for (int j = 0; j < cnt; j++) {
                    if (--budget < 0) throw new MalformedBinaryException(ctx.r.absolute(aux), "too many versions");
                    ctx.r.check(aux, 16, "Elf_Vernaux");
                    if (aux + 16 > end || aux < s.offset()) {
                        throw new MalformedBinaryException(ctx.r.absolute(aux), "Elf_Vernaux past " + s.name());
                    }
                    long hash = ctx.r.u32(aux);
                    int flags = ctx.r.u16(aux + 4);
                    int other = ctx.r.u16(aux + 6);
                    String name = strings.orEmpty(ctx.r.u32(aux + 8));
                    versions.add(new ElfVersionAux(name, other, hash, flags, ctx.r.extent(aux, 16)));
                    versionNames.put(other, name);
                    versionFiles.put(other, file);
                    long auxNext = ctx.r.u32(aux + 12);
                    if (auxNext == 0) break;
                    aux += auxNext;
                }
                out.add(new ElfVersionNeed(file, versions, ctx.r.extent(pos, 16)));
                if (next == 0) break;
                pos += next;
            }
        } catch (MalformedBinaryException e) {
            ctx.error("elf.verneed", e);
        }
    }

    private void readVersionDefinitions(ElfSectionHeader s, List<ElfVersionAux> out)
            throws ParseCancelledException {
        ElfStrings strings = ctx.strings(s.link());
        long pos = s.offset();
        long end = s.offset() + s.size();
        try {
            for (long i = 0; i < s.info(); i++) {
                ctx.options.checkCancelled();
                ctx.r.check(pos, 20, "Elf_Verdef");
                if (pos + 20 > end) throw new MalformedBinaryException(ctx.r.absolute(pos), "Elf_Verdef past "
                        + s.name());
                int flags = ctx.r.u16(pos + 2);
                int ndx = ctx.r.u16(pos + 4);
                int cnt = ctx.r.u16(pos + 6);
                long hash = ctx.r.u32(pos + 8);
                long aux = ctx.r.u32(pos + 12);
                long next = ctx.r.u32(pos + 16);
                String name = "";
                if (cnt > 0) {
                    ctx.r.check(pos + aux, 8, "Elf_Verdaux");
                    name = strings.orEmpty(ctx.r.u32(pos + aux));
                }
                out.add(new ElfVersionAux(name, ndx, hash, flags, ctx.r.extent(pos, 20)));
                if ((flags & 1) == 0) versionNames.put(ndx, name);
                if (next == 0) break;
                pos += next;
            }
        } catch (MalformedBinaryException e) {
            ctx.error("elf.verdef", e);
        }
    }
}
