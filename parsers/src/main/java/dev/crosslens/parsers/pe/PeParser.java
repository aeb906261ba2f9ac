package dev.crosslens.parsers.pe;

import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.HardeningCheck;
import dev.crosslens.model.HardeningState;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.Linkage;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.RelocationSummary;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.pe.CoffFileHeader;
import dev.crosslens.model.pe.CoffSymbol;
import dev.crosslens.model.pe.PeBaseRelocationBlock;
import dev.crosslens.model.pe.PeBaseRelocations;
import dev.crosslens.model.pe.PeCodeView;
import dev.crosslens.model.pe.PeDataDirectory;
import dev.crosslens.model.pe.PeDebugDirectoryEntry;
import dev.crosslens.model.pe.PeDetails;
import dev.crosslens.model.pe.PeDosHeader;
import dev.crosslens.model.pe.PeExport;
import dev.crosslens.model.pe.PeExportDirectory;
import dev.crosslens.model.pe.PeImportDescriptor;
import dev.crosslens.model.pe.PeLoadConfig;
import dev.crosslens.model.pe.PeOptionalHeader;
import dev.crosslens.model.pe.PeSectionHeader;
import dev.crosslens.model.pe.PeSecurityDirectory;
import dev.crosslens.model.pe.PeTlsDirectory;
import dev.crosslens.model.pe.PeWinCertificate;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a PE32 / PE32+ image: headers and the section table are required (their absence throws); every
 * optional table (imports, exports, resources, relocations, debug, TLS, load config, certificates, COFF symbols)
 * that is broken becomes a diagnostic and an empty table.
 */
public final class PeParser {
    private static final int MAX_NAME = 4096;
    private static final int MAX_TLS_CALLBACKS = 4096;
    private static final int MAX_DEBUG_ENTRIES = 1024;
    private static final int MAX_CERTIFICATES = 256;

    public PeImage parse(BinaryReader r, ParseOptions options)
            throws MalformedBinaryException, ParseCancelledException {
        return new Run(r, options).parse();
    }

    /** One parse: the reader, the options and what has been read so far. */
    private static final class Run {
        private final BinaryReader r;
        private final ParseOptions options;
        private final List<Diagnostic> diags = new ArrayList<>();
        private PeOptionalHeader opt;
        private RvaMap map;
        private long imageBase;
        private boolean pe32Plus;

        Run(BinaryReader r, ParseOptions options) {
            this.r = r;
            this.options = options;
        }

        PeImage parse() throws MalformedBinaryException, ParseCancelledException {
            options.monitor().progress("PE headers", 0, 4);
            PeDosHeader dos = readDosHeader();
            long coffOff = dos.lfanew() + 4;
            CoffFileHeader coff = readFileHeader(coffOff);
            long optOff = coffOff + 20;
            opt = readOptionalHeader(optOff, coff.sizeOfOptionalHeader());
            pe32Plus = opt.pe32Plus();
            imageBase = opt.imageBase();
            List<PeDataDirectory> dirs = readDataDirectories(optOff + (pe32Plus ? 112 : 96), optOff,
                    coff.sizeOfOptionalHeader());
            CoffTables.StringTable strings = readStringTable(coff);
            List<PeSectionHeader> sections = CoffTables.readSections(r, optOff + coff.sizeOfOptionalHeader(),
                    coff.numberOfSections(), strings, options, diags);
            map = new RvaMap(sections, opt.sizeOfHeaders());

            options.monitor().progress("PE imports", 1, 4);
            List<PeImportDescriptor> imports = table("imports", List.of(), () -> readImports(dir(dirs, 1)));
            List<PeImportDescriptor> delay = table("delay-imports", List.of(), () -> readDelayImports(dir(dirs, 13)));
            options.monitor().progress("PE exports", 2, 4);
            PeExportDirectory exports = table("exports", null, () -> readExports(dir(dirs, 0)));
            options.monitor().progress("PE relocations", 3, 4);
            PeBaseRelocations relocs = table("relocations", PeBaseRelocations.empty(),
                    () -> readBaseRelocations(dir(dirs, 5)));
            PeTlsDirectory tls = table("tls", null, () -> readTls(dir(dirs, 9)));
            List<PeDebugDirectoryEntry> debug = table("debug", List.of(), () -> readDebug(dir(dirs, 6)));
            PeLoadConfig loadConfig = table("load-config", null, () -> readLoadConfig(dir(dirs, 10)));
            PeSecurityDirectory security = table("security", null, () -> readSecurity(dir(dirs, 4)));
            List<CoffSymbol> symbols = table("coff-symbols", List.of(), () -> readSymbols(coff, strings));
            PeResources.Result res = table("resources", PeResources.Result.NONE,
                    () -> new PeResources(r, map, options, diags).read(dir(dirs, 2)));
            Cpe23.Result cpe = res.versionInfo() == null ? null : Cpe23.fromVersionInfo(res.versionInfo());
            if (cpe != null) diags.addAll(cpe.diagnostics());

            boolean efi = PeNames.efiSubsystem(opt.subsystem());
            PeDetails details = new PeDetails(dos, coff, opt, dirs, sections, imports, delay, exports, relocs, tls,
                    debug, loadConfig, security, symbols, strings.bytes().length, List.of(), res.root(),
                    res.versionInfo(), res.manifest(), cpe == null ? null : cpe.cpe(), efi, null);
            return new PeImage(core(details), details);
        }

