package dev.crosslens.parsers.go;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Go function table (pclntab; layouts documented in Go's {@code runtime/symtab.go} and
 * {@code debug/gosym}). The header is {@code magic u32, 0, 0, minLC u8, ptrSize u8} followed by pointer-sized
 * words: Go 1.2 {@code nfunc} then the functab right after; Go 1.16 {@code nfunc, nfiles, funcnameOffset,
 * cuOffset, filetabOffset, pctabOffset, pclnOffset}; Go 1.18 and 1.20 the same with {@code textStart} after
 * {@code nfiles}. The functab holds {@code (entry, funcoff)} pairs (words before 1.18, u32 text-relative entry
 * offsets from 1.18); each {@code _func} starts with its entry and a name offset.
 */
final class GoPclntabReader {
    static final long MAGIC_12 = 0xfffffffbL;
    static final long MAGIC_116 = 0xfffffffaL;
    static final long MAGIC_118 = 0xfffffff0L;
    static final long MAGIC_120 = 0xfffffff1L;
    private static final long[] MAGICS = {MAGIC_120, MAGIC_118, MAGIC_116, MAGIC_12};
    private static final int MAX_NAME = 4096;

    /** One function: {@code entry} is absolute for Go < 1.18, text-relative from 1.18. */
    record Function(String name, long entry, long size, Extent extent) {
    }

    /**
     * A read table. {@code textStart} is the header's (0 when the linker left it out, as Go 1.26 does);
     * {@code offset} is window-relative.
     */
    record Table(String layout, long magic, String foundBy, long offset, int ptrSize, ByteOrder order,
                 long nfunc, long textStart, long funcnameOffset, long pclnOffset, boolean relativeEntries,
                 List<Function> functions, Extent extent) {
    }

    static String layoutOf(long magic) {
        if (magic == MAGIC_12) return "go1.2";
        if (magic == MAGIC_116) return "go1.16";
        if (magic == MAGIC_118) return "go1.18";
        if (magic == MAGIC_120) return "go1.20";
        return null;
    }

    /** Finds and reads the table; null when there is none. Problems become diagnostics. */
    Table read(BinaryReader r, GoImageMap map, ParseOptions options, List<Diagnostic> diagnostics)
            throws ParseCancelledException {
        GoImageMap.Region named = map.section(".gopclntab", "__gopclntab");
        if (named != null) {
            BinaryReader window = slice(r, named.fileOffset(), named.fileSize());
            if (window == null) return null;
            try {
                return parse(window, named.fileOffset(), "section " + named.name(), options, diagnostics, true);
            } catch (MalformedBinaryException e) {
                diagnostics.add(Diagnostic.warning("go.pclntab.corrupt",
                        "Go function table in " + named.name() + " could not be read: " + e.getMessage(),
                        r.extent(named.fileOffset(), named.fileSize())));
                return null;
            }
        }
        List<long[]> ranges = new ArrayList<>();
        for (GoImageMap.Region s : map.sections()) {
            if (!s.executable()) ranges.add(new long[]{s.fileOffset(), s.fileEnd()});
        }
        if (ranges.isEmpty()) ranges.add(new long[]{0, r.size()});
        for (long magic : MAGICS) {
            for (ByteOrder order : new ByteOrder[]{ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                byte[] needle = ByteBuffer.allocate(4).order(order).putInt((int) magic).array();
                for (long[] range : ranges) {
                    long from = range[0];
                    int tries = 0;
                    while (tries++ < 4096) {
                        long at = GoScan.find(r, needle, from, range[1], 4, range[0], options);
                        if (at < 0) break;
                        Table t = tryScanned(r.withOrder(order), at, range[1], options, diagnostics);
                        if (t != null) return t;
                        from = at + 4;
                    }
                }
            }
        }
        return null;
    }

    private Table tryScanned(BinaryReader r, long at, long end, ParseOptions options, List<Diagnostic> diagnostics)
            throws ParseCancelledException {
        try {
            if (r.u8(at + 4) != 0 || r.u8(at + 5) != 0) return null;
            int quantum = r.u8(at + 6);
            int ptrSize = r.u8(at + 7);
            if ((quantum != 1 && quantum != 2 && quantum != 4) || (ptrSize != 4 && ptrSize != 8)) return null;
            BinaryReader window = r.slice(at, end - at);
            List<Diagnostic> scratch = new ArrayList<>();
            Table t = parse(window, at, "scan", options, scratch, false);
            if (t.functions().isEmpty()) return null;
            for (Function f : t.functions().subList(0, Math.min(8, t.functions().size()))) {
                if (!plausibleName(f.name())) return null;
            }
            diagnostics.addAll(scratch);
            return t;
        } catch (MalformedBinaryException e) {
            return null; // not a table after all: keep scanning
        }
    }

    private static boolean plausibleName(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\uFFFD') return false;
        }
        return true;
    }

