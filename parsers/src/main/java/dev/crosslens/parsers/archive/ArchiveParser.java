package dev.crosslens.parsers.archive;

import dev.crosslens.model.Arch;
import dev.crosslens.model.ArchiveImage;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Endianness;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.archive.ArchiveMember;
import dev.crosslens.model.archive.ArchiveMember.ImportStub;
import dev.crosslens.parsers.ImageOpener;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.demangle.SymbolDemangler;
import dev.crosslens.parsers.detect.DetectedFormat;
import dev.crosslens.parsers.detect.FormatDetector;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;
import dev.crosslens.parsers.io.UnsupportedFormatException;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code ar} archives: GNU ({@code /} symbol index, {@code //} long names, {@code /123} references), BSD
 * ({@code #1/NN} inline names, {@code __.SYMDEF}, {@code __.SYMDEF SORTED}, {@code __.SYMDEF_64}), Windows
 * {@code .lib} (first and second linker members, longnames, COFF objects and short import members) and thin
 * archives ({@code !<thin>}: members are paths to outside files, listed but never read).
 *
 * <p>Every member is listed, whatever happens to it: a member that is an object is opened through the given
 * {@link ImageOpener}; one that is not (symbol tables, text) has no image; one that fails to parse keeps its
 * diagnostics and no image. Only a missing {@code !<arch>} magic is fatal.
 */
public final class ArchiveParser {
    static final int HEADER_SIZE = 60;
    private static final int MAX_NAME = 4096;

    public ArchiveImage parse(BinaryReader r, ParseOptions options, ImageOpener nested)
            throws MalformedBinaryException, ParseCancelledException {
        boolean thin = readMagic(r);
        State st = new State(r, options, thin);
        readMembers(st, nested);
        List<Symbol> symbols = resolveSymbolIndex(st);
        String variant = variant(st);
        ImageCore core = buildCore(st, symbols, r);
        if (options.demangle()) {
            core = new SymbolDemangler().demangle(core); // the facade enriches members, not the archive's index
        }
        return new ArchiveImage(core, variant, st.members);
    }

    /** Mutable state of one parse. */
    private static final class State {
        final BinaryReader r;
        final ParseOptions options;
        final boolean thin;
        final List<ArchiveMember> members = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();
        /** member header offset (window-relative) -> member name, for the symbol index. */
        final Map<Long, String> memberAtOffset = new HashMap<>();
        final List<String> indexNames = new ArrayList<>();
        final List<Long> indexOffsets = new ArrayList<>();
        byte[] longNames;
        boolean bsd;
        boolean gnu;
        int linkerMembers;
        boolean sawCoff;

        State(BinaryReader r, ParseOptions options, boolean thin) {
            this.r = r;
            this.options = options;
            this.thin = thin;
        }

        void diag(Diagnostic d) {
            diagnostics.add(d);
        }
    }

    private static boolean readMagic(BinaryReader r) throws MalformedBinaryException {
        r.check(0, 8, "ar magic");
        String magic = new String(r.bytes(0, 8), StandardCharsets.ISO_8859_1);
        if (magic.equals("!<arch>\n")) return false;
        if (magic.equals("!<thin>\n")) return true;
        throw new MalformedBinaryException(r.base(), "no !<arch> or !<thin> magic");
    }

    // ---- members ----------------------------------------------------------------------------------------------

    private void readMembers(State st, ImageOpener nested) throws ParseCancelledException {
        BinaryReader r = st.r;
        long off = 8;
        while (off < r.size()) {
            st.options.checkCancelled();
            if (st.members.size() >= st.options.maxArchiveMembers()) {
                st.diag(Diagnostic.warning("archive.members.capped", "more than " + st.options.maxArchiveMembers()
                        + " members: the rest are not listed", r.extent(off, r.size() - off)));
                return;
            }
            if (r.size() - off < HEADER_SIZE) {
                if (!onlyPadding(r, off)) {
                    st.diag(Diagnostic.error("archive.header.truncated", "member header at 0x"
                            + Long.toHexString(r.absolute(off)) + " is cut off after " + (r.size() - off)
                            + " of " + HEADER_SIZE + " bytes", r.extent(off, r.size() - off)));
                }
                return;
            }
            Long next;
            try {
                next = readMember(st, off, nested);
            } catch (MalformedBinaryException e) {
                // bounds were checked before every read; this is a guard, reported rather than lost
                st.diag(Diagnostic.error("archive.member.unreadable", e.getMessage(), r.extent(off, HEADER_SIZE)));
                return;
            }
            if (next == null) return;
            off = next;
        }
    }

    private static boolean onlyPadding(BinaryReader r, long off) {
        try {
            for (long i = off; i < r.size(); i++) {
                if (r.u8(i) != '\n') return false;
            }
            return true;
        } catch (MalformedBinaryException e) {
            return false;
        }
    }

    /** Reads the member at {@code off}; returns the next member's offset, or null when the walk must stop. */
    private Long readMember(State st, long off, ImageOpener nested)
            throws MalformedBinaryException, ParseCancelledException {
        BinaryReader r = st.r;
        byte[] h = r.bytes(off, HEADER_SIZE);
        Extent headerExtent = r.extent(off, HEADER_SIZE);
        String rawName = field(h, 0, 16);
        if (h[58] != '`' || h[59] != '\n') {
            st.diag(Diagnostic.error("archive.header.magic", "member header at 0x"
                    + Long.toHexString(r.absolute(off)) + " does not end in `\\n (name field \"" + rawName.strip()
                    + "\"): the archive cannot be walked further", headerExtent));
            return null;
        }
        List<Diagnostic> memberDiags = new ArrayList<>();
        long mtime = number(field(h, 16, 12), 10, "mtime", headerExtent, memberDiags);
        long uid = number(field(h, 28, 6), 10, "uid", headerExtent, memberDiags);
        long gid = number(field(h, 34, 6), 10, "gid", headerExtent, memberDiags);
        long mode = number(field(h, 40, 8), 8, "mode", headerExtent, memberDiags);
        String sizeField = field(h, 48, 10);
        long size = parseNumber(sizeField, 10);
        if (size < 0) {
            st.diag(Diagnostic.error("archive.header.size", "member header at 0x" + Long.toHexString(r.absolute(off))
                    + " has size field \"" + sizeField.strip() + "\", not a decimal number: the archive cannot be"
                    + " walked further", headerExtent));
            return null;
        }
        long dataOff = off + HEADER_SIZE;
        String trimmed = rawName.stripTrailing();
        boolean symbolTable = trimmed.equals("/") || trimmed.equals("/SYM64/");
        boolean longNameTable = trimmed.equals("//");
        boolean special = symbolTable || longNameTable;
        // in a thin archive only the symbol table and the long-name table are stored inside it
        boolean embedded = !st.thin || special;
        long available = Math.max(0, r.size() - dataOff);
        long stored = embedded ? size : 0;
        boolean truncated = stored > available;
        if (truncated) {
            memberDiags.add(Diagnostic.error("archive.member.truncated", "member data of " + size + " bytes runs "
                    + "past the end of the file (" + available + " bytes left)", r.extent(dataOff, available)));
            stored = available;
        }

        // the name
        String name;
        long contentOff = dataOff;
        long contentSize = stored;
        if (symbolTable) {
            name = trimmed;
            st.gnu = true;
        } else if (longNameTable) {
            name = "//";
            st.longNames = r.bytes(dataOff, (int) Math.min(stored, Integer.MAX_VALUE - 8));
        } else if (trimmed.startsWith("#1/")) {
            st.bsd = true;
            long n = parseNumber(trimmed.substring(3), 10);
            if (n < 0 || n > Math.min(MAX_NAME, stored)) {
                memberDiags.add(Diagnostic.error("archive.name.bsd", "BSD name length \"" + trimmed.substring(3)
                        + "\" is not a number within the member's " + stored + " bytes", headerExtent));
                name = trimmed;
            } else {
                byte[] nb = r.bytes(dataOff, (int) n);
                int len = 0;
                while (len < nb.length && nb[len] != 0) len++;
                name = new String(nb, 0, len, StandardCharsets.UTF_8);
                contentOff = dataOff + n;
                contentSize = stored - n;
            }
        } else if (trimmed.startsWith("/") && trimmed.length() > 1 && Character.isDigit(trimmed.charAt(1))) {
            name = longName(st, trimmed, headerExtent, memberDiags);
        } else if (trimmed.endsWith("/")) {
            name = trimmed.substring(0, trimmed.length() - 1);
            st.gnu = true;
        } else {
            name = trimmed;
        }

        // the symbol index: GNU "/" (and the first .lib linker member), BSD __.SYMDEF*
        if (symbolTable) {
            st.linkerMembers++;
            if (st.linkerMembers == 1) {
                readGnuIndex(st, r, contentOff, contentSize, trimmed.equals("/SYM64/"), memberDiags);
            }
        } else if (name.startsWith("__.SYMDEF")) {
            readBsdIndex(st, r, contentOff, contentSize, name.contains("_64"), memberDiags);
        }

        BinaryImage image = null;
        ImportStub stub = null;
        boolean isIndex = symbolTable || name.startsWith("__.SYMDEF");
        if (!st.thin || special) {
            if (!special && !isIndex && !truncated && contentSize > 0) {
                BinaryReader window = r.slice(contentOff, contentSize);
                if (isImportHeader(window)) {
                    stub = readImportStub(window, memberDiags);
                    st.sawCoff = true;
                } else {
                    image = open(window, nested, memberDiags);
                    if (image != null && (image.core().format() == BinaryFormat.COFF
                            || image.core().format() == BinaryFormat.PE)) {
                        st.sawCoff = true;
                    }
                }
            }
        } else {
            memberDiags.add(Diagnostic.info("archive.thin.member", "thin archive member: " + name
                    + " is a path to an outside file (" + size + " bytes), not stored in the archive and not read",
                    headerExtent));
        }

        st.memberAtOffset.put(off, name);
        Extent dataExtent = embedded ? r.extent(contentOff, contentSize) : Extent.NONE;
        st.members.add(new ArchiveMember(name, size, mtime, (int) Math.min(uid, Integer.MAX_VALUE),
                (int) Math.min(gid, Integer.MAX_VALUE), mode, image, stub, memberDiags, headerExtent, dataExtent));
        if (truncated) return null;
        long next = dataOff + stored;
        if (next % 2 == 1) next++; // members start on even offsets
        return next;
    }

    private static String field(byte[] h, int off, int len) {
        return new String(h, off, len, StandardCharsets.ISO_8859_1);
    }

    /** A space-padded decimal or octal field; -1 when it is not one. Empty is 0. */
    static long parseNumber(String field, int radix) {
        String t = field.strip();
        if (t.isEmpty()) return 0;
        if (t.length() > 18) return -1;
        long v = 0;
        for (int i = 0; i < t.length(); i++) {
            int d = Character.digit(t.charAt(i), radix);
            if (d < 0 || t.charAt(i) > 0x7f) return -1;
            v = v * radix + d;
        }
        return v;
    }

    private static long number(String field, int radix, String what, Extent where, List<Diagnostic> diags) {
        long v = parseNumber(field, radix);
        if (v < 0) {
            diags.add(Diagnostic.warning("archive.header." + what, what + " field \"" + field.strip() + "\" is not a "
                    + (radix == 8 ? "octal" : "decimal") + " number", where));
            return 0;
        }
        return v;
    }

    private static String longName(State st, String ref, Extent where, List<Diagnostic> diags) {
        long idx = parseNumber(ref.substring(1), 10);
        byte[] table = st.longNames;
        if (table == null || idx < 0 || idx >= table.length) {
            diags.add(Diagnostic.error("archive.name.longref", "long name reference " + ref + " points outside the "
                    + "long-name table (" + (table == null ? "none" : table.length + " bytes") + ")", where));
            return ref;
        }
        int end = (int) idx;
        while (end < table.length && end - idx < MAX_NAME && table[end] != '\n' && table[end] != 0) end++;
        int stop = end;
        if (stop > idx && table[stop - 1] == '/') stop--; // GNU ends names with "/\n"
        return new String(table, (int) idx, stop - (int) idx, StandardCharsets.UTF_8);
    }

    private static BinaryImage open(BinaryReader window, ImageOpener nested, List<Diagnostic> diags)
            throws ParseCancelledException {
        if (new FormatDetector().detect(window) == DetectedFormat.NOT_BINARY) return null;
        try {
            return nested.open(window);
        } catch (ParseCancelledException e) {
            throw e;
        } catch (UnsupportedFormatException e) {
            return null;
        } catch (MalformedBinaryException e) {
            diags.add(Diagnostic.error("archive.member.malformed", "member does not parse: " + e.getMessage(),
                    window.extent(0, window.size())));
            return null;
        } catch (IOException e) {
            diags.add(Diagnostic.error("archive.member.unreadable", "member cannot be read: " + e.getMessage(),
                    window.extent(0, window.size())));
            return null;
        }
    }

    // ---- symbol index -------------------------------------------------------------------------------------------

    /** GNU / first linker member: big-endian count, offsets, then NUL-terminated names. */
    private static void readGnuIndex(State st, BinaryReader r, long off, long size, boolean is64,
                                     List<Diagnostic> diags) {
        try {
            BinaryReader be = r.slice(off, size).withOrder(ByteOrder.BIG_ENDIAN);
            int w = is64 ? 8 : 4;
            long count = be.word(0, is64);
            long cap = st.options.maxSymbols();
            if (count > cap || count > (size - w) / w) {
                diags.add(Diagnostic.error("archive.symtab.count", "symbol index claims " + Long.toUnsignedString(count)
                        + " entries; " + size + " bytes hold at most " + (size - w) / w, r.extent(off, size)));
                return;
            }
            long strOff = w + count * w;
            for (int i = 0; i < count; i++) {
                long memberOff = be.word(w + (long) i * w, is64);
                if (strOff >= size) {
                    diags.add(Diagnostic.error("archive.symtab.names", "symbol index names end after " + i + " of "
                            + count + " entries", r.extent(off, size)));
                    return;
                }
                String name = be.cString(strOff, MAX_NAME);
                strOff += name.getBytes(StandardCharsets.UTF_8).length + 1;
                st.indexNames.add(name);
                st.indexOffsets.add(memberOff);
            }
        } catch (MalformedBinaryException e) {
            diags.add(Diagnostic.error("archive.symtab.truncated", "symbol index: " + e.getMessage(),
                    r.extent(off, size)));
        }
    }

    /** BSD __.SYMDEF: ranlib array size, {strx, offset} pairs, string table size, strings (either order). */
    private static void readBsdIndex(State st, BinaryReader r, long off, long size, boolean is64,
                                     List<Diagnostic> diags) {
        try {
            BinaryReader le = r.slice(off, size).withOrder(ByteOrder.LITTLE_ENDIAN);
            int w = is64 ? 8 : 4;
            long ranlibBytes = le.word(0, is64);
            if (Long.compareUnsigned(ranlibBytes, size) > 0) {
                le = le.withOrder(ByteOrder.BIG_ENDIAN);
                ranlibBytes = le.word(0, is64);
            }
            if (ranlibBytes < 0 || ranlibBytes > size - w || ranlibBytes % (2L * w) != 0) {
                diags.add(Diagnostic.error("archive.symdef.size", "__.SYMDEF array of " + ranlibBytes
                        + " bytes does not fit the member's " + size + " bytes", r.extent(off, size)));
                return;
            }
            long count = ranlibBytes / (2L * w);
            if (count > st.options.maxSymbols()) {
                diags.add(Diagnostic.error("archive.symdef.count", count + " symbols exceed the limit",
                        r.extent(off, size)));
                return;
            }
            long strSizeOff = w + ranlibBytes;
            long strSize = le.word(strSizeOff, is64);
            long strBase = strSizeOff + w;
            if (strSize < 0 || strSize > size - strBase) {
                diags.add(Diagnostic.error("archive.symdef.strings", "__.SYMDEF string table of " + strSize
                        + " bytes runs past the member", r.extent(off, size)));
                return;
            }
            BinaryReader strings = le.slice(strBase, strSize);
            for (int i = 0; i < count; i++) {
                long strx = le.word(w + (long) i * 2 * w, is64);
                long memberOff = le.word(w + (long) i * 2 * w + w, is64);
                if (strx < 0 || strx >= strSize) {
                    diags.add(Diagnostic.error("archive.symdef.strx", "symbol " + i + " names string offset "
                            + strx + " outside the " + strSize + "-byte table", r.extent(off, size)));
                    continue;
                }
                st.indexNames.add(strings.cString(strx, MAX_NAME));
                st.indexOffsets.add(memberOff);
            }
        } catch (MalformedBinaryException e) {
            diags.add(Diagnostic.error("archive.symdef.truncated", "__.SYMDEF: " + e.getMessage(),
                    r.extent(off, size)));
        }
    }

    private static List<Symbol> resolveSymbolIndex(State st) {
        List<Symbol> out = new ArrayList<>();
        int unresolved = 0;
        for (int i = 0; i < st.indexNames.size(); i++) {
            long memberOff = st.indexOffsets.get(i);
            String member = st.memberAtOffset.get(memberOff);
            if (member == null) {
                unresolved++;
                member = "";
            }
            out.add(new Symbol(i, st.indexNames.get(i), null, 0, 0, SymbolTable.SYMTAB, SymbolBinding.GLOBAL,
                    SymbolType.UNKNOWN, "", member, true, null, null, 0, Extent.NONE));
        }
        if (unresolved > 0) {
            st.diag(Diagnostic.warning("archive.symtab.member", unresolved + " symbol index entries point at no "
                    + "member header", Extent.NONE));
        }
        return out;
    }

    // ---- Windows short import members ---------------------------------------------------------------------------

    static boolean isImportHeader(BinaryReader w) {
        try {
            return w.size() >= 20 && w.u16(0) == 0 && w.u16(2) == 0xffff && w.u16(4) == 0;
        } catch (MalformedBinaryException e) {
            return false;
        }
    }

    /** IMPORT_OBJECT_HEADER: sig1, sig2, version, machine, timestamp, size of data, ordinal/hint, type bits. */
    private static ImportStub readImportStub(BinaryReader w, List<Diagnostic> diags) {
        try {
            int machine = w.u16(6);
            long sizeOfData = w.u32(12);
            int ordinalOrHint = w.u16(16);
            int bits = w.u16(18);
            int type = bits & 0x3;
            int nameType = (bits >> 2) & 0x7;
            if (sizeOfData > w.size() - 20) {
                diags.add(Diagnostic.error("archive.import.size", "import header says " + sizeOfData
                        + " bytes of names, the member holds " + (w.size() - 20), w.extent(0, w.size())));
                return null;
            }
            BinaryReader names = w.slice(20, sizeOfData);
            String symbol = names.cString(0, MAX_NAME);
            long dllOff = symbol.getBytes(StandardCharsets.UTF_8).length + 1L;
            String dll = dllOff < names.size() ? names.cString(dllOff, MAX_NAME) : "";
            if (dll.isEmpty()) {
                diags.add(Diagnostic.warning("archive.import.dll", "import member names no DLL",
                        w.extent(0, w.size())));
            }
            String exportAs = null;
            if (nameType == ImportStub.NAME_EXPORTAS) {
                long asOff = dllOff + dll.getBytes(StandardCharsets.UTF_8).length + 1L;
                exportAs = asOff < names.size() ? names.cString(asOff, MAX_NAME) : null;
                if (exportAs == null || exportAs.isEmpty()) {
                    diags.add(Diagnostic.warning("archive.import.exportas", "IMPORT_OBJECT_NAME_EXPORTAS without "
                            + "an export name after the DLL name", w.extent(0, w.size())));
                    exportAs = null;
                }
            }
            return new ImportStub(machine, symbol, dll, ordinalOrHint, type, nameType,
                    importedName(symbol, nameType, exportAs));
        } catch (MalformedBinaryException e) {
            diags.add(Diagnostic.error("archive.import.truncated", "import member: " + e.getMessage(),
                    w.extent(0, w.size())));
            return null;
        }
    }

    /** The name the DLL exports, derived from the import symbol by the name type (null for by-ordinal). */
    static String importedName(String symbol, int nameType, String exportAs) {
        switch (nameType) {
            case ImportStub.NAME_ORDINAL: return null;
            case ImportStub.NAME: return symbol;
            case ImportStub.NAME_NOPREFIX: return stripPrefix(symbol);
            case ImportStub.NAME_UNDECORATE: {
                String t = stripPrefix(symbol);
                int at = t.indexOf('@');
                return at > 0 ? t.substring(0, at) : t;
            }
            case ImportStub.NAME_EXPORTAS: return exportAs != null ? exportAs : symbol;
            default: return symbol;
        }
    }

    private static String stripPrefix(String s) {
        return !s.isEmpty() && (s.charAt(0) == '?' || s.charAt(0) == '@' || s.charAt(0) == '_') ? s.substring(1) : s;
    }

    static Arch archOfCoffMachine(int machine) {
        switch (machine) {
            case 0x14c: return Arch.X86;
            case 0x8664: return Arch.X86_64;
            case 0xaa64: return Arch.ARM64;
            case 0x1c0: case 0x1c2: case 0x1c4: return Arch.ARM;
            default: return Arch.UNKNOWN;
        }
    }

    // ---- the unified view ---------------------------------------------------------------------------------------

    private static String variant(State st) {
        if (st.thin) return "thin";
        if (st.sawCoff) return "COFF";
        if (st.bsd && !st.gnu) return "BSD";
        return "GNU";
    }

    private static ImageCore buildCore(State st, List<Symbol> symbols, BinaryReader r) {
        Map<Arch, List<String>> arches = new TreeMap<>();
        Set<TargetOs> oses = new LinkedHashSet<>();
        Set<Integer> bits = new LinkedHashSet<>();
        Set<Endianness> orders = new LinkedHashSet<>();
        Map<String, List<ImportedSymbol>> imports = new LinkedHashMap<>();
        Map<String, Extent> dllExtent = new HashMap<>();
        for (ArchiveMember m : st.members) {
            if (m.image() != null) {
                ImageCore c = m.image().core();
                arches.computeIfAbsent(c.arch(), a -> new ArrayList<>()).add(m.name());
                if (c.os() != TargetOs.UNKNOWN) oses.add(c.os());
                if (c.bits() != 0) bits.add(c.bits());
                orders.add(c.endianness());
            }
            ImportStub stub = m.importStub();
            if (stub != null) {
                Arch a = archOfCoffMachine(stub.machine());
                arches.computeIfAbsent(a, x -> new ArrayList<>()).add(m.name());
                oses.add(TargetOs.WINDOWS);
                if (a.bits() != 0) bits.add(a.bits());
                orders.add(Endianness.LITTLE);
                String name = stub.importName();
                int ordinal = stub.byOrdinal() ? stub.ordinalOrHint() : -1;
                int hint = stub.byOrdinal() ? -1 : stub.ordinalOrHint();
                imports.computeIfAbsent(stub.dll(), d -> new ArrayList<>())
                        .add(new ImportedSymbol(name, ordinal, hint, null, false, m.dataExtent()));
                dllExtent.putIfAbsent(stub.dll(), m.dataExtent());
            }
        }
        Set<Arch> known = new LinkedHashSet<>(arches.keySet());
        known.remove(Arch.UNKNOWN);
        Arch arch;
        if (known.size() == 1) {
            arch = known.iterator().next();
        } else if (known.size() > 1) {
            arch = Arch.MULTI;
            StringBuilder mix = new StringBuilder();
            for (Map.Entry<Arch, List<String>> e : arches.entrySet()) {
                if (mix.length() > 0) mix.append("; ");
                mix.append(e.getKey().label()).append(": ").append(e.getValue().size()).append(" (")
                        .append(String.join(", ", e.getValue().subList(0, Math.min(5, e.getValue().size()))))
                        .append(e.getValue().size() > 5 ? ", ..." : "").append(')');
            }
            st.diag(Diagnostic.info("archive.arch.mixed", "members are built for " + known.size()
                    + " architectures: " + mix, Extent.NONE));
        } else {
            arch = Arch.UNKNOWN;
        }
        List<Library> libraries = new ArrayList<>();
        for (Map.Entry<String, List<ImportedSymbol>> e : imports.entrySet()) {
            libraries.add(new Library(e.getKey(), LibraryKind.IMPORT, e.getValue(), null, null,
                    dllExtent.get(e.getKey())));
        }
        return ImageCore.builder(BinaryFormat.ARCHIVE)
                .arch(arch)
                .machineName(arch == Arch.MULTI ? "multiple" : "")
                .bits(bits.size() == 1 ? bits.iterator().next() : 0)
                .endianness(orders.size() == 1 ? orders.iterator().next() : Endianness.LITTLE)
                .os(oses.size() == 1 ? oses.iterator().next() : TargetOs.UNKNOWN)
                .kind(BinaryKind.ARCHIVE)
                .symbols(symbols)
                .libraries(libraries)
                .diagnostics(st.diagnostics)
                .extent(r.extent(0, r.size()))
                .build();
    }
}