        // ---- headers (fatal when unusable) ----

        private PeDosHeader readDosHeader() throws MalformedBinaryException {
            if (!r.inBounds(0, 64)) {
                throw new MalformedBinaryException(r.base(), "MS-DOS executable, no PE header (file of "
                        + r.size() + " bytes is shorter than the 64-byte MS-DOS header)");
            }
            long lfanew = r.u32(0x3c);
            if (!r.inBounds(lfanew, 24) || r.u32(lfanew) != 0x4550L) {
                throw new MalformedBinaryException(r.absolute(0x3c), "MS-DOS executable, no PE header"
                        + " (e_lfanew 0x" + Long.toHexString(lfanew) + " does not point at \"PE\\0\\0\")");
            }
            return new PeDosHeader(r.u16(0), r.u16(2), r.u16(4), r.u16(8), lfanew, r.extent(0, 64));
        }

        private CoffFileHeader readFileHeader(long off) throws MalformedBinaryException {
            int machine = r.u16(off);
            int characteristics = r.u16(off + 18);
            return new CoffFileHeader(machine, PeNames.machineName(machine), r.u16(off + 2), r.u32(off + 4),
                    r.u32(off + 8), r.u32(off + 12), r.u16(off + 16), characteristics,
                    PeNames.fileFlags(characteristics), false, r.extent(off, 20));
        }

        private PeOptionalHeader readOptionalHeader(long o, int size) throws MalformedBinaryException {
            if (size < 2 || !r.inBounds(o, 2)) {
                throw new MalformedBinaryException(r.absolute(o), "PE image without an optional header");
            }
            int magic = r.u16(o);
            if (magic != 0x10b && magic != 0x20b) {
                throw new MalformedBinaryException(r.absolute(o), String.format(
                        "optional header magic 0x%x is neither PE32 (0x10b) nor PE32+ (0x20b)", magic));
            }
            boolean plus = magic == 0x20b;
            int fixed = plus ? 112 : 96;
            if (size < fixed || !r.inBounds(o, fixed)) {
                throw new MalformedBinaryException(r.absolute(o), "optional header of " + size
                        + " bytes is shorter than the " + fixed + " its magic requires");
            }
            int subsystem = r.u16(o + 68);
            int dllChars = r.u16(o + 70);
            long baseOfData = plus ? 0 : r.u32(o + 24);
            long imageBaseValue = plus ? r.u64(o + 24) : r.u32(o + 28);
            int w = plus ? 8 : 4;
            long p = o + 72;
            long stackReserve = r.word(p, plus);
            long stackCommit = r.word(p + w, plus);
            long heapReserve = r.word(p + 2L * w, plus);
            long heapCommit = r.word(p + 3L * w, plus);
            long loaderFlags = r.u32(p + 4L * w);
            long rvaAndSizes = r.u32(p + 4L * w + 4);
            return new PeOptionalHeader(magic, plus, r.u8(o + 2), r.u8(o + 3), r.u32(o + 4), r.u32(o + 8),
                    r.u32(o + 12), r.u32(o + 16), r.u32(o + 20), baseOfData, imageBaseValue, r.u32(o + 32),
                    r.u32(o + 36), r.u16(o + 40), r.u16(o + 42), r.u16(o + 44), r.u16(o + 46), r.u16(o + 48),
                    r.u16(o + 50), r.u32(o + 52), r.u32(o + 56), r.u32(o + 60), r.u32(o + 64), subsystem,
                    PeNames.subsystemName(subsystem), dllChars, PeNames.dllFlags(dllChars), stackReserve,
                    stackCommit, heapReserve, heapCommit, loaderFlags, rvaAndSizes, r.extent(o, size));
        }

        private List<PeDataDirectory> readDataDirectories(long off, long optOff, int optSize)
                throws MalformedBinaryException {
            long declared = opt.numberOfRvaAndSizes();
            long room = Math.max(0, (optOff + optSize - off) / 8);
            long n = Math.min(declared, 16);
            if (declared > 16) {
                diags.add(Diagnostic.warning("pe.directories.count", "NumberOfRvaAndSizes is " + declared
                        + "; only the 16 defined directories are read", r.extent(off - 4, 4)));
            }
            if (n > room) {
                diags.add(Diagnostic.error("pe.directories.truncated", "NumberOfRvaAndSizes says " + n
                        + " directories but the optional header has room for " + room, r.extent(off, room * 8)));
                n = room;
            }
            List<PeDataDirectory> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long e = off + 8L * i;
                if (!r.inBounds(e, 8)) {
                    diags.add(Diagnostic.error("pe.directories.truncated", "data directory " + i
                            + " lies past the end of the file", r.extent(e, 0)));
                    break;
                }
                out.add(new PeDataDirectory(i, PeNames.DIRECTORY_NAMES[i], r.u32(e), r.u32(e + 4), r.extent(e, 8)));
            }
            return out;
        }