    private static BinaryReader slice(BinaryReader r, long offset, long size) {
        try {
            return r.slice(offset, size);
        } catch (MalformedBinaryException e) {
            return null;
        }
    }

    /**
     * Parses a table at the start of {@code t} (a window over it). {@code offset} is the window's offset in the
     * image's reader, kept for the result.
     */
    Table parse(BinaryReader t, long offset, String foundBy, ParseOptions options, List<Diagnostic> diagnostics,
                boolean detectOrder) throws MalformedBinaryException, ParseCancelledException {
        long magic = t.u32(0);
        if (layoutOf(magic) == null && detectOrder) {
            BinaryReader other = t.withOrder(t.order() == ByteOrder.BIG_ENDIAN
                    ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            if (layoutOf(other.u32(0)) != null) {
                t = other;
                magic = t.u32(0);
            }
        }
        String layout = layoutOf(magic);
        if (layout == null) {
            throw new MalformedBinaryException(t.base(), "unknown pclntab magic 0x" + Long.toHexString(magic));
        }
        if (t.u8(4) != 0 || t.u8(5) != 0) {
            throw new MalformedBinaryException(t.absolute(4), "pclntab header padding is not zero");
        }
        int quantum = t.u8(6);
        int ps = t.u8(7);
        if ((quantum != 1 && quantum != 2 && quantum != 4) || (ps != 4 && ps != 8)) {
            throw new MalformedBinaryException(t.absolute(6), "pclntab header gives instruction size " + quantum
                    + " and pointer size " + ps);
        }
        boolean is64 = ps == 8;
        long nfunc = t.word(8, is64);
        long textStart = 0;
        long funcnameOffset;
        long nameEnd;
        long pclnOffset;
        long functabOffset;
        int fieldSize;
        boolean relative = false;
        switch (layout) {
            case "go1.2" -> {
                funcnameOffset = 0;
                nameEnd = t.size();
                pclnOffset = 0;
                functabOffset = 8 + ps;
                fieldSize = ps;
            }
            case "go1.16" -> {
                funcnameOffset = t.word(8 + 2L * ps, is64);
                nameEnd = t.word(8 + 3L * ps, is64);
                pclnOffset = t.word(8 + 6L * ps, is64);
                functabOffset = pclnOffset;
                fieldSize = ps;
            }
            default -> {
                textStart = t.word(8 + 2L * ps, is64);
                funcnameOffset = t.word(8 + 3L * ps, is64);
                nameEnd = t.word(8 + 4L * ps, is64);
                pclnOffset = t.word(8 + 7L * ps, is64);
                functabOffset = pclnOffset;
                fieldSize = 4;
                relative = true;
            }
        }
        if (nfunc < 0 || nfunc > Integer.MAX_VALUE - 1) {
            throw new MalformedBinaryException(t.absolute(8), "function count " + Long.toUnsignedString(nfunc)
                    + " is implausible");
        }
        long count = nfunc;
        if (count > options.maxSymbols()) {
            diagnostics.add(Diagnostic.warning("go.pclntab.too-many-functions", "the Go function table lists "
                    + nfunc + " functions; only the first " + options.maxSymbols() + " were read", t.extent(8, ps)));
            count = options.maxSymbols();
        }
        // (entry, funcoff) pairs plus the end entry
        t.checkTable(functabOffset, 2 * count + 1, fieldSize, 2L * Integer.MAX_VALUE, "Go functab");
        ByteBuffer ftab = t.buffer(functabOffset, (2 * count + 1) * fieldSize);
        ByteBuffer names = null;
        if (!layout.equals("go1.2")) {
            if (funcnameOffset < 0 || nameEnd < funcnameOffset || !t.inBounds(funcnameOffset, nameEnd - funcnameOffset)) {
                throw new MalformedBinaryException(t.absolute(8), "pclntab function name table [0x"
                        + Long.toHexString(funcnameOffset) + ", 0x" + Long.toHexString(nameEnd)
                        + ") is outside the table");
            }
            names = t.buffer(funcnameOffset, nameEnd - funcnameOffset);
        }
        List<Function> out = new ArrayList<>((int) Math.min(count, 1 << 16));
        int badNames = 0;
        int longNames = 0;
        int recordSize = funcRecordSize(layout, ps);
        long recordsEnd = 0;
        long namesEnd = 0;
        for (int i = 0; i < count; i++) {
            if ((i & 0xfff) == 0) {
                options.checkCancelled();
                options.monitor().progress("Go functions", i, count);
            }
            long entry = field(ftab, 2L * i * fieldSize, fieldSize);
            long funcoff = field(ftab, (2L * i + 1) * fieldSize, fieldSize);
            long next = field(ftab, (2L * i + 2) * fieldSize, fieldSize);
            long funcAt = functabOffset == pclnOffset ? pclnOffset + funcoff : funcoff;
            if (layout.equals("go1.2")) funcAt = funcoff;
            int nameoff = t.s32(funcAt + (relative ? 4 : ps));
            String name;
            if (names == null) {
                if (nameoff <= 0 || nameoff >= t.size()) {
                    badNames++;
                    continue;
                }
                name = t.cString(nameoff, MAX_NAME);
                namesEnd = Math.max(namesEnd, nameoff + (long) name.getBytes(StandardCharsets.UTF_8).length + 1);
            } else {
                if (nameoff < 0 || nameoff >= names.capacity()) {
                    badNames++;
                    continue;
                }
                int end = nameoff;
                int stop = (int) Math.min(names.capacity(), (long) nameoff + MAX_NAME);
                byte[] arr = names.array();
                while (end < stop && arr[end] != 0) end++;
                if (end == stop && end - nameoff == MAX_NAME) longNames++;
                name = new String(arr, nameoff, end - nameoff, StandardCharsets.UTF_8);
            }
            long size = Long.compareUnsigned(next, entry) > 0 ? next - entry : 0;
            out.add(new Function(name, entry, size, t.extent(funcAt, relative ? 8 : ps + 4L)));
            recordsEnd = Math.max(recordsEnd, Math.min(t.size(), funcAt + recordSize));
        }
        if (badNames > 0) {
            diagnostics.add(Diagnostic.warning("go.pclntab.bad-name", badNames
                    + " functions have a name offset outside the name table and were left out", t.extent(0, 8)));
        }
        if (longNames > 0) {
            diagnostics.add(Diagnostic.info("go.pclntab.long-name", longNames + " function names were cut at "
                    + MAX_NAME + " bytes", t.extent(0, 8)));
        }
        long functabEnd = functabOffset + (2 * count + 1) * fieldSize;
        long tableEnd;
        if (layout.equals("go1.2")) {
            // Go 1.2 has no offsets of its parts: the table ends with the last of the _func records, the names and
            // the file table (whose u32 offset follows the functab), not at the end of the window.
            tableEnd = Math.max(Math.max(functabEnd + 4, recordsEnd), Math.max(namesEnd,
                    count == nfunc ? go12FileTableEnd(t, functabEnd, options, diagnostics) : 0));
        } else {
            tableEnd = Math.max(Math.max(functabEnd, nameEnd), recordsEnd);
        }
        return new Table(layout, magic, foundBy, offset, ps, t.order(), nfunc, textStart, funcnameOffset,
                pclnOffset, relative, out, t.extent(0, Math.min(t.size(), Math.max(tableEnd, 8 + 8L * ps))));
    }

    /**
     * The fixed part of one {@code _func} record ({@code runtime/symtab.go}): Go 1.2 entry word and 8 int32s, Go 1.16
     * entry word and 9 u32-sized fields, Go 1.18 10 and Go 1.20 11 u32-sized fields (entryoff, startLine added).
     */
    private static int funcRecordSize(String layout, int ps) {
        switch (layout) {
            case "go1.2": return ps + 32;
            case "go1.16": return ps + 36;
            case "go1.18": return 40;
            default: return 44;
        }
    }

    /**
     * End of the Go 1.2 file table: {@code fileoff u32} right after the functab, {@code nfiletab u32} there, then
     * {@code nfiletab} u32 offsets of C strings (entry 0 unused). 0 when it cannot be read; that becomes a
     * diagnostic, the functions stand.
     */
    private static long go12FileTableEnd(BinaryReader t, long functabEnd, ParseOptions options,
                                         List<Diagnostic> diagnostics) {
        try {
            long fileoff = t.u32(functabEnd);
            long n = t.u32(fileoff);
            if (n > options.maxSymbols() || 4 * n > t.size() - fileoff) {
                diagnostics.add(Diagnostic.info("go.pclntab.filetab", "the Go 1.2 file table claims " + n
                        + " files; the table's end was taken from the functions and names", t.extent(fileoff, 4)));
                return 0;
            }
            long end = fileoff + 4 * n;
            for (long k = 1; k < n; k++) {
                long at = t.u32(fileoff + 4 * k);
                if (at <= 0 || at >= t.size()) continue;
                end = Math.max(end, at + t.cString(at, MAX_NAME).getBytes(StandardCharsets.UTF_8).length + 1);
            }
            return end;
        } catch (MalformedBinaryException e) {
            diagnostics.add(Diagnostic.info("go.pclntab.filetab", "the Go 1.2 file table could not be read ("
                    + e.getMessage() + "); the table's end was taken from the functions and names",
                    t.extent(functabEnd, 4)));
            return 0;
        }
    }

    private static long field(ByteBuffer b, long at, int size) {
        return size == 8 ? b.getLong((int) at) : b.getInt((int) at) & 0xffffffffL;
    }

    /**
     * {@code runtime.text} from the runtime's moduledata: the structure whose first word points at the
     * pclntab and whose next slice points at its function names; the text address is the sixth word after the
     * {@code ftab} slice (findfunctab, minpc, maxpc, text). Returns null when it is not found or inconsistent.
     */
    Long runtimeText(BinaryReader r, GoImageMap map, Table table, ParseOptions options)
            throws ParseCancelledException {
        long pcAddr = map.addressOf(table.offset());
        if (pcAddr < 0) return null;
        BinaryReader o = r.withOrder(table.order());
        int ps = table.ptrSize();
        byte[] needle = ByteBuffer.allocate(2 * ps).order(table.order()).put(word(pcAddr, ps, table.order()))
                .put(word(pcAddr + table.funcnameOffset(), ps, table.order())).array();
        List<long[]> ranges = new ArrayList<>();
        for (GoImageMap.Region s : map.sections()) {
            if (!s.executable()) ranges.add(new long[]{s.fileOffset(), s.fileEnd()});
        }
        if (ranges.isEmpty()) ranges.add(new long[]{0, r.size()});
        for (long[] range : ranges) {
            long from = range[0];
            while (true) {
                long at = GoScan.find(r, needle, from, range[1], ps, range[0], options);
                if (at < 0) break;
                Long text = textFromModuledata(o, at, pcAddr, table);
                if (text != null) return text;
                from = at + ps;
            }
        }
        return null;
    }

    private static Long textFromModuledata(BinaryReader o, long at, long pcAddr, Table table) {
        int ps = table.ptrSize();
        boolean is64 = ps == 8;
        try {
            for (int k = 1; k < 40; k++) {
                long w = o.word(at + (long) k * ps, is64);
                long n = o.word(at + (long) (k + 1) * ps, is64);
                if (w == pcAddr + table.pclnOffset() && n == table.nfunc() + 1) {
                    long minpc = o.word(at + (long) (k + 4) * ps, is64);
                    long maxpc = o.word(at + (long) (k + 5) * ps, is64);
                    long text = o.word(at + (long) (k + 6) * ps, is64);
                    long etext = o.word(at + (long) (k + 7) * ps, is64);
                    if (Long.compareUnsigned(text, minpc) <= 0 && Long.compareUnsigned(minpc, maxpc) < 0
                            && Long.compareUnsigned(maxpc, etext) <= 0) {
                        return text;
                    }
                    return null;
                }
            }
        } catch (MalformedBinaryException e) {
            return null;
        }
        return null;
    }

    private static byte[] word(long v, int ps, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(ps).order(order);
        if (ps == 8) b.putLong(v); else b.putInt((int) v);
        return b.array();
    }
}
