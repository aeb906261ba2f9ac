package dev.crosslens.parsers.pe;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.Permissions;
import dev.crosslens.model.Section;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.pe.CoffSymbol;
import dev.crosslens.model.pe.PeSectionHeader;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What PE images and COFF objects share: the section table, the symbol and string tables, their unified view. */
final class CoffTables {
    static final int SECTION_HEADER_SIZE = 40;
    static final long SCN_MEM_EXECUTE = 0x20000000L;
    static final long SCN_MEM_READ = 0x40000000L;
    static final long SCN_MEM_WRITE = 0x80000000L;

    private CoffTables() {
    }

    /** The COFF string table: the bytes after the symbol table, its first u32 being its own size. */
    record StringTable(byte[] bytes, Extent extent) {
        static final StringTable EMPTY = new StringTable(new byte[0], Extent.NONE);

        /** The NUL-terminated string at {@code offset} (counted from the size field), or null when outside. */
        String at(long offset) {
            if (offset < 4 || offset >= bytes.length) return null;
            int end = (int) offset;
            while (end < bytes.length && bytes[end] != 0) end++;
            return new String(bytes, (int) offset, end - (int) offset, StandardCharsets.UTF_8);
        }
    }

    static StringTable readStringTable(BinaryReader r, long offset, List<Diagnostic> diags)
            throws MalformedBinaryException {
        if (!r.inBounds(offset, 4)) {
            if (offset != r.size()) {
                diags.add(Diagnostic.warning("coff.strtab.missing", "the COFF string table size field at 0x"
                        + Long.toHexString(offset) + " lies past the end of the file", r.extent(offset, 0)));
            }
            return StringTable.EMPTY;
        }
        long size = r.u32(offset);
        if (size < 4) return StringTable.EMPTY;
        long avail = r.size() - offset;
        if (size > avail || size > Integer.MAX_VALUE - 8) {
            diags.add(Diagnostic.warning("coff.strtab.truncated", "the COFF string table claims " + size
                    + " bytes but " + avail + " are left; names past the end are lost", r.extent(offset, avail)));
            size = Math.min(avail, Integer.MAX_VALUE - 8);
        }
        return new StringTable(r.bytes(offset, (int) size), r.extent(offset, size));
    }

    static List<PeSectionHeader> readSections(BinaryReader r, long offset, long count, StringTable strings,
                                              ParseOptions options, List<Diagnostic> diags)
            throws MalformedBinaryException {
        long fit = Math.max(0, (r.size() - offset) / SECTION_HEADER_SIZE);
        if (count > options.maxSections()) {
            diags.add(Diagnostic.error("pe.sections.too-many", count + " sections exceed the limit of "
                    + options.maxSections() + "; none were read", r.extent(offset, 0)));
            return List.of();
        }
        if (count > fit) {
            diags.add(Diagnostic.error("pe.sections.truncated", "the section table holds " + count
                    + " headers but only " + fit + " fit in the file", r.extent(offset, r.size() - offset)));
            count = fit;
        }
        if (count == 0) return List.of();
        ByteBuffer b = r.buffer(offset, count * SECTION_HEADER_SIZE);
        List<PeSectionHeader> out = new ArrayList<>((int) count);
        byte[] nameBytes = new byte[8];
        for (int i = 0; i < count; i++) {
            int p = i * SECTION_HEADER_SIZE;
            b.position(p);
            b.get(nameBytes);
            int n = 0;
            while (n < 8 && nameBytes[n] != 0) n++;
            String raw = new String(nameBytes, 0, n, StandardCharsets.UTF_8);
            String name = resolveLongName(raw, strings, r.extent(offset + p, 8), diags);
            out.add(new PeSectionHeader(i + 1, raw, name, u32(b, p + 8), u32(b, p + 12), u32(b, p + 16),
                    u32(b, p + 20), u32(b, p + 24), u32(b, p + 28), u16(b, p + 32), u16(b, p + 34),
                    u32(b, p + 36), r.extent(offset + p, SECTION_HEADER_SIZE)));
        }
        return out;
    }

    /** {@code /123} names a string table offset in decimal, {@code //AAAAAA} in base64 (for offsets past 9999999). */
    private static String resolveLongName(String raw, StringTable strings, Extent where, List<Diagnostic> diags) {
        if (!raw.startsWith("/") || raw.length() < 2) return raw;
        long off = -1;
        if (raw.startsWith("//")) {
            off = 0;
            for (int i = 2; i < raw.length(); i++) {
                int v = base64(raw.charAt(i));
                if (v < 0) {
                    off = -1;
                    break;
                }
                off = off * 64 + v;
            }
        } else {
            try {
                off = Long.parseLong(raw.substring(1));
            } catch (NumberFormatException e) {
                off = -1;
            }
        }
        String s = off < 0 ? null : strings.at(off);
        if (s == null) {
            diags.add(Diagnostic.warning("coff.section.long-name", "section name " + raw
                    + " points outside the string table", where));
            return raw;
        }
        return s;
    }

    private static int base64(char c) {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    }