        private CoffTables.StringTable readStringTable(CoffFileHeader coff) throws MalformedBinaryException {
            long ptr = coff.pointerToSymbolTable();
            if (ptr == 0 || coff.numberOfSymbols() == 0) return CoffTables.StringTable.EMPTY;
            long strOff = ptr + coff.numberOfSymbols() * 18;
            if (coff.numberOfSymbols() > options.maxSymbols() || strOff > r.size()) {
                return CoffTables.StringTable.EMPTY; // the symbol table itself is diagnosed in readSymbols
            }
            return CoffTables.readStringTable(r, strOff, diags);
        }

        // ---- optional tables ----

        private interface TableReader<T> {
            T read() throws MalformedBinaryException, ParseCancelledException;
        }

        /** Reads one optional table; a malformed one becomes a diagnostic and {@code empty}. */
        private <T> T table(String what, T empty, TableReader<T> reader) throws ParseCancelledException {
            try {
                return reader.read();
            } catch (MalformedBinaryException e) {
                diags.add(Diagnostic.error("pe." + what + ".malformed", "the " + what
                        + " table is unreadable and was left out: " + e.getMessage(),
                        Extent.of(Math.max(0, e.offset()), 0)));
                return empty;
            }
        }

        private static PeDataDirectory dir(List<PeDataDirectory> dirs, int index) {
            if (index >= dirs.size()) return null;
            PeDataDirectory d = dirs.get(index);
            return d.rva() == 0 ? null : d;
        }

        /** The file offset of {@code rva}; throws (naming what) when the file does not hold it. */
        private long offset(long rva, String what) throws MalformedBinaryException {
            long off = map.offset(rva);
            if (off < 0 || off >= r.size()) {
                throw new MalformedBinaryException(r.base(), what + " at RVA 0x" + Long.toHexString(rva)
                        + " is not backed by file data");
            }
            return off;
        }

        private String name(long rva, String what) throws MalformedBinaryException {
            return r.cString(offset(rva, what), MAX_NAME);
        }

        private List<PeImportDescriptor> readImports(PeDataDirectory d)
                throws MalformedBinaryException, ParseCancelledException {
            if (d == null) return List.of();
            List<PeImportDescriptor> out = new ArrayList<>();
            int[] budget = {options.maxImports()};
            for (long i = 0; ; i++) {
                options.checkCancelled();
                long off = offset(d.rva() + 20 * i, "import descriptor " + i);
                r.check(off, 20, "import descriptor " + i);
                long ilt = r.u32(off);
                long stamp = r.u32(off + 4);
                long chain = r.u32(off + 8);
                long nameRva = r.u32(off + 12);
                long iat = r.u32(off + 16);
                if (ilt == 0 && stamp == 0 && chain == 0 && nameRva == 0 && iat == 0) break;
                if (out.size() >= options.maxImports()) {
                    diags.add(Diagnostic.error("pe.imports.too-many", "more than " + options.maxImports()
                            + " import descriptors; the rest were not read", r.extent(off, 20)));
                    break;
                }
                String dll;
                List<ImportedSymbol> functions;
                try {
                    dll = name(nameRva, "imported DLL name");
                    functions = readThunks(ilt != 0 ? ilt : iat, budget, dll, 0);
                } catch (MalformedBinaryException e) {
                    diags.add(Diagnostic.error("pe.imports.descriptor", "import descriptor " + i
                            + " is broken: " + e.getMessage(), r.extent(off, 20)));
                    continue;
                }
                out.add(new PeImportDescriptor(dll, false, ilt, stamp, chain, nameRva, iat, 0, functions,
                        r.extent(off, 20)));
            }
            return out;
        }

        /** Walks a lookup table of thunks (4 or 8 bytes) up to its zero entry. */
        private List<ImportedSymbol> readThunks(long rva, int[] budget, String dll, long vaBias)
                throws MalformedBinaryException, ParseCancelledException {
            List<ImportedSymbol> out = new ArrayList<>();
            int w = pe32Plus ? 8 : 4;
            long ordinalFlag = pe32Plus ? Long.MIN_VALUE : 0x80000000L;
            for (long i = 0; ; i++) {
                if ((i & 0xfff) == 0) options.checkCancelled();
                long off = offset(rva + w * i, "import lookup entry of " + dll);
                long v = r.word(off, pe32Plus);
                if (v == 0) break;
                if (--budget[0] < 0) {
                    diags.add(Diagnostic.error("pe.imports.too-many", "more than " + options.maxImports()
                            + " imported functions; the rest of " + dll + " was not read", r.extent(off, w)));
                    break;
                }
                if ((v & ordinalFlag) != 0) {
                    out.add(new ImportedSymbol(null, (int) (v & 0xffff), -1, null, false, r.extent(off, w)));
                } else {
                    long hn = offset((v & 0x7fffffffL) - vaBias, "import name of " + dll);
                    int hint = r.u16(hn);
                    String fn = r.cString(hn + 2, MAX_NAME);
                    out.add(new ImportedSymbol(fn, -1, hint, null, false, r.extent(hn, fn.length() + 3)));
                }
            }
            return out;
        }

