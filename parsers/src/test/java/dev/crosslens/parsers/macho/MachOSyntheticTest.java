package dev.crosslens.parsers.macho;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.macho.MachOBinding;
import dev.crosslens.model.macho.MachOChainedFixups;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Structures no fixture here carries (the tools to link them, ld64 or lld, are not installed): an arm64 image with
 * LC_DYLD_CHAINED_FIXUPS imports and a hostile bind opcode stream, written byte by byte after loader.h and
 * fixup-chains.h.
 */
class MachOSyntheticTest {
    private static final int CHAINED = 0x500;
    private static final int BIND = 0x600;

    /** An MH_EXECUTE arm64 image: two segments, libSystem, chained fixups, dyld info, a 3-symbol table. */
    static byte[] image(int importsCount, byte[] bindStream) {
        ByteBuffer b = ByteBuffer.allocate(0x900).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0xfeedfacf).putInt(4, 0x0100000c).putInt(8, 0).putInt(12, 2).putInt(16, 6).putInt(20, 288)
                .putInt(24, 0x200085);
        segment(b, 32, "__TEXT", 0x100000000L, 0x4000, 0, 0x400, 5);
        segment(b, 104, "__DATA", 0x100004000L, 0x4000, 0x400, 0x100, 3);
        b.putInt(176, 0xc).putInt(180, 56).putInt(184, 24).putInt(188, 2).putInt(192, 0x05000000).putInt(196, 0x10000);
        b.put(200, "/usr/lib/libSystem.B.dylib".getBytes(StandardCharsets.US_ASCII));
        b.putInt(232, 0x80000034).putInt(236, 16).putInt(240, CHAINED).putInt(244, 0x80);
        b.putInt(248, 0x80000022).putInt(252, 48).putInt(264, BIND).putInt(268, bindStream.length);
        b.putInt(296, 2).putInt(300, 24).putInt(304, 0x700).putInt(308, 3).putInt(312, 0x800).putInt(316, 0x40);
        // dyld_chained_fixups_header: version, starts, imports, symbols, count, DYLD_CHAINED_IMPORT, uncompressed
        b.putInt(CHAINED, 0).putInt(CHAINED + 4, 0x1c).putInt(CHAINED + 8, 0x20).putInt(CHAINED + 12, 0x30)
                .putInt(CHAINED + 16, importsCount).putInt(CHAINED + 20, 1).putInt(CHAINED + 24, 0);
        b.putInt(CHAINED + 0x20, 1 | (1 << 9));                  // lib_ordinal 1, name_offset 1
        b.putInt(CHAINED + 0x24, 0xfe | (1 << 8) | (8 << 9));    // flat lookup, weak, name_offset 8
        b.put(CHAINED + 0x30, "\0_write\0_maybe\0".getBytes(StandardCharsets.US_ASCII));
        b.put(BIND, bindStream);
        String strings = "\0_write\0_maybe\0_read\0";
        int[] strx = {1, 8, 15};
        for (int i = 0; i < 3; i++) {
            int n = 0x700 + 16 * i;
            b.putInt(n, strx[i]).put(n + 4, (byte) 1).putShort(n + 6, (short) (i == 2 ? 0x100 : 0));
        }
        b.put(0x800, strings.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static void segment(ByteBuffer b, int at, String name, long vmaddr, long vmsize, long fileoff,
                                long filesize, int prot) {
        b.putInt(at, 0x19).putInt(at + 4, 72).put(at + 8, name.getBytes(StandardCharsets.US_ASCII));
        b.putLong(at + 24, vmaddr).putLong(at + 32, vmsize).putLong(at + 40, fileoff).putLong(at + 48, filesize);
        b.putInt(at + 56, prot).putInt(at + 60, prot);
    }

    private static final byte[] GOOD_BINDS = {0x11, 0x40, '_', 'r', 'e', 'a', 'd', 0, 0x51, 0x71, 0x08,
            (byte) 0x90, 0x00};

    static MachOImage parse(byte[] bytes) throws IOException {
        return new MachOParser().parse(BinaryReader.of(bytes), ParseOptions.defaults());
    }

    @Test
    void chainedFixupsImportsNameTheirLibraries() throws IOException {
        MachOImage image = parse(image(2, GOOD_BINDS));
        assertEquals(List.of("macho.os.assumed"), codes(image), "no version command: macOS assumed, with a note");
        assertEquals(dev.crosslens.model.TargetOs.MACOS, image.core().os());
        MachOChainedFixups f = image.macho().chainedFixups();
        assertEquals(2, f.imports().size());
        assertEquals("_write", f.imports().get(0).name());
        assertEquals(1, f.imports().get(0).libraryOrdinal());
        assertEquals(-2, f.imports().get(1).libraryOrdinal());
        assertTrue(f.imports().get(1).weakImport());
        List<MachOBinding> chained = image.macho().bindings().stream().filter(b -> b.table().equals("chained")).toList();
        assertEquals("/usr/lib/libSystem.B.dylib", chained.get(0).library());
        assertEquals("DYNAMIC_LOOKUP", chained.get(1).library());
        assertEquals("/usr/lib/libSystem.B.dylib", symbol(image, "_write").library());
        assertEquals("DYNAMIC_LOOKUP", symbol(image, "_maybe").library());
        MachOBinding read = image.macho().bindings().stream().filter(b -> b.table().equals("bind")).findFirst()
                .orElseThrow();
        assertEquals("_read", read.symbol());
        assertEquals(0x100004008L, read.address());
        assertEquals("/usr/lib/libSystem.B.dylib", image.core().libraries().get(0).name());
        assertEquals(List.of("_read", "_write"),
                image.core().libraries().get(0).imports().stream().map(i -> i.name()).toList());
    }

    @Test
    void anImportsCountPastTheDataIsADiagnosticNotAnAllocation() throws IOException {
        MachOImage image = parse(image(0x7fffffff, GOOD_BINDS));
        assertTrue(codes(image).contains("macho.fixups.imports"), codes(image).toString());
        assertTrue(image.macho().chainedFixups().imports().isEmpty());
        // with no import naming it, _write falls back to its n_desc ordinal: 0, SELF_LIBRARY_ORDINAL
        assertEquals("SELF", symbol(image, "_write").library());
        assertEquals(1, image.macho().bindings().size(), "the bind opcodes still count");
    }

    @Test
    void aHugeBindRepeatCountStopsWithADiagnostic() {
        // DO_BIND, then DO_BIND_ULEB_TIMES_SKIPPING_ULEB with count 2^56 - 1, then DONE
        byte[] hostile = {0x11, 0x40, '_', 'r', 'e', 'a', 'd', 0, 0x51, 0x71, 0x00, (byte) 0x90, (byte) 0xc0,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0x00,
                0x00};
        MachOImage image = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parse(image(2, hostile)));
        assertTrue(codes(image).contains("macho.bind.opcodes"), codes(image).toString());
        assertEquals(1, image.macho().bindings().stream().filter(b -> b.table().equals("bind")).count());
    }

