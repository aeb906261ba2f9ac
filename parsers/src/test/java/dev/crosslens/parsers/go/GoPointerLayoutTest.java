package dev.crosslens.parsers.go;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.parsers.io.BinaryReader;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pre-1.18 (pointer layout) build info. No old Go toolchain is available here, so the blob is SYNTHETIC: built
 * from the documented layout (debug/buildinfo): a 32-byte header with the pointer size and the endianness flag,
 * then two pointers to Go string headers (data pointer, length) in a data section mapped at 0x500000.
 */
class GoPointerLayoutTest {
    private static final long DATA_ADDR = 0x500000;
    private static final int DATA_OFF = 0x1000;
    private static final String SENTINEL_START = "0w\u00af\f\u0092t\b\u0002A\u00e1\u00c1\u0007\u00e6\u00d6\u0018\u00e6";
    private static final String SENTINEL_END = "\u00f92C1\u0086\u0018 r\u0000\u0082B\u0010A\u0016\u00d8\u00f2";

    /** The image: section bytes at DATA_OFF, header first, then the string headers, then the strings. */
    private static byte[] image(int ptrSize, ByteOrder order, String version, byte[] mod) {
        ByteBuffer b = ByteBuffer.allocate(DATA_OFF + 0x1000).order(order);
        int at = DATA_OFF;
        b.position(at);
        b.put(GoBuildInfoReader.MAGIC);
        b.put((byte) ptrSize);
        b.put((byte) (order == ByteOrder.BIG_ENDIAN ? GoBuildInfoReader.FLAG_BIG_ENDIAN : 0));
        int hdrV = 0x40;
        int hdrM = 0x40 + 2 * ptrSize;
        int strV = 0x80;
        int strM = 0x80 + version.length();
        putWord(b, at + 16, DATA_ADDR + hdrV, ptrSize);
        putWord(b, at + 16 + ptrSize, DATA_ADDR + hdrM, ptrSize);
        putWord(b, at + hdrV, DATA_ADDR + strV, ptrSize);
        putWord(b, at + hdrV + ptrSize, version.length(), ptrSize);
        putWord(b, at + hdrM, DATA_ADDR + strM, ptrSize);
        putWord(b, at + hdrM + ptrSize, mod.length, ptrSize);
        b.position(at + strV);
        b.put(version.getBytes(StandardCharsets.US_ASCII));
        b.put(mod);
        return b.array();
    }

    private static void putWord(ByteBuffer b, int at, long v, int ptrSize) {
        if (ptrSize == 8) b.putLong(at, v); else b.putInt(at, (int) v);
    }

    private static byte[] framed(String text) {
        return (SENTINEL_START + text + SENTINEL_END).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static GoBuildInfo read(byte[] img, List<Diagnostic> diags) throws Exception {
        GoImageMap map = GoImageMap.of(List.of(new GoImageMap.Region(".go.buildinfo", DATA_ADDR, DATA_OFF, 0x1000,
                false, true)));
        BinaryReader r = BinaryReader.of(img);
        long at = new GoBuildInfoReader().locate(r, map, dev.crosslens.model.BinaryFormat.ELF,
                dev.crosslens.parsers.ParseOptions.defaults());
        assertEquals(DATA_OFF, at);
        return new GoBuildInfoReader().readAt(r, map, at, diags);
    }

    @Test
    void readsBothWordSizesAndByteOrders() throws Exception {
        String text = "path\texample.com/old\nmod\texample.com/old\tv1.2.3\th1:abc=\n"
                + "dep\tgolang.org/x/sys\tv0.0.1\th1:def=\n=>\t../sys\t\t\n";
        for (int ps : new int[]{4, 8}) {
            for (ByteOrder order : new ByteOrder[]{ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                List<Diagnostic> diags = new ArrayList<>();
                GoBuildInfo bi = read(image(ps, order, "go1.16.15", framed(text)), diags);
                String what = ps + "-byte " + order;
                assertEquals("pointer", bi.layout(), what);
                assertEquals("go1.16.15", bi.goVersion(), what);
                assertEquals("example.com/old", bi.path(), what);
                assertEquals("v1.2.3", bi.main().version(), what);
                assertEquals("h1:abc=", bi.main().sum(), what);
                assertEquals(1, bi.deps().size(), what);
                assertEquals("../sys", bi.deps().get(0).replacement().path(), what);
                assertTrue(diags.isEmpty(), diags.toString());
            }
        }
    }

    @Test
    void pointerOutsideAnySectionIsADiagnostic() throws Exception {
        byte[] img = image(8, ByteOrder.LITTLE_ENDIAN, "go1.16", framed("path\tx\n"));
        ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).putLong(DATA_OFF + 16, 0x900000L);
        List<Diagnostic> diags = new ArrayList<>();
        assertNull(read(img, diags));
        assertEquals("go.buildinfo.truncated", diags.get(0).code());
        assertEquals(DATA_OFF, diags.get(0).extent().offset());
    }

    @Test
    void moduleTextWithoutSentinelsIsIgnoredWithADiagnostic() throws Exception {
        List<Diagnostic> diags = new ArrayList<>();
        GoBuildInfo bi = read(image(8, ByteOrder.LITTLE_ENDIAN, "go1.13", "path\tx\n".getBytes(StandardCharsets.UTF_8)),
                diags);
        assertEquals("go1.13", bi.goVersion());
        assertEquals("", bi.path());
        assertEquals("go.buildinfo.no-sentinels", diags.get(0).code());
    }
}