        private List<PeImportDescriptor> readDelayImports(PeDataDirectory d)
                throws MalformedBinaryException, ParseCancelledException {
            if (d == null) return List.of();
            List<PeImportDescriptor> out = new ArrayList<>();
            int[] budget = {options.maxImports()};
            for (long i = 0; ; i++) {
                options.checkCancelled();
                long off = offset(d.rva() + 32 * i, "delay import descriptor " + i);
                r.check(off, 32, "delay import descriptor " + i);
                long attributes = r.u32(off);
                long nameRva = r.u32(off + 4);
                long iat = r.u32(off + 12);
                long intRva = r.u32(off + 16);
                long stamp = r.u32(off + 28);
                if (nameRva == 0 && iat == 0 && intRva == 0) break;
                if (out.size() >= options.maxImports()) break;
                long bias = (attributes & 1) != 0 ? 0 : imageBase; // version 1 holds RVAs, version 0 VAs
                String dll;
                List<ImportedSymbol> functions;
                try {
                    dll = name(nameRva - bias, "delay-loaded DLL name");
                    functions = readThunks(intRva - bias, budget, dll, bias);
                } catch (MalformedBinaryException e) {
                    diags.add(Diagnostic.error("pe.delay-imports.descriptor", "delay import descriptor " + i
                            + " is broken: " + e.getMessage(), r.extent(off, 32)));
                    continue;
                }
                out.add(new PeImportDescriptor(dll, true, intRva, stamp, 0, nameRva, iat, attributes, functions,
                        r.extent(off, 32)));
            }
            return out;
        }

        private PeExportDirectory readExports(PeDataDirectory d)
                throws MalformedBinaryException, ParseCancelledException {
            if (d == null) return null;
            long off = offset(d.rva(), "export directory");
            r.check(off, 40, "export directory");
            long nameRva = r.u32(off + 12);
            long base = r.u32(off + 16);
            long nFunctions = r.u32(off + 20);
            long nNames = r.u32(off + 24);
            long eatRva = r.u32(off + 28);
            long namesRva = r.u32(off + 32);
            long ordinalsRva = r.u32(off + 36);
            String dll = "";
            if (nameRva != 0) {
                try {
                    dll = name(nameRva, "export DLL name");
                } catch (MalformedBinaryException e) {
                    diags.add(Diagnostic.warning("pe.exports.name", e.getMessage(), r.extent(off + 12, 4)));
                }
            }
            long[] eat = new long[0];
            if (nFunctions > 0) {
                long eatOff = offset(eatRva, "export address table");
                r.checkTable(eatOff, nFunctions, 4, options.maxSymbols(), "export address table");
                ByteBuffer b = r.buffer(eatOff, nFunctions * 4);
                eat = new long[(int) nFunctions];
                for (int i = 0; i < nFunctions; i++) eat[i] = CoffTables.u32(b, 4 * i);
            }
            String[] names = new String[eat.length];
            if (nNames > 0) {
                long namesOff = offset(namesRva, "export name pointer table");
                long ordOff = offset(ordinalsRva, "export ordinal table");
                r.checkTable(namesOff, nNames, 4, options.maxSymbols(), "export name pointer table");
                r.checkTable(ordOff, nNames, 2, options.maxSymbols(), "export ordinal table");
                ByteBuffer np = r.buffer(namesOff, nNames * 4);
                ByteBuffer ord = r.buffer(ordOff, nNames * 2);
                for (int i = 0; i < nNames; i++) {
                    if ((i & 0xfff) == 0) {
                        options.checkCancelled();
                        options.monitor().progress("PE exports", i, nNames);
                    }
                    int idx = CoffTables.u16(ord, 2 * i);
                    if (idx >= names.length) {
                        diags.add(Diagnostic.warning("pe.exports.ordinal", "export name " + i + " refers to slot "
                                + idx + " of " + names.length, r.extent(ordOff + 2L * i, 2)));
                        continue;
                    }
                    try {
                        names[idx] = name(CoffTables.u32(np, 4 * i), "export name " + i);
                    } catch (MalformedBinaryException e) {
                        diags.add(Diagnostic.warning("pe.exports.name", e.getMessage(), r.extent(namesOff + 4L * i, 4)));
                    }
                }
            }
            List<PeExport> exports = new ArrayList<>();
            long eatOffset = eat.length == 0 ? -1 : map.offset(eatRva);
            for (int i = 0; i < eat.length; i++) {
                long rva = eat[i];
                if (rva == 0 && names[i] == null) continue;
                String forwarder = null;
                if (rva >= d.rva() && rva - d.rva() < d.size()) {
                    try {
                        forwarder = name(rva, "export forwarder");
                    } catch (MalformedBinaryException e) {
                        diags.add(Diagnostic.warning("pe.exports.forwarder", e.getMessage(),
                                r.extent(eatOffset + 4L * i, 4)));
                    }
                }
                exports.add(new PeExport(base + i, names[i], rva, forwarder, r.extent(eatOffset + 4L * i, 4)));
            }
            return new PeExportDirectory(dll, r.u32(off + 4), r.u16(off + 8), r.u16(off + 10), base, nFunctions,
                    nNames, eatRva, namesRva, ordinalsRva, exports, r.extent(off, 40));
        }

