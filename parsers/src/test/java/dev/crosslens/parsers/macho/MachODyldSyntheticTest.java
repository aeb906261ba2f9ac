package dev.crosslens.parsers.macho;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.macho.MachOBuildVersion;
import dev.crosslens.model.macho.MachOChainedFixup;
import dev.crosslens.model.macho.MachOChainedImport;
import dev.crosslens.model.macho.MachOChainedStarts;
import dev.crosslens.model.macho.MachODylib;
import dev.crosslens.model.macho.MachOExport;
import dev.crosslens.model.macho.MachORebase;
import dev.crosslens.model.macho.MachOSegment;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the real files here do not carry, written byte by byte after mach-o/loader.h and fixup-chains.h:
 * export trie flags (weak, re-export with a new name, stub-and-resolver, thread-local, absolute), hostile tries
 * (cycles, depth bombs), rebase opcode decoding and a repeat-count bomb, chains that run off their page or name an
 * import that is not there, the fixup cap; and the Apple platforms against the objects llvm-mc writes for them.
 */
class MachODyldSyntheticTest {
    private static final List<MachODylib> DYLIBS = List.of(new MachODylib("LC_REEXPORT_DYLIB",
            LibraryKind.REEXPORT_DYLIB, 1, "/usr/lib/libfoo.dylib", 0, "1.0.0", "1.0.0", Extent.NONE));
    private static final List<MachOSegment> SEGMENTS = List.of(
            new MachOSegment(0, "__TEXT", 0x100000000L, 0x1000, 0, 0x1000, 5, 5, 0, 0, List.of(), Extent.NONE),
            new MachOSegment(1, "__DATA", 0x100001000L, 0x1000, 0x1000, 0x1000, 3, 3, 0, 0, List.of(), Extent.NONE));

