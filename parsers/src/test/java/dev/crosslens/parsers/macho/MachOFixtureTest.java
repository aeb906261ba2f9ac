package dev.crosslens.parsers.macho;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Endianness;
import dev.crosslens.model.HardeningState;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.Section;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.macho.MachOBinding;
import dev.crosslens.model.macho.MachODetails;
import dev.crosslens.model.macho.MachONlist;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table-driven facts of thin Mach-O fixtures built from source (Go cross builds, llvm-mc objects). */
class MachOFixtureTest {

    /**
     * One fixture and what it must say.
     *
     * @param entrySymbol the symbol whose value is the entry point, null when there must be no entry
     * @param dylibs      LC_LOAD_DYLIB names in order
     */
    record Case(String name, Supplier<Path> file, Arch arch, String machineName, BinaryKind kind, String fileType,
                String entrySource, String entrySymbol, List<String> dylibs, String minOs, String sdk,
                boolean codeSigned) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("go darwin-amd64", () -> Fixtures.file("go-cross", "darwin-amd64"), Arch.X86_64, "X86_64",
                        BinaryKind.EXECUTABLE, "EXECUTE", "LC_UNIXTHREAD", "__rt0_amd64_darwin",
                        List.of("/usr/lib/libSystem.B.dylib"), "10.9", "10.9", false),
                new Case("go darwin-arm64", () -> Fixtures.file("go-cross", "darwin-arm64"), Arch.ARM64, "ARM64",
                        BinaryKind.PIE_EXECUTABLE, "EXECUTE", "LC_MAIN", "__rt0_arm64_darwin",
                        List.of("/usr/lib/libSystem.B.dylib"), "11.0", "11.0", true),
                new Case("llvm-mc x86_64 object", () -> Fixtures.file("macho-objects", "hello-x86_64.o"),
                        Arch.X86_64, "X86_64", BinaryKind.OBJECT, "OBJECT", null, null, List.of(), "11.0", "12.0",
                        false),
                new Case("llvm-mc arm64 object", () -> Fixtures.file("macho-objects", "hello-arm64.o"),
                        Arch.ARM64, "ARM64", BinaryKind.OBJECT, "OBJECT", null, null, List.of(), "11.0", "12.0",
                        false));
    }

    static MachOImage open(Path p) throws IOException {
        BinaryFile f = Binaries.open(p, ParseOptions.defaults());
        return assertInstanceOf(MachOImage.class, f.image());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headlineFacts(Case c) throws IOException {
        MachOImage image = open(c.file().get());
        ImageCore core = image.core();
        MachODetails d = image.macho();
        assertEquals(c.arch(), core.arch());
        assertEquals(c.machineName(), core.machineName());
        assertEquals(64, core.bits());
        assertEquals(Endianness.LITTLE, core.endianness());
        assertEquals(c.kind(), core.kind());
        assertEquals(c.fileType(), d.header().fileTypeName());
        assertEquals(TargetOs.MACOS, core.os());
        assertEquals(c.minOs(), d.minOs());
        assertEquals(c.sdk(), d.buildVersion().sdk());
        assertEquals(c.dylibs(), core.libraries().stream().map(Library::name).toList());
        assertTrue(core.libraries().stream().allMatch(l -> l.kind() == LibraryKind.LOAD_DYLIB));
        assertEquals(d.header().ncmds(), d.loadCommands().size(), "every load command kept");
        assertTrue(core.diagnostics().stream().noneMatch(x -> x.severity() != dev.crosslens.model.Severity.INFO),
                () -> "clean fixture has diagnostics: " + core.diagnostics());
        if (c.entrySymbol() == null) {
            assertNull(core.entry());
        } else {
            assertEquals(c.entrySource(), d.entryPoint().source());
            Symbol entry = core.symbols().stream().filter(s -> s.name().equals(c.entrySymbol())).findFirst()
                    .orElseThrow();
            assertEquals(entry.value(), core.entry(), "entry is " + c.entrySymbol());
            Section text = core.sections().stream().filter(s -> s.qualifiedName().equals("__TEXT,__text"))
                    .findFirst().orElseThrow();
            assertTrue(core.entry() >= text.address() && core.entry() < text.address() + text.memorySize());
        }
        if (!c.dylibs().isEmpty()) {
            assertEquals(LibcFlavor.LIBSYSTEM, core.linkage().libc());
            assertEquals("/usr/lib/dyld", core.linkage().interpreter());
            assertTrue(core.linkage().dynamic());
            assertEquals(c.kind() == BinaryKind.PIE_EXECUTABLE ? HardeningState.ENABLED : HardeningState.DISABLED,
                    core.hardening("pie").state());
        }
        assertEquals(c.codeSigned(), d.codeSignature() != null);
        if (c.codeSigned()) {
            assertEquals(HardeningState.ENABLED, core.hardening("code-signature").state());
        }
    }

    @Test
    void goArm64BindsWriteToLibSystemThroughBindOpcodes() throws IOException {
        MachOImage image = open(Fixtures.file("go-cross", "darwin-arm64"));
        MachOBinding write = image.macho().bindings().stream().filter(b -> b.symbol().equals("_write"))
                .findFirst().orElseThrow();
        assertEquals("bind", write.table());
        assertEquals(1, write.ordinal());
        assertEquals("/usr/lib/libSystem.B.dylib", write.library());
        assertEquals("__DATA", image.macho().segments().get(write.segmentIndex()).name());
        Symbol sym = image.core().symbols().stream().filter(s -> s.name().equals("_write")).findFirst().orElseThrow();
        assertFalse(sym.defined());
        assertEquals("UND", sym.section());
        assertEquals("/usr/lib/libSystem.B.dylib", sym.library());
        Library libSystem = image.core().libraries().get(0);
        assertTrue(libSystem.imports().stream().anyMatch(i -> i.name().equals("_write")));
        // every undefined symbol found its library
        assertTrue(image.macho().symbols().stream().filter(n -> n.undefined() && !n.common())
                .allMatch(n -> "/usr/lib/libSystem.B.dylib".equals(n.library())));
    }

    @Test
    void goArm64IsAdHocLinkerSigned() throws IOException {
        MachOImage image = open(Fixtures.file("go-cross", "darwin-arm64"));
        var sig = image.macho().codeSignature();
        assertNotNull(sig.identifier(), "CodeDirectory identifier");
        assertTrue(sig.adhoc(), sig.flagNames().toString());
        assertEquals("SHA256", sig.hashTypeName());
        assertTrue(image.core().hardening("code-signature").detail().contains("adhoc"));
    }

    @Test
    void goAmd64WithoutBindInfoLeavesFlatNamespaceImportsUnresolved() throws IOException {
        // Go 1.19 writes no LC_DYLD_INFO for darwin/amd64 and no MH_TWOLEVEL flag: dyld searches every image
        MachOImage image = open(Fixtures.file("go-cross", "darwin-amd64"));
        assertFalse(image.macho().header().flagNames().contains("TWOLEVEL"));
        assertNull(image.macho().dyldInfo());
        MachONlist write = image.macho().symbols().stream().filter(n -> n.name().equals("_write")).findFirst()
                .orElseThrow();
        assertTrue(write.undefined());
        assertNull(write.library());
        assertEquals("x86_THREAD_STATE64", image.macho().entryPoint().flavor());
    }

    @Test
    void corpusGoDarwinX64BindsWriteToLibSystem() throws IOException {
        MachOImage image = open(Corpus.require("esbuild-0.28.2-darwin-x64"));
        Symbol write = image.core().symbols().stream().filter(s -> s.name().equals("_write")).findFirst()
                .orElseThrow();
        assertEquals("/usr/lib/libSystem.B.dylib", write.library());
        assertEquals(101, image.macho().symbols().stream().filter(n -> n.library() != null).count(),
                "all 101 undefined symbols bound");
    }

    @Test
    void corpusRustDylibHasLazyBindingsUuidAndNoEntry() throws IOException {
        MachOImage image = open(Corpus.require("rollup-4.67.4-darwin-arm64"));
        ImageCore core = image.core();
        assertEquals(BinaryKind.DYLIB, core.kind());
        assertNull(core.entry());
        assertEquals(HardeningState.NOT_APPLICABLE, core.hardening("pie").state());
        assertTrue(image.macho().bindings().stream().anyMatch(b -> b.table().equals("lazy_bind")
                && b.symbol().equals("_CCRandomGenerateBytes") && b.library().equals("/usr/lib/libSystem.B.dylib")));
        assertEquals(0, image.macho().bindings().stream().filter(b -> b.library().contains("libiconv")).count());
        assertEquals("9ABBB613-F24D-3672-B8AC-9A6C13AEDE66", image.macho().uuid().uuid());
        assertTrue(image.macho().codeSignature().linkerSigned(), image.macho().codeSignature().flagNames().toString());
        // two-level namespace: undefined symbols carry the ordinal in n_desc too, and it agrees with the binds
        for (MachONlist n : image.macho().symbols()) {
            if (n.undefined() && n.library() != null && n.libraryOrdinal() > 0) {
                assertEquals(n.descLibraryOrdinal(), n.libraryOrdinal(), n.name());
            }
        }
    }

    @Test
    void x86_64ObjectSectionsSymbolsAndRelocations() throws IOException {
        MachOImage image = open(Fixtures.file("macho-objects", "hello-x86_64.o"));
        ImageCore core = image.core();
        assertEquals(List.of("__TEXT,__text", "__TEXT,__cstring", "__DATA,__data", "__DATA,__bss"),
                core.sections().stream().map(Section::qualifiedName).toList());
        Section bss = core.sections().get(3);
        assertEquals("S_ZEROFILL", bss.type());
        assertEquals(0, bss.fileOffset());
        assertEquals(0, bss.fileSize());
        assertEquals("S_CSTRING_LITERALS", core.sections().get(1).type());
        assertEquals(5L, core.relocations().byTable().get("__TEXT,__text"));
        assertEquals(1L, core.relocations().byTable().get("__DATA,__data"));
        assertEquals(6, core.relocations().total());
        assertEquals(2L, core.relocations().byType().get("X86_64_RELOC_BRANCH"));
        assertEquals(2L, core.relocations().byType().get("X86_64_RELOC_GOT_LOAD"));
        assertEquals(1L, core.relocations().byType().get("X86_64_RELOC_UNSIGNED"));
        assertSymbols(core);
    }

    @Test
    void arm64ObjectRelocations() throws IOException {
        MachOImage image = open(Fixtures.file("macho-objects", "hello-arm64.o"));
        ImageCore core = image.core();
        assertEquals(8L, core.relocations().byTable().get("__TEXT,__text"));
        assertEquals(2L, core.relocations().byType().get("ARM64_RELOC_BRANCH26"));
        assertEquals(2L, core.relocations().byType().get("ARM64_RELOC_GOT_LOAD_PAGE21"));
        assertEquals(1L, core.relocations().byType().get("ARM64_RELOC_PAGE21"));
        assertEquals(1L, core.relocations().byType().get("ARM64_RELOC_UNSIGNED"));
        assertSymbols(core);
    }

    private static void assertSymbols(ImageCore core) {
        Symbol main = symbol(core, "_main");
        assertEquals(SymbolBinding.GLOBAL, main.binding());
        assertEquals(SymbolType.FUNC, main.type());
        assertEquals("__TEXT,__text", main.section());
        Symbol helper = symbol(core, "_helper");
        assertEquals(SymbolBinding.LOCAL, helper.binding());
        Symbol hook = symbol(core, "_optional_hook");
        assertEquals(SymbolBinding.WEAK, hook.binding());
        assertFalse(hook.defined());
        Symbol shared = symbol(core, "_shared");
        assertEquals(SymbolType.COMMON, shared.type());
        assertEquals(64, shared.value());
        Symbol buffer = symbol(core, "_buffer");
        assertEquals("__DATA,__bss", buffer.section());
        assertEquals(SymbolType.OBJECT, buffer.type());
        Symbol write = symbol(core, "_write");
        assertFalse(write.defined());
        assertNull(write.library(), "an object does not know its libraries yet");
        assertTrue(core.libraries().isEmpty());
    }

    private static Symbol symbol(ImageCore core, String name) {
        return core.symbols().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no symbol " + name));
    }

    @Test
    void stabEntriesAreDebugSymbols() throws IOException {
        // llvm-mc writes no STABs (ld64 does, for debug maps); turn _helper's nlist into an N_FUN stab
        Path file = Fixtures.file("macho-objects", "hello-x86_64.o");
        MachOImage image = open(file);
        MachONlist helper = image.macho().symbols().stream().filter(n -> n.name().equals("_helper")).findFirst()
                .orElseThrow();
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) helper.extent().offset() + 4] = 0x24; // N_FUN
        MachOImage patched = assertInstanceOf(MachOImage.class,
                Binaries.parse(bytes, "stab", ParseOptions.defaults()).image());
        MachONlist stab = patched.macho().symbols().get(helper.index());
        assertTrue(stab.stab());
        assertEquals("N_FUN", stab.stabName());
        Symbol s = patched.core().symbols().get(helper.index());
        assertEquals(SymbolType.DEBUG, s.type());
        assertEquals("_helper", s.name());
    }
}