        private PeBaseRelocations readBaseRelocations(PeDataDirectory d)
                throws MalformedBinaryException, ParseCancelledException {
            if (d == null || d.size() == 0) return PeBaseRelocations.empty();
            long off = offset(d.rva(), "base relocation table");
            long size = d.size();
            if (!r.inBounds(off, size)) {
                long left = r.size() - off;
                diags.add(Diagnostic.error("pe.relocations.truncated", "the base relocation table claims " + size
                        + " bytes but " + left + " are left in the file", r.extent(off, left)));
                size = left;
            }
            r.checkTable(off, size, 1, 2L * options.maxRelocations() + 8, "base relocation table");
            ByteBuffer b = r.buffer(off, size);
            long[] byType = new long[16];
            List<PeBaseRelocationBlock> blocks = new ArrayList<>();
            long total = 0;
            int p = 0;
            while (p + 8 <= size) {
                if ((blocks.size() & 0x3ff) == 0) options.checkCancelled();
                long page = CoffTables.u32(b, p);
                long blockSize = CoffTables.u32(b, p + 4);
                if (blockSize == 0 && page == 0) break;
                if (blockSize < 8 || blockSize > size - p) {
                    diags.add(Diagnostic.error("pe.relocations.block", "base relocation block at page 0x"
                            + Long.toHexString(page) + " has size " + blockSize + " (" + (size - p)
                            + " bytes left); the rest of the table was not read", r.extent(off + p, 8)));
                    break;
                }
                int entries = (int) ((blockSize - 8) / 2);
                for (int e = 0; e < entries; e++) {
                    byType[(b.get(p + 8 + 2 * e + 1) & 0xf0) >>> 4]++;
                }
                total += entries;
                blocks.add(new PeBaseRelocationBlock(page, blockSize, entries, r.extent(off + p, blockSize)));
                p += (int) blockSize;
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int t = 0; t < 16; t++) {
                if (byType[t] > 0) counts.put(PeNames.baseRelocationTypeName(t), byType[t]);
            }
            return new PeBaseRelocations(blocks, counts, total, r.extent(off, size));
        }

        private PeTlsDirectory readTls(PeDataDirectory d) throws MalformedBinaryException, ParseCancelledException {
            if (d == null) return null;
            long off = offset(d.rva(), "TLS directory");
            int w = pe32Plus ? 8 : 4;
            int size = pe32Plus ? 40 : 24;
            r.check(off, size, "TLS directory");
            long start = r.word(off, pe32Plus);
            long end = r.word(off + w, pe32Plus);
            long index = r.word(off + 2L * w, pe32Plus);
            long callbacksVa = r.word(off + 3L * w, pe32Plus);
            long zeroFill = r.u32(off + 4L * w);
            long characteristics = r.u32(off + 4L * w + 4);
            List<Long> callbacks = new ArrayList<>();
            if (callbacksVa != 0) {
                try {
                    long cb = offset(callbacksVa - imageBase, "TLS callback array");
                    for (int i = 0; ; i++) {
                        long va = r.word(cb + (long) w * i, pe32Plus);
                        if (va == 0) break;
                        if (i >= MAX_TLS_CALLBACKS) {
                            diags.add(Diagnostic.warning("pe.tls.callbacks", "more than " + MAX_TLS_CALLBACKS
                                    + " TLS callbacks; the rest were not read", r.extent(cb, (long) w * i)));
                            break;
                        }
                        callbacks.add(va);
                    }
                } catch (MalformedBinaryException e) {
                    diags.add(Diagnostic.error("pe.tls.callbacks", "TLS callback list is unreadable: "
                            + e.getMessage(), r.extent(off + 3L * w, w)));
                }
            }
            return new PeTlsDirectory(start, end, index, callbacksVa, zeroFill, characteristics, callbacks,
                    r.extent(off, size));
        }