    /** Builds a trie byte by byte. */
    private static final class Bytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes uleb(long v) {
            do {
                int b = (int) (v & 0x7f);
                v >>>= 7;
                out.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Bytes str(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static byte[] terminal(long flags, long... values) {
        Bytes info = new Bytes().uleb(flags);
        for (long v : values) info.uleb(v);
        return info.bytes();
    }

    private static List<MachOExport> exports(byte[] trie, List<Diagnostic> diags, ParseOptions options)
            throws IOException {
        return new MachODyldInfoReader(BinaryReader.of(trie), options, true, SEGMENTS, DYLIBS, diags)
                .readExportTrie("trie", 0, trie.length);
    }

    @Test
    void exportTrieFlagsAndReexports() throws IOException {
        // root (no terminal) with 5 children at fixed offsets; each child is a terminal with no children
        byte[][] terminals = {
                terminal(MachOExport.WEAK_DEFINITION, 0x10),
                new Bytes().uleb(MachOExport.REEXPORT).uleb(1).str("_orig").bytes(),
                terminal(MachOExport.STUB_AND_RESOLVER, 0x20, 0x30),
                terminal(MachOExport.KIND_THREAD_LOCAL, 0x40),
                terminal(MachOExport.KIND_ABSOLUTE, 0x1234)};
        String[] edges = {"_weak", "_re", "_resolved", "_tls", "_abs"};
        int rootSize = 2 + 1;
        for (String e : edges) rootSize += e.length() + 1 + 1;
        Bytes t = new Bytes().u8(0).u8(edges.length);
        int at = rootSize;
        List<Integer> childOffsets = new ArrayList<>();
        for (byte[] term : terminals) {
            childOffsets.add(at);
            at += 1 + term.length + 1;
        }
        for (int i = 0; i < edges.length; i++) t.str(edges[i]).uleb(childOffsets.get(i));
        while (t.size() < rootSize) t.u8(0);
        for (byte[] term : terminals) {
            t.uleb(term.length);
            t.out.writeBytes(term);
            t.u8(0);
        }
        List<Diagnostic> diags = new ArrayList<>();
        List<MachOExport> e = exports(t.bytes(), diags, ParseOptions.defaults());
        assertEquals(List.of(), diags);
        assertEquals(List.of("_weak", "_re", "_resolved", "_tls", "_abs"), e.stream().map(MachOExport::name).toList());
        assertTrue(e.get(0).weak());
        assertEquals(0x10, e.get(0).address());
        assertEquals("regular weak", e.get(0).label());
        assertTrue(e.get(1).reexport());
        assertEquals(1, e.get(1).reexportOrdinal());
        assertEquals("/usr/lib/libfoo.dylib", e.get(1).reexportLibrary());
        assertEquals("_orig", e.get(1).importedName());
        assertEquals(-1, e.get(1).address());
        assertTrue(e.get(2).stubAndResolver());
        assertEquals(0x20, e.get(2).address());
        assertEquals(0x30, e.get(2).resolverOffset());
        assertTrue(e.get(3).threadLocal());
        assertEquals("thread-local", e.get(3).kindLabel());
        assertTrue(e.get(4).absolute());
        assertEquals(0x1234, e.get(4).address());
    }

    @Test
    void aCycleInTheTrieIsADiagnosticAndTheWalkEnds() throws IOException {
        // root -> "_a" at 4 -> terminal + edge "b" back to the root
        byte[] trie = new Bytes().u8(0).u8(1).str("_a").uleb(6)
                .u8(2).uleb(0).uleb(0x10).u8(1).str("b").uleb(0).bytes();
        List<Diagnostic> diags = new ArrayList<>();
        List<MachOExport> e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> exports(trie, diags, ParseOptions.defaults()));
        assertEquals(List.of("_a"), e.stream().map(MachOExport::name).toList());
        assertEquals(1, diags.size(), diags.toString());
        assertEquals("macho.exports.trie", diags.get(0).code());
        assertTrue(diags.get(0).message().contains("visited twice"), diags.get(0).message());
    }

    @Test
    void aDepthBombStopsAtTheNameLimit() throws IOException {
        // 200 nodes in a line, each adding a 64-byte edge: the name would be 12,800 bytes
        String edge = "x".repeat(64);
        int nodeSize = 1 + 1 + edge.length() + 1 + 2;
        Bytes t = new Bytes();
        for (int i = 0; i < 200; i++) {
            t.u8(0).u8(1).str(edge);
            int next = (i + 1) * nodeSize;
            t.u8(0x80 | (next & 0x7f)).u8(next >>> 7); // a 2-byte ULEB128
        }
        t.u8(0).u8(0);
        List<Diagnostic> diags = new ArrayList<>();
        List<MachOExport> e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> exports(t.bytes(), diags, ParseOptions.defaults()));
        assertTrue(e.isEmpty());
        assertEquals(1, diags.size(), diags.toString());
        assertTrue(diags.get(0).message().contains("depth bomb"), diags.get(0).message());
    }

    @Test
    void aTerminalSizePastTheTrieIsADiagnostic() throws IOException {
        byte[] trie = new Bytes().uleb(0x7fffffff).u8(0).bytes();
        List<Diagnostic> diags = new ArrayList<>();
        assertTrue(exports(trie, diags, ParseOptions.defaults()).isEmpty());
        assertEquals("macho.exports.trie", diags.get(0).code());
    }

    private static List<MachORebase> rebases(byte[] stream, List<Diagnostic> diags) throws IOException {
        return new MachODyldInfoReader(BinaryReader.of(stream), ParseOptions.defaults(), true, SEGMENTS, DYLIBS, diags)
                .readRebases(0, stream.length);
    }

    @Test
    void rebaseOpcodesDecode() throws IOException {
        byte[] stream = {0x11, 0x21, 0x10, (byte) 0x82, 0x03, 0x08, 0x52, 0x43, 0x12, 0x71, 0x08, 0x61, 0x02, 0x00};
        List<Diagnostic> diags = new ArrayList<>();
        List<MachORebase> r = rebases(stream, diags);
        assertEquals(List.of(), diags);
        List<Long> expect = List.of(0x10L, 0x20L, 0x30L, 0x40L, 0x48L, 0x68L, 0x78L, 0x80L);
        assertEquals(expect.stream().map(o -> 0x100001000L + o).toList(), r.stream().map(MachORebase::address).toList());
        assertEquals("pointer", r.get(0).typeName());
        assertEquals("text abs32", r.get(5).typeName());
    }