    /**
     * Reads {@code count} symbol records of {@code entrySize} bytes (18, or 20 for bigobj); auxiliary records
     * are skipped but keep their indices.
     */
    static List<CoffSymbol> readSymbols(BinaryReader r, long offset, long count, int entrySize, StringTable strings,
                                        ParseOptions options, List<Diagnostic> diags)
            throws MalformedBinaryException, ParseCancelledException {
        r.checkTable(offset, count, entrySize, options.maxSymbols(), "COFF symbol table");
        ByteBuffer b = r.buffer(offset, count * entrySize);
        List<CoffSymbol> out = new ArrayList<>();
        boolean big = entrySize == 20;
        for (long i = 0; i < count; ) {
            if ((i & 0xfff) == 0) {
                options.checkCancelled();
                options.monitor().progress("COFF symbols", i, count);
            }
            int p = (int) (i * entrySize);
            String name;
            if (b.getInt(p) == 0) {
                long strOff = u32(b, p + 4);
                name = strings.at(strOff);
                if (name == null) {
                    diags.add(Diagnostic.warning("coff.symbol.name", "symbol " + i + " names string table offset "
                            + strOff + ", outside the table", r.extent(offset + p, entrySize)));
                    name = "";
                }
            } else {
                int n = 0;
                while (n < 8 && b.get(p + n) != 0) n++;
                byte[] nb = new byte[n];
                b.get(p, nb);
                name = new String(nb, StandardCharsets.UTF_8);
            }
            long value = u32(b, p + 8);
            int sectionNumber = big ? b.getInt(p + 12) : b.getShort(p + 12);
            int type = u16(b, p + (big ? 16 : 14));
            int storageClass = b.get(p + (big ? 18 : 16)) & 0xff;
            int aux = b.get(p + (big ? 19 : 17)) & 0xff;
            out.add(new CoffSymbol(i, name, value, sectionNumber, type, storageClass, aux,
                    r.extent(offset + p, (long) entrySize * (1 + Math.min(aux, count - i - 1)))));
            i += 1 + aux;
        }
        return out;
    }

    static Permissions permissions(long characteristics) {
        return new Permissions((characteristics & SCN_MEM_READ) != 0, (characteristics & SCN_MEM_WRITE) != 0,
                (characteristics & SCN_MEM_EXECUTE) != 0);
    }

    static List<Section> unifiedSections(BinaryReader r, List<PeSectionHeader> headers) {
        List<Section> out = new ArrayList<>(headers.size());
        for (PeSectionHeader h : headers) {
            long ptr = h.pointerToRawData();
            long size = h.sizeOfRawData();
            Extent bytes = Extent.NONE;
            if (ptr != 0 && size != 0 && ptr < r.size()) {
                bytes = r.extent(ptr, Math.min(size, r.size() - ptr));
            }
            out.add(new Section(h.index(), h.name(), null, "", h.virtualAddress(), h.virtualSize(), ptr, size,
                    h.characteristics(), permissions(h.characteristics()), bytes, h.extent()));
        }
        return out;
    }

    /** COFF symbols in the unified view; {@code imageBase} is added to section-relative values of images. */
    static List<Symbol> unifiedSymbols(List<CoffSymbol> symbols, List<PeSectionHeader> sections, long imageBase) {
        List<Symbol> out = new ArrayList<>(symbols.size());
        for (CoffSymbol s : symbols) {
            String section;
            long value = s.value();
            int sn = s.sectionNumber();
            if (sn == 0) {
                section = s.value() != 0 && s.storageClass() == CoffSymbol.CLASS_EXTERNAL ? "COM" : "UND";
            } else if (sn == -1) {
                section = "ABS";
            } else if (sn == -2) {
                section = "DEBUG";
            } else if (sn > 0 && sn <= sections.size()) {
                PeSectionHeader h = sections.get(sn - 1);
                section = h.name();
                if (imageBase != 0) value = imageBase + h.virtualAddress() + s.value();
            } else {
                section = "";
            }
            SymbolBinding binding = switch (s.storageClass()) {
                case CoffSymbol.CLASS_EXTERNAL -> SymbolBinding.GLOBAL;
                case CoffSymbol.CLASS_WEAK_EXTERNAL -> SymbolBinding.WEAK;
                case CoffSymbol.CLASS_STATIC, 6 /* LABEL */, CoffSymbol.CLASS_FILE -> SymbolBinding.LOCAL;
                default -> SymbolBinding.UNKNOWN;
            };
            SymbolType type;
            if (s.storageClass() == CoffSymbol.CLASS_FILE) {
                type = SymbolType.FILE;
            } else if (isSectionSymbol(s)) {
                type = SymbolType.SECTION;
            } else if (s.function()) {
                type = SymbolType.FUNC;
            } else if ("COM".equals(section)) {
                type = SymbolType.COMMON;
            } else {
                type = SymbolType.NOTYPE;
            }
            boolean defined = sn != 0 || "COM".equals(section);
            out.add(new Symbol((int) s.index(), s.name(), null, value, 0, SymbolTable.COFF, binding, type, "",
                    section, defined, null, null, s.storageClass(), s.extent()));
        }
        return out;
    }

    /** A static symbol with value 0 and an auxiliary section definition names its section. */
    static boolean isSectionSymbol(CoffSymbol s) {
        return s.storageClass() == CoffSymbol.CLASS_STATIC && s.value() == 0 && s.auxCount() > 0
                && s.sectionNumber() > 0;
    }

    static long u32(ByteBuffer b, int p) {
        return b.getInt(p) & 0xffffffffL;
    }

    static int u16(ByteBuffer b, int p) {
        return b.getShort(p) & 0xffff;
    }

    static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