        private List<PeDebugDirectoryEntry> readDebug(PeDataDirectory d)
                throws MalformedBinaryException, ParseCancelledException {
            if (d == null || d.size() == 0) return List.of();
            long off = offset(d.rva(), "debug directory");
            long n = d.size() / 28;
            r.checkTable(off, n, 28, MAX_DEBUG_ENTRIES, "debug directory");
            List<PeDebugDirectoryEntry> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long e = off + 28L * i;
                long type = r.u32(e + 12);
                long size = r.u32(e + 16);
                long addr = r.u32(e + 20);
                long ptr = r.u32(e + 24);
                PeCodeView cv = null;
                if (type == 2) cv = readCodeView(ptr, addr, size);
                out.add(new PeDebugDirectoryEntry(r.u32(e), r.u32(e + 4), r.u16(e + 8), r.u16(e + 10), type,
                        PeNames.debugTypeName(type), size, addr, ptr, cv, r.extent(e, 28)));
            }
            return out;
        }

        private PeCodeView readCodeView(long ptr, long rva, long size) {
            long off = ptr != 0 ? ptr : map.offset(rva);
            if (off <= 0 || size < 16 || !r.inBounds(off, Math.min(size, 24))) {
                diags.add(Diagnostic.warning("pe.debug.codeview", "the CodeView record (" + size
                        + " bytes at 0x" + Long.toHexString(off) + ") is not in the file", r.extent(Math.max(0, off), 0)));
                return null;
            }
            try {
                long sig = r.u32(off);
                if (sig == 0x53445352L && size >= 24) { // "RSDS"
                    byte[] g = r.bytes(off + 4, 16);
                    String guid = String.format("{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
                            r.u32(off + 4), r.u16(off + 8), r.u16(off + 10), g[8], g[9], g[10], g[11], g[12],
                            g[13], g[14], g[15]);
                    String pdb = r.cString(off + 24, (int) Math.min(MAX_NAME, size - 24));
                    return new PeCodeView("RSDS", guid, r.u32(off + 20), pdb, r.extent(off, size));
                }
                if (sig == 0x3031424eL) { // "NB10"
                    String pdb = r.cString(off + 16, (int) Math.min(MAX_NAME, size - 16));
                    return new PeCodeView("NB10", String.format("%08X", r.u32(off + 8)), r.u32(off + 12), pdb,
                            r.extent(off, size));
                }
                diags.add(Diagnostic.info("pe.debug.codeview", String.format(
                        "CodeView record with unknown signature 0x%08x", sig), r.extent(off, 4)));
            } catch (MalformedBinaryException e) {
                diags.add(Diagnostic.warning("pe.debug.codeview", e.getMessage(), r.extent(off, 0)));
            }
            return null;
        }

        private PeLoadConfig readLoadConfig(PeDataDirectory d) throws MalformedBinaryException {
            if (d == null) return null;
            long off = offset(d.rva(), "load config directory");
            long size = r.u32(off);
            int w = pe32Plus ? 8 : 4;
            long cookieAt = pe32Plus ? 88 : 60;
            return new PeLoadConfig(size, field(off, size, cookieAt, w), field(off, size, cookieAt + w, w),
                    field(off, size, cookieAt + 2L * w, w), field(off, size, cookieAt + 3L * w, w),
                    field(off, size, cookieAt + 5L * w, w), field(off, size, cookieAt + 6L * w, w),
                    field(off, size, cookieAt + 7L * w, 4), r.extent(off, Math.min(size, r.size() - off)));
        }

        /** A load config field at {@code at}, 0 when the structure's Size ends before it. */
        private long field(long off, long size, long at, int width) throws MalformedBinaryException {
            if (at + width > size) return 0;
            return width == 8 ? r.u64(off + at) : r.u32(off + at);
        }

        private PeSecurityDirectory readSecurity(PeDataDirectory d) throws MalformedBinaryException {
            if (d == null || d.size() == 0) return null;
            long off = d.rva(); // a file offset, not an RVA
            long end = off + d.size();
            r.check(off, d.size(), "certificate table");
            List<PeWinCertificate> certs = new ArrayList<>();
            long p = off;
            while (p + 8 <= end && certs.size() < MAX_CERTIFICATES) {
                long len = r.u32(p);
                if (len < 8 || len > end - p) {
                    diags.add(Diagnostic.error("pe.security.certificate", "WIN_CERTIFICATE of length " + len
                            + " does not fit the " + (end - p) + " bytes left of the certificate table",
                            r.extent(p, 8)));
                    break;
                }
                certs.add(new PeWinCertificate(len, r.u16(p + 4), r.u16(p + 6), r.extent(p, len)));
                p += (len + 7) & ~7L;
            }
            return new PeSecurityDirectory(certs, r.extent(off, d.size()));
        }

        private List<CoffSymbol> readSymbols(CoffFileHeader coff, CoffTables.StringTable strings)
                throws MalformedBinaryException, ParseCancelledException {
            if (coff.pointerToSymbolTable() == 0 || coff.numberOfSymbols() == 0) return List.of();
            return CoffTables.readSymbols(r, coff.pointerToSymbolTable(), coff.numberOfSymbols(), 18, strings,
                    options, diags);
        }

        // ---- unified view ----

        private ImageCore core(PeDetails d) {
            CoffFileHeader coff = d.fileHeader();
            boolean dll = (coff.characteristics() & PeNames.FILE_DLL) != 0;
            Long entry = opt.addressOfEntryPoint() == 0 && dll ? null : imageBase + opt.addressOfEntryPoint();
            List<Library> libraries = new ArrayList<>();
            List<Symbol> symbols = new ArrayList<>();
            addImports(d.imports(), LibraryKind.IMPORT, libraries, symbols);
            addImports(d.delayImports(), LibraryKind.DELAY_IMPORT, libraries, symbols);
            if (d.exports() != null) {
                for (PeExport e : d.exports().exports()) {
                    String name = e.name() != null ? e.name() : "#" + e.ordinal();
                    long value = e.forwarded() ? 0 : imageBase + e.rva();
                    String lib = e.forwarded() ? forwardTarget(e.forwarder()) : null;
                    symbols.add(new Symbol(symbols.size(), name, null, value, 0, SymbolTable.PE_EXPORTS,
                            SymbolBinding.GLOBAL, SymbolType.FUNC, "", "", !e.forwarded(), null, lib,
                            e.ordinal(), e.extent()));
                }
            }
            symbols.addAll(CoffTables.unifiedSymbols(d.coffSymbols(), d.sections(), imageBase));
            PeBaseRelocations relocs = d.baseRelocations();
            RelocationSummary summary = relocs.total() == 0 ? RelocationSummary.empty()
                    : new RelocationSummary(relocs.total(), Map.of("base relocations", relocs.total()),
                    relocs.countsByType());
            if (d.efi()) {
                diags.add(Diagnostic.info("pe.subsystem.efi", "EFI image (" + opt.subsystemName()
                        + "): it runs under UEFI firmware, not Windows", opt.extent()));
            }
            return ImageCore.builder(BinaryFormat.PE)
                    .arch(PeNames.arch(coff.machine()))
                    .rawMachine(coff.machine())
                    .machineName(coff.machineName())
                    .bits(pe32Plus ? 64 : 32)
                    .os(TargetOs.WINDOWS)
                    .kind(dll ? BinaryKind.DLL : BinaryKind.EXECUTABLE)
                    .entry(entry)
                    .linkage(linkage(d))
                    .sections(CoffTables.unifiedSections(r, d.sections()))
                    .symbols(symbols)
                    .libraries(libraries)
                    .hardening(hardening(d))
                    .relocations(summary)
                    .stripped(d.coffSymbols().isEmpty())
                    .diagnostics(diags)
                    .extent(r.extent(0, r.size()))
                    .build();
        }

        private static String forwardTarget(String forwarder) {
            int dot = forwarder.lastIndexOf('.');
            return dot > 0 ? forwarder.substring(0, dot) : forwarder;
        }

        private static void addImports(List<PeImportDescriptor> descriptors, LibraryKind kind,
                                       List<Library> libraries, List<Symbol> symbols) {
            for (PeImportDescriptor desc : descriptors) {
                libraries.add(new Library(desc.dllName(), kind, desc.functions(), null, null, desc.extent()));
                for (ImportedSymbol f : desc.functions()) {
                    symbols.add(new Symbol(symbols.size(), f.label(), null, 0, 0, SymbolTable.PE_IMPORTS,
                            SymbolBinding.GLOBAL, SymbolType.FUNC, "", "UND", false, null, desc.dllName(),
                            f.ordinal(), f.extent()));
                }
            }
        }

        private static Linkage linkage(PeDetails d) {
            List<String> dlls = new ArrayList<>();
            d.imports().forEach(i -> dlls.add(i.dllName()));
            d.delayImports().forEach(i -> dlls.add(i.dllName()));
            if (dlls.isEmpty()) {
                return new Linkage(false, null, LibcFlavor.NONE, "no import table: nothing is loaded at start");
            }
            String ucrt = null;
            String msvcrt = null;
            String vcruntime = null;
            for (String dll : dlls) {
                String n = dll.toLowerCase(Locale.ROOT);
                if (ucrt == null && (n.equals("ucrtbase.dll") || n.equals("ucrtbased.dll")
                        || n.startsWith("api-ms-win-crt-"))) {
                    ucrt = dll;
                } else if (msvcrt == null && n.matches("msvcr(t|\\d+)d?\\.dll")) {
                    msvcrt = dll;
                } else if (vcruntime == null && n.startsWith("vcruntime")) {
                    vcruntime = dll;
                }
            }
            if (ucrt != null) {
                return new Linkage(true, null, LibcFlavor.UCRT, "imports " + ucrt
                        + (vcruntime != null ? " and " + vcruntime : ""));
            }
            if (msvcrt != null) return new Linkage(true, null, LibcFlavor.MSVCRT, "imports " + msvcrt);
            if (vcruntime != null) return new Linkage(true, null, LibcFlavor.VCRUNTIME, "imports " + vcruntime);
            return new Linkage(true, null, LibcFlavor.NONE, "imports no C runtime DLL, only "
                    + String.join(", ", dlls.subList(0, Math.min(5, dlls.size())))
                    + (dlls.size() > 5 ? ", ..." : ""));
        }

        private List<HardeningCheck> hardening(PeDetails d) {
            int dc = opt.dllCharacteristics();
            List<HardeningCheck> out = new ArrayList<>();
            boolean dynBase = (dc & PeNames.DLL_DYNAMIC_BASE) != 0;
            boolean relocsStripped = (d.fileHeader().characteristics() & PeNames.FILE_RELOCS_STRIPPED) != 0;
            PeDataDirectory relocDir = d.dataDirectory("BaseRelocationTable");
            boolean noRelocs = relocDir == null || relocDir.size() == 0;
            if (!dynBase) {
                out.add(new HardeningCheck("aslr", "ASLR", HardeningState.DISABLED, "DYNAMIC_BASE not set"));
            } else if (relocsStripped || noRelocs) {
                out.add(new HardeningCheck("aslr", "ASLR", HardeningState.DISABLED, "DYNAMIC_BASE set but "
                        + (relocsStripped ? "IMAGE_FILE_RELOCS_STRIPPED is set" : "there is no base relocation table")
                        + ": the loader cannot move the image"));
            } else {
                out.add(new HardeningCheck("aslr", "ASLR", HardeningState.ENABLED,
                        "DYNAMIC_BASE with " + d.baseRelocations().total() + " base relocations"));
            }
            if (!pe32Plus) {
                out.add(new HardeningCheck("high-entropy-va", "High-entropy VA", HardeningState.NOT_APPLICABLE,
                        "PE32: 32-bit address space"));
            } else {
                boolean he = (dc & PeNames.DLL_HIGH_ENTROPY_VA) != 0;
                out.add(new HardeningCheck("high-entropy-va", "High-entropy VA",
                        he ? HardeningState.ENABLED : HardeningState.DISABLED,
                        he ? "HIGH_ENTROPY_VA" : "HIGH_ENTROPY_VA not set"));
            }
            boolean nx = (dc & PeNames.DLL_NX_COMPAT) != 0;
            out.add(new HardeningCheck("nx-compat", "DEP (NX compatible)",
                    nx ? HardeningState.ENABLED : HardeningState.DISABLED, nx ? "NX_COMPAT" : "NX_COMPAT not set"));
            boolean guard = (dc & PeNames.DLL_GUARD_CF) != 0;
            PeLoadConfig lc = d.loadConfig();
            if (guard && lc != null && lc.cfInstrumented()) {
                out.add(new HardeningCheck("cfg", "Control Flow Guard", HardeningState.ENABLED, String.format(
                        "GUARD_CF, GuardFlags 0x%x, %d guarded functions", lc.guardFlags(), lc.guardCfFunctionCount())));
            } else if (guard) {
                out.add(new HardeningCheck("cfg", "Control Flow Guard", HardeningState.PARTIAL,
                        "GUARD_CF set but the load config does not say CF_INSTRUMENTED"));
            } else {
                out.add(new HardeningCheck("cfg", "Control Flow Guard", HardeningState.DISABLED, "GUARD_CF not set"));
            }
            PeSecurityDirectory sec = d.security();
            if (sec != null && !sec.certificates().isEmpty()) {
                out.add(new HardeningCheck("authenticode", "Authenticode signature", HardeningState.ENABLED,
                        sec.certificates().size() + " WIN_CERTIFICATE(s)"
                                + (sec.hasAuthenticode() ? ", PKCS#7 signed data" : "") + "; not verified"));
            } else {
                out.add(new HardeningCheck("authenticode", "Authenticode signature", HardeningState.DISABLED,
                        "no certificate table"));
            }
            if (d.fileHeader().machine() != PeNames.MACHINE_I386) {
                out.add(new HardeningCheck("seh", "SafeSEH", HardeningState.NOT_APPLICABLE,
                        "table-based unwinding on " + d.fileHeader().machineName()));
            } else if ((dc & PeNames.DLL_NO_SEH) != 0) {
                out.add(new HardeningCheck("seh", "SafeSEH", HardeningState.ENABLED, "NO_SEH: the image has no handlers"));
            } else if (lc != null && lc.seHandlerTable() != 0) {
                out.add(new HardeningCheck("seh", "SafeSEH", HardeningState.ENABLED,
                        "SafeSEH table with " + lc.seHandlerCount() + " handlers"));
            } else {
                out.add(new HardeningCheck("seh", "SafeSEH", HardeningState.DISABLED,
                        "no SafeSEH table and NO_SEH not set"));
            }
            boolean fi = (dc & PeNames.DLL_FORCE_INTEGRITY) != 0;
            out.add(new HardeningCheck("force-integrity", "Force integrity",
                    fi ? HardeningState.ENABLED : HardeningState.DISABLED, fi ? "FORCE_INTEGRITY" : "FORCE_INTEGRITY not set"));
            return out;
        }
    }
}