    @Test
    void aRebaseRepeatBombIsADiagnosticNotAnAllocation() throws IOException {
        // REBASE_OPCODE_DO_REBASE_ULEB_TIMES 2^62
        byte[] stream = {0x11, 0x21, 0x00, 0x60, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x40, 0x00};
        List<Diagnostic> diags = new ArrayList<>();
        List<MachORebase> r = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> rebases(stream, diags));
        assertTrue(r.isEmpty());
        assertEquals("macho.rebase.opcodes", diags.get(0).code());
        // a rebase walking off its segment stops there
        List<Diagnostic> d2 = new ArrayList<>();
        List<MachORebase> r2 = rebases(new byte[] {0x11, 0x21, 0x00, 0x60, (byte) 0xff, 0x7f, 0x00}, d2);
        assertEquals(0x1000 / 8, r2.size());
        assertTrue(d2.get(0).message().contains("past segment __DATA"), d2.toString());
    }

    /** One DYLD_CHAINED_PTR_64 segment (__DATA, file 0x1000) with the given pointers at the given offsets. */
    private static List<MachOChainedFixup> chain(long[][] pointers, List<Diagnostic> diags,
                                                 List<MachOChainedStarts> starts, ParseOptions options)
            throws IOException {
        ByteBuffer b = ByteBuffer.allocate(0x2000).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 2).putInt(4, 0).putInt(8, 12);                   // 2 segments, __TEXT none, __DATA at 12
        b.putInt(12, 24).putShort(16, (short) 0x1000).putShort(18, (short) MachOChainWalker.PTR_64)
                .putLong(20, 0x1000).putInt(28, 0).putShort(32, (short) 1).putShort(34, (short) pointers[0][0]);
        for (long[] p : pointers) b.putLong(0x1000 + (int) p[0], p[1]);
        BinaryReader r = BinaryReader.of(b.array());
        List<MachOChainedImport> imports = List.of(new MachOChainedImport(0, 1, false, 1, "_x", 0, Extent.NONE));
        List<MachOChainedFixup> fixups = new ArrayList<>();
        new MachOChainWalker(r, options, SEGMENTS, imports, diags).read(r.slice(0, 0x100), 0, true, starts, fixups);
        return fixups;
    }

    private static long rebase64(long target, int next) {
        return target | ((long) next << 51);
    }

    private static long bind64(int ordinal, int addend, int next) {
        return (1L << 63) | ((long) next << 51) | ((long) addend << 24) | ordinal;
    }

    @Test
    void chainsAreFollowed() throws IOException {
        List<Diagnostic> diags = new ArrayList<>();
        List<MachOChainedStarts> starts = new ArrayList<>();
        List<MachOChainedFixup> f = chain(new long[][] {{0x10, rebase64(0x100000f00L, 2)},
                {0x18, bind64(0, 5, 4)}, {0x28, rebase64(0x100000010L, 0)}}, diags, starts, ParseOptions.defaults());
        assertEquals(List.of(), diags);
        assertEquals(1, starts.size());
        assertEquals("DYLD_CHAINED_PTR_64", starts.get(0).pointerFormatName());
        assertEquals(3, f.size());
        assertEquals(0x100001010L, f.get(0).address());
        assertEquals(0x100000f00L, f.get(0).target());
        assertTrue(f.get(1).bind());
        assertEquals("_x", f.get(1).symbol());
        assertEquals(5, f.get(1).addend());
        assertEquals(0x100001028L, f.get(2).address());
    }

    @Test
    void brokenChainsAreDiagnostics() throws IOException {
        List<Diagnostic> diags = new ArrayList<>();
        List<MachOChainedFixup> f = chain(new long[][] {{0x10, bind64(7, 0, 0)}}, diags, new ArrayList<>(),
                ParseOptions.defaults());
        assertEquals(1, f.size());
        assertTrue(diags.get(0).message().contains("names import 7 of 1"), diags.toString());
        diags.clear();
        chain(new long[][] {{0xff8, rebase64(0x100000000L, 0xfff)}}, diags, new ArrayList<>(), ParseOptions.defaults());
        assertTrue(diags.get(0).message().contains("past the page"), diags.toString());
        diags.clear();
        List<MachOChainedFixup> capped = chain(new long[][] {{0x10, rebase64(0x100000f00L, 2)},
                {0x18, rebase64(0x100000f00L, 0)}}, diags, new ArrayList<>(), ParseOptions.defaults().withMaxFixups(1));
        assertEquals(1, capped.size());
        assertEquals("macho.fixups.limit", diags.get(0).code());
    }

    @ParameterizedTest
    @CsvSource({"1, MACOS,", "2, IOS,", "3, TVOS,", "4, WATCHOS,", "5, BRIDGEOS,", "6, MACOS, Mac Catalyst",
            "7, IOS, simulator", "8, TVOS, simulator", "9, WATCHOS, simulator", "10, DRIVERKIT,", "11, VISIONOS,",
            "12, VISIONOS, simulator", "99, UNKNOWN,"})
    void platformsMapToTargetOs(long raw, TargetOs os, String variant) {
        assertEquals(os, MachONames.platformOs(raw));
        if (variant == null) {
            assertNull(MachONames.platformVariant(raw));
        } else {
            assertTrue(MachONames.platformVariant(raw).contains(variant));
        }
    }

    /** llvm-mc writes LC_BUILD_VERSION or LC_VERSION_MIN_* for each triple; llvm-objdump names the platform. */
    @ParameterizedTest
    @CsvSource({"arm64-apple-tvos14, TVOS, LC_BUILD_VERSION", "arm64-apple-tvos9, TVOS, LC_VERSION_MIN_TVOS",
            "arm64-apple-watchos7, WATCHOS, LC_BUILD_VERSION", "arm64-apple-watchos2, WATCHOS, LC_VERSION_MIN_WATCHOS",
            "arm64-apple-ios14-simulator, IOS, LC_BUILD_VERSION", "x86_64-apple-ios13.1-macabi, MACOS, LC_BUILD_VERSION",
            "x86_64-apple-tvos13-simulator, TVOS, LC_BUILD_VERSION",
            "arm64-apple-watchos7-simulator, WATCHOS, LC_BUILD_VERSION"})
    void platformsOfLlvmMcObjects(String triple, TargetOs os, String command) throws Exception {
        Path dir = Fixtures.projectRoot().resolve("target/fixtures/macho-platforms");
        Files.createDirectories(dir);
        Path src = dir.resolve("f.s");
        Files.writeString(src, ".text\n_f:\n  ret\n");
        Path obj = dir.resolve(triple + ".o");
        MachODyldCrossCheckTest.run("llvm-mc", "-triple=" + triple, "-filetype=obj", src.toString(), "-o",
                obj.toString());
        String llvmPlatform = null;
        for (String line : MachODyldCrossCheckTest.run("llvm-objdump", "--macho", "--private-headers", obj.toString())) {
            String t = line.trim();
            if (t.startsWith("platform ")) llvmPlatform = t.substring(9).trim();
        }
        MachOImage image = MachODyldCrossCheckTest.parse(obj);
        MachOBuildVersion v = image.macho().buildVersion();
        assertEquals(command, v.command());
        assertEquals(os, image.core().os());
        if (llvmPlatform != null) assertEquals(llvmPlatform, v.platformName(), "platform spelled as llvm-objdump");
        assertFalse(image.core().diagnostics().stream().anyMatch(d -> d.code().equals("macho.os.platform")));
    }
}
