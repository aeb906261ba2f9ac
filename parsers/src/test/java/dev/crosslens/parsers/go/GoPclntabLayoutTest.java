package dev.crosslens.parsers.go;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Go 1.2 and 1.16 function tables, built byte by byte as Go's linker lays them out ({@code runtime/symtab.go}
 * {@code pcHeader}/{@code _func}, {@code debug/gosym} {@code go12}/{@code go116}), read from a named section and
 * found by scanning an image without sections, in both byte orders and both pointer sizes. No Go release in the
 * fixtures writes these layouts (Go 1.19 writes the 1.18 one), so without these tables they would go untested.
 */
class GoPclntabLayoutTest {
    private static final String[] NAMES = {"runtime.main", "main.main", "example.com/x.(*T).Run"};
    private static final long[] ENTRIES = {0x401000, 0x401080, 0x4010c0};
    private static final long END = 0x401200;

    /** A table and where its pieces lie, relative to its start. */
    record Built(byte[] bytes, long[] funcOffsets, int nameTableEnd, int size) {
    }

    private static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ByteOrder order;
        final int ps;

        Out(ByteOrder order, int ps) {
            this.order = order;
            this.ps = ps;
        }

        int at() {
            return bytes.size();
        }

        void u8(int v) {
            bytes.write(v);
        }

        void u32(long v) {
            bytes.writeBytes(ByteBuffer.allocate(4).order(order).putInt((int) v).array());
        }

        void word(long v) {
            if (ps == 8) bytes.writeBytes(ByteBuffer.allocate(8).order(order).putLong(v).array());
            else u32(v);
        }

        void pad(int align) {
            while (at() % align != 0) u8(0);
        }

        byte[] array() {
            return bytes.toByteArray();
        }