    @Test
    void anOverlongUleb128IsADiagnostic() throws IOException {
        byte[] overlong = new byte[24];
        overlong[0] = 0x20; // SET_DYLIB_ORDINAL_ULEB with 23 continuation bytes
        for (int i = 1; i < overlong.length; i++) overlong[i] = (byte) 0x80;
        MachOImage image = parse(image(2, overlong));
        assertTrue(codes(image).contains("macho.bind.opcodes"), codes(image).toString());
        assertEquals(2, image.macho().segments().size(), "the rest of the image is intact");
    }

    @Test
    void bigEndianPowerPcExecuteWithUnixThread() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(0x400).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0, 0xfeedface).putInt(4, 18).putInt(8, 0).putInt(12, 2).putInt(16, 2).putInt(20, 124 + 176)
                .putInt(24, 0x85);
        int seg = 28;
        b.putInt(seg, 0x1).putInt(seg + 4, 124).put(seg + 8, "__TEXT".getBytes(StandardCharsets.US_ASCII));
        b.putInt(seg + 24, 0x1000).putInt(seg + 28, 0x1000).putInt(seg + 32, 0).putInt(seg + 36, 0x400)
                .putInt(seg + 40, 7).putInt(seg + 44, 5).putInt(seg + 48, 1);
        int sect = seg + 56;
        b.put(sect, "__text".getBytes(StandardCharsets.US_ASCII)).put(sect + 16, "__TEXT".getBytes(StandardCharsets.US_ASCII));
        b.putInt(sect + 32, 0x1200).putInt(sect + 36, 0x100).putInt(sect + 40, 0x200).putInt(sect + 44, 2)
                .putInt(sect + 56, 0x80000400);
        int thread = seg + 124;
        b.putInt(thread, 0x5).putInt(thread + 4, 176).putInt(thread + 8, 1).putInt(thread + 12, 40)
                .putInt(thread + 16, 0x1234); // PPC_THREAD_STATE: srr0 first
        MachOImage image = parse(b.array());
        assertEquals(dev.crosslens.model.Endianness.BIG, image.core().endianness());
        assertEquals(32, image.core().bits());
        assertEquals(dev.crosslens.model.Arch.PPC, image.core().arch());
        assertEquals("PPC", image.core().machineName());
        assertEquals(0x1234L, image.core().entry());
        assertEquals("PPC_THREAD_STATE", image.macho().entryPoint().flavor());
        assertEquals(dev.crosslens.model.BinaryKind.EXECUTABLE, image.core().kind());
        assertEquals(dev.crosslens.model.TargetOs.UNKNOWN, image.core().os(), "no version command, not x86_64/arm64");
        assertEquals("__TEXT,__text", image.core().sections().get(0).qualifiedName());
        assertEquals(0x1200L, image.core().sections().get(0).address());
        assertEquals("r-x", image.core().sections().get(0).permissions().label());
        assertEquals(List.of("NOUNDEFS", "DYLDLINK", "TWOLEVEL"), image.macho().header().flagNames());
    }

    private static Symbol symbol(MachOImage image, String name) {
        return image.core().symbols().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> codes(MachOImage image) {
        return image.core().diagnostics().stream().map(Diagnostic::code).toList();
    }
}