        /** Overwrites a word (or u32) written earlier, at {@code offset}. */
        static void patch(byte[] b, int offset, long v, int size, ByteOrder order) {
            ByteBuffer bb = ByteBuffer.wrap(b).order(order);
            if (size == 8) bb.putLong(offset, v);
            else bb.putInt(offset, (int) v);
        }
    }

    /**
     * Go 1.2 ({@code go12}): header {@code magic 0xfffffffb, 0, 0, quantum, ptrSize}, {@code nfunc} (a word), the
     * functab of {@code (entry, funcoff)} word pairs and the end pc, the u32 file table offset, then the
     * {@code _func} records ({@code entry} word, {@code nameoff int32} from the table start, args, frame, pcsp,
     * pcfile, pcln, npcdata, nfuncdata: int32 each), the names and the file table ({@code nfiletab u32} and offsets).
     */
    static Built go12(ByteOrder order, int ps) {
        Out o = new Out(order, ps);
        o.u32(0xfffffffbL);
        o.u8(0);
        o.u8(0);
        o.u8(1);
        o.u8(ps);
        o.word(NAMES.length);
        int functab = o.at();
        for (int i = 0; i < NAMES.length; i++) {
            o.word(ENTRIES[i]);
            o.word(0); // funcoff, patched below
        }
        o.word(END);
        int fileoffAt = o.at();
        o.u32(0); // file table offset, patched below
        o.pad(ps);
        long[] funcs = new long[NAMES.length];
        int[] nameoffAt = new int[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            funcs[i] = o.at();
            o.word(ENTRIES[i]);
            nameoffAt[i] = o.at();
            o.u32(0); // nameoff
            for (int k = 0; k < 7; k++) o.u32(k == 0 ? 8 : 0); // args, frame, pcsp, pcfile, pcln, npcdata, nfuncdata
        }
        int[] names = new int[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            names[i] = o.at();
            o.bytes.writeBytes((NAMES[i] + "\0").getBytes(StandardCharsets.UTF_8));
        }
        int nameEnd = o.at();
        o.pad(4);
        int filetab = o.at();
        o.u32(2); // nfiletab: entry 0 unused, one file
        o.u32(filetab + 8);
        o.bytes.writeBytes("/src/x.go\0".getBytes(StandardCharsets.UTF_8));
        byte[] b = o.array();
        for (int i = 0; i < NAMES.length; i++) {
            Out.patch(b, functab + (2 * i + 1) * ps, funcs[i], ps, order);
            Out.patch(b, nameoffAt[i], names[i], 4, order);
        }
        Out.patch(b, fileoffAt, filetab, 4, order);
        return new Built(b, funcs, nameEnd, b.length);
    }

    /**
     * Go 1.16 ({@code go116}): header {@code magic 0xfffffffa, 0, 0, quantum, ptrSize}, then words {@code nfunc,
     * nfiles, funcnameOffset, cuOffset, filetabOffset, pctabOffset, pclnOffset}; the function name table, the cu
     * table, the file table, the pc tables, and at pclnOffset the functab of {@code (entry, funcoff)} word pairs
     * (funcoff from pclnOffset) with the end pc, followed by the {@code _func} records ({@code entry} word,
     * {@code nameoff int32} into the name table, ...).
     */
    static Built go116(ByteOrder order, int ps) {
        Out o = new Out(order, ps);
        o.u32(0xfffffffaL);
        o.u8(0);
        o.u8(0);
        o.u8(ps == 8 ? 1 : 4);
        o.u8(ps);
        int header = o.at();
        for (int k = 0; k < 7; k++) o.word(0); // patched below
        int funcname = o.at();
        int[] names = new int[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            names[i] = o.at() - funcname;
            o.bytes.writeBytes((NAMES[i] + "\0").getBytes(StandardCharsets.UTF_8));
        }
        int cu = o.at();
        o.u32(0);
        int filetab = o.at();
        o.bytes.writeBytes("/src/x.go\0".getBytes(StandardCharsets.UTF_8));
        int pctab = o.at();
        o.u8(0);
        o.pad(ps);
        int pcln = o.at();
        for (int i = 0; i < NAMES.length; i++) {
            o.word(ENTRIES[i]);
            o.word(0); // funcoff from pcln, patched below
        }
        o.word(END);
        long[] funcs = new long[NAMES.length];
        int[] nameoffAt = new int[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            funcs[i] = o.at();
            o.word(ENTRIES[i]);
            nameoffAt[i] = o.at();
            o.u32(0);
            for (int k = 0; k < 8; k++) o.u32(0); // args, deferreturn, pcsp, pcfile, pcln, npcdata, cuOffset, flags
            if (i + 1 < NAMES.length) o.pad(ps); // records are pointer-aligned; the table ends with the last one
        }
        byte[] b = o.array();
        long[] words = {NAMES.length, 1, funcname, cu, filetab, pctab, pcln};
        for (int k = 0; k < 7; k++) Out.patch(b, header + k * ps, words[k], ps, order);
        for (int i = 0; i < NAMES.length; i++) {
            Out.patch(b, pcln + (2 * i + 1) * ps, funcs[i] - pcln, ps, order);
            Out.patch(b, nameoffAt[i], names[i], 4, order);
        }
        return new Built(b, funcs, cu, b.length);
    }

    private static Built build(String layout, ByteOrder order, int ps) {
        return layout.equals("go1.2") ? go12(order, ps) : go116(order, ps);
    }

    private static ByteOrder order(String name) {
        return name.equals("BE") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static void assertFunctions(GoPclntabReader.Table t, Built b, long base) {
        assertEquals(NAMES.length, t.functions().size(), t.functions().toString());
        for (int i = 0; i < NAMES.length; i++) {
            GoPclntabReader.Function f = t.functions().get(i);
            assertEquals(NAMES[i], f.name());
            assertEquals(ENTRIES[i], f.entry(), "absolute entry before Go 1.18");
            assertEquals((i + 1 < NAMES.length ? ENTRIES[i + 1] : END) - ENTRIES[i], f.size());
            assertEquals(base + b.funcOffsets()[i], f.extent().offset(), NAMES[i] + " _func record");
        }
        assertTrue(!t.relativeEntries());
        assertEquals(NAMES.length, t.nfunc());
    }

    @ParameterizedTest(name = "{0} {1} ptrSize {2} in a section")
    @CsvSource({"go1.2, LE, 8", "go1.2, BE, 8", "go1.2, LE, 4", "go1.2, BE, 4",
            "go1.16, LE, 8", "go1.16, BE, 8", "go1.16, LE, 4", "go1.16, BE, 4"})
    void readFromItsSection(String layout, String byteOrder, int ps) throws Exception {
        Built b = build(layout, order(byteOrder), ps);
        byte[] file = new byte[0x200 + b.size() + 0x40];
        System.arraycopy(b.bytes(), 0, file, 0x200, b.size());
        // the section is larger than the table (alignment padding after it), as linkers lay them out
        GoImageMap map = GoImageMap.of(List.of(new GoImageMap.Region(".gopclntab", 0x500000, 0x200, b.size() + 0x40,
                false, false)));
        List<Diagnostic> diags = new ArrayList<>();
        GoPclntabReader.Table t = new GoPclntabReader().read(BinaryReader.of(file).withOrder(ByteOrder.LITTLE_ENDIAN),
                map, ParseOptions.defaults(), diags);
        assertNotNull(t);
        assertEquals(layout, t.layout());
        assertEquals("section .gopclntab", t.foundBy());
        assertEquals(ps, t.ptrSize());
        assertEquals(order(byteOrder), t.order());
        assertFunctions(t, b, 0x200);
        assertEquals(List.of(), diags);
        assertEquals(Extent.of(0x200, b.size()), t.extent(), "the table's bytes, not the section's padding");
    }

    @ParameterizedTest(name = "{0} {1} ptrSize {2} by scanning")
    @CsvSource({"go1.2, LE, 8", "go1.2, BE, 8", "go1.2, LE, 4", "go1.16, LE, 8", "go1.16, BE, 4"})
    void foundByScanningAnImageWithoutSections(String layout, String byteOrder, int ps) throws Exception {
        Built b = build(layout, order(byteOrder), ps);
        ByteOrder o = order(byteOrder);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[0x40]);
        // a decoy: the same magic and a plausible header, but a function count no table holds
        file.writeBytes(ByteBuffer.allocate(4).order(o).putInt((int) (layout.equals("go1.2") ? 0xfffffffbL
                : 0xfffffffaL)).array());
        file.writeBytes(new byte[]{0, 0, 1, (byte) ps});
        file.writeBytes(ByteBuffer.allocate(8).order(o).putLong(ps == 8 ? 0x7fff_ffffL : 0).array());
        while (file.size() % 16 != 0) file.write(0);
        int at = file.size();
        file.writeBytes(b.bytes());
        file.writeBytes(new byte[0x80]); // what follows the table in the image
        byte[] data = file.toByteArray();
        List<Diagnostic> diags = new ArrayList<>();
        GoPclntabReader.Table t = new GoPclntabReader().read(BinaryReader.of(data), GoImageMap.of(List.of()),
                ParseOptions.defaults(), diags);
        assertNotNull(t, "found by scanning");
        assertEquals(layout, t.layout());
        assertEquals("scan", t.foundBy());
        assertEquals(at, t.offset());
        assertFunctions(t, b, at);
        assertEquals(Extent.of(at, b.size()), t.extent(), "the table's bytes, not the rest of the image");
    }
}
