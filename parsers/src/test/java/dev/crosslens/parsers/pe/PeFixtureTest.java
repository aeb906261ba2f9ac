package dev.crosslens.parsers.pe;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.HardeningState;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Library;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.pe.CoffSymbol;
import dev.crosslens.model.pe.PeDetails;
import dev.crosslens.model.pe.PeExport;
import dev.crosslens.model.pe.PeImportDescriptor;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table-driven checks of the PE/COFF parser on fixtures built from source (MinGW-w64, llvm-mc, Go). */
class PeFixtureTest {

    /** What one fixture must look like. {@code subsystem} null for objects; hardening states null = not checked. */
    record Case(String fixture, String file, Arch arch, int bits, BinaryFormat format, BinaryKind kind,
                String subsystem, List<String> dlls, HardeningState aslr, HardeningState highEntropy,
                HardeningState seh) {
        @Override
        public String toString() {
            return fixture + "/" + file;
        }
    }

    static Stream<Case> cases() {
        String cui = "IMAGE_SUBSYSTEM_WINDOWS_CUI";
        List<String> crt = List.of("KERNEL32.dll", "msvcrt.dll");
        return Stream.of(
                new Case("pe-mingw", "hello.exe", Arch.X86_64, 64, BinaryFormat.PE, BinaryKind.EXECUTABLE, cui, crt,
                        HardeningState.ENABLED, HardeningState.ENABLED, HardeningState.NOT_APPLICABLE),
                new Case("pe-mingw", "gui.exe", Arch.X86_64, 64, BinaryFormat.PE, BinaryKind.EXECUTABLE,
                        "IMAGE_SUBSYSTEM_WINDOWS_GUI", List.of("KERNEL32.dll", "msvcrt.dll", "USER32.dll"),
                        HardeningState.ENABLED, HardeningState.ENABLED, HardeningState.NOT_APPLICABLE),
                new Case("pe-mingw", "nodynbase.exe", Arch.X86_64, 64, BinaryFormat.PE, BinaryKind.EXECUTABLE, cui,
                        crt, HardeningState.DISABLED, HardeningState.DISABLED, HardeningState.NOT_APPLICABLE),
                new Case("pe-mingw", "mylib.dll", Arch.X86_64, 64, BinaryFormat.PE, BinaryKind.DLL, cui, crt,
                        HardeningState.ENABLED, HardeningState.ENABLED, HardeningState.NOT_APPLICABLE),
                new Case("pe-mingw", "useord.exe", Arch.X86_64, 64, BinaryFormat.PE, BinaryKind.EXECUTABLE, cui,
                        List.of("mylib.dll", "KERNEL32.dll", "msvcrt.dll"), HardeningState.ENABLED,
                        HardeningState.ENABLED, HardeningState.NOT_APPLICABLE),
                new Case("pe-mingw", "versioned.exe", Arch.X86_64, 64, BinaryFormat.PE, BinaryKind.EXECUTABLE, cui,
                        crt, HardeningState.ENABLED, HardeningState.ENABLED, HardeningState.NOT_APPLICABLE),
                new Case("pe-mingw", "tls.exe", Arch.X86_64, 64, BinaryFormat.PE, BinaryKind.EXECUTABLE, cui, crt,
                        HardeningState.ENABLED, HardeningState.ENABLED, HardeningState.NOT_APPLICABLE),
                new Case("pe-mingw", "obj.obj", Arch.X86_64, 64, BinaryFormat.COFF, BinaryKind.OBJECT, null,
                        List.of(), null, null, null),
                new Case("pe-mingw", "bigobj.obj", Arch.X86_64, 64, BinaryFormat.COFF, BinaryKind.OBJECT, null,
                        List.of(), null, null, null),
                new Case("pe-mingw", "arm64.obj", Arch.ARM64, 64, BinaryFormat.COFF, BinaryKind.OBJECT, null,
                        List.of(), null, null, null),
                new Case("pe-mingw", "i686.obj", Arch.X86, 32, BinaryFormat.COFF, BinaryKind.OBJECT, null,
                        List.of(), null, null, null),
                new Case("pe-mingw", "short-import.obj", Arch.X86_64, 64, BinaryFormat.COFF, BinaryKind.OBJECT,
                        null, List.of("mylib.dll"), null, null, null),
                new Case("go-cross", "windows-amd64.exe", Arch.X86_64, 64, BinaryFormat.PE, BinaryKind.EXECUTABLE,
                        cui, List.of("kernel32.dll"), HardeningState.ENABLED, HardeningState.ENABLED,
                        HardeningState.NOT_APPLICABLE),
                new Case("go-cross", "windows-386.exe", Arch.X86, 32, BinaryFormat.PE, BinaryKind.EXECUTABLE, cui,
                        List.of("kernel32.dll"), HardeningState.ENABLED, HardeningState.NOT_APPLICABLE,
                        HardeningState.DISABLED),
                new Case("go-cross", "windows-arm64.exe", Arch.ARM64, 64, BinaryFormat.PE, BinaryKind.EXECUTABLE,
                        cui, List.of("kernel32.dll"), HardeningState.ENABLED, HardeningState.ENABLED,
                        HardeningState.NOT_APPLICABLE));
    }

    static Stream<Case> images() {
        return cases().filter(c -> c.subsystem() != null);
    }

    static PeImage open(String fixture, String file) throws IOException {
        BinaryFile f = Binaries.open(Fixtures.file(fixture, file), ParseOptions.defaults());
        assertTrue(f.image() instanceof PeImage, "not a PE image: " + f.image().getClass());
        return (PeImage) f.image();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headersAndUnifiedView(Case c) throws IOException {
        PeImage image = open(c.fixture(), c.file());
        ImageCore core = image.core();
        assertEquals(c.format(), core.format());
        assertEquals(c.arch(), core.arch());
        assertEquals(c.bits(), core.bits());
        assertEquals(c.kind(), core.kind());
        assertEquals(c.dlls().stream().sorted().toList(), core.libraries().stream().map(Library::name).sorted().toList());
        assertTrue(core.diagnostics().stream().noneMatch(d -> d.severity() == dev.crosslens.model.Severity.ERROR),
                () -> "errors on a good fixture: " + core.diagnostics());
        if (c.subsystem() == null) {
            assertNull(image.pe().optionalHeader());
            assertNull(core.entry());
            return;
        }
        assertEquals(c.subsystem(), image.pe().optionalHeader().subsystemName());
        assertEquals(image.pe().optionalHeader().imageBase() + image.pe().optionalHeader().addressOfEntryPoint(),
                core.entry());
        assertEquals(c.aslr(), core.hardening("aslr").state(), core.hardening("aslr").detail());
        assertEquals(c.highEntropy(), core.hardening("high-entropy-va").state());
        assertEquals(c.seh(), core.hardening("seh").state());
        assertEquals(HardeningState.ENABLED, core.hardening("nx-compat").state());
        assertEquals(HardeningState.DISABLED, core.hardening("authenticode").state());
        assertTrue(core.linkage().dynamic());
    }

    @Test
    void mingwLinksMsvcrtAndGoNoCRuntime() throws IOException {
        assertEquals(LibcFlavor.MSVCRT, open("pe-mingw", "hello.exe").core().linkage().libc());
        ImageCore go = open("go-cross", "windows-amd64.exe").core();
        assertEquals(LibcFlavor.NONE, go.linkage().libc());
        assertTrue(go.linkage().evidence().contains("kernel32.dll"), go.linkage().evidence());
    }

    @Test
    void dllExportsOrdinalsForwarderAndOrdinalOnly() throws IOException {
        PeImage dll = open("pe-mingw", "mylib.dll");
        List<PeExport> exports = dll.pe().exports().exports();
        Map<Long, String> byOrdinal = new TreeMap<>();
        for (PeExport e : exports) {
            byOrdinal.put(e.ordinal(), e.name() + (e.forwarded() ? "->" + e.forwarder() : ""));
        }
        assertEquals("{1=add, 2=mul, 5=null, 7=HeapAllocFwd->KERNEL32.HeapAlloc}", byOrdinal.toString());
        assertEquals("mylib.dll", dll.pe().exports().dllName());
        assertEquals(7, dll.pe().exports().numberOfFunctions());
        Symbol fwd = dll.core().symbols().stream().filter(s -> s.name().equals("HeapAllocFwd")).findFirst()
                .orElseThrow();
        assertEquals("KERNEL32", fwd.library());
        assertFalse(fwd.defined());
    }

    @Test
    void importByOrdinal() throws IOException {
        PeImportDescriptor mylib = open("pe-mingw", "useord.exe").pe().imports().stream()
                .filter(d -> d.dllName().equals("mylib.dll")).findFirst().orElseThrow();
        assertEquals("mylib.dll", mylib.dllName());
        assertEquals(1, mylib.functions().size());
        ImportedSymbol s = mylib.functions().get(0);
        assertNull(s.name());
        assertEquals(5, s.ordinal());
        assertEquals("#5", s.label());
    }

    @Test
    void versionInfoManifestAndCpe() throws IOException {
        PeDetails pe = open("pe-mingw", "versioned.exe").pe();
        assertEquals(List.of("RT_VERSION", "RT_MANIFEST"), pe.resourceTypes());
        assertNotNull(pe.versionInfo());
        assertEquals("1.2.3.4", pe.versionInfo().fixed().fileVersion());
        assertEquals("1.2.3.0", pe.versionInfo().fixed().productVersion());
        assertEquals(0x40004L, pe.versionInfo().fixed().fileOs());
        assertEquals(1L, pe.versionInfo().fixed().fileType());
        assertEquals("040904b0", pe.versionInfo().stringTables().get(0).key());
        assertEquals(0x409, pe.versionInfo().stringTables().get(0).language());
        assertEquals("Crosslens Test Corp", pe.versionInfo().string("CompanyName"));
        assertEquals("Widget Tool+", pe.versionInfo().string("ProductName"));
        assertEquals("versioned.exe", pe.versionInfo().string("OriginalFilename"));
        assertEquals("1.2.3", pe.versionInfo().string("ProductVersion"));
        assertEquals(List.of(new dev.crosslens.model.pe.PeTranslation(0x409, 1200)), pe.versionInfo().translations());
        assertEquals("requireAdministrator", pe.manifest().requestedExecutionLevel());
        assertFalse(pe.manifest().uiAccess());
        assertEquals("cpe:2.3:a:crosslens_test_corp:widget_tool\\+:1.2.3:*:*:*:*:*:*:*", pe.cpe());
        assertEquals(List.of(), Cpe23.validate(pe.cpe()));
    }

    @Test
    void tlsCallback() throws IOException {
        PeImage tls = open("pe-mingw", "tls.exe");
        assertNotNull(tls.pe().tls());
        assertFalse(tls.pe().tls().callbacks().isEmpty());
        long base = tls.pe().optionalHeader().imageBase();
        for (long cb : tls.pe().tls().callbacks()) {
            long rva = cb - base;
            assertTrue(tls.core().sections().stream().anyMatch(s -> s.permissions().execute()
                    && rva >= s.address() && rva < s.address() + s.memorySize()), "callback not in code: " + cb);
        }
        // the MinGW CRT registers its own TLS callback in every exe; tls.c adds one more
        var hello = open("pe-mingw", "hello.exe").pe().tls();
        int crtCallbacks = hello == null ? 0 : hello.callbacks().size();
        assertEquals(crtCallbacks + 1, tls.pe().tls().callbacks().size());
    }

    @Test
    void coffObjects() throws IOException {
        PeImage obj = open("pe-mingw", "obj.obj");
        List<String> names = obj.core().symbols().stream().map(Symbol::name).toList();
        assertTrue(names.contains("exported_function"), names.toString());
        assertTrue(names.contains("a_very_long_global_variable_name"), names.toString());
        Symbol ext = obj.core().symbols().stream().filter(s -> s.name().equals("external_counter")).findFirst()
                .orElseThrow();
        assertFalse(ext.defined());
        assertTrue(obj.core().relocations().total() > 0);
        assertTrue(obj.core().relocations().byType().containsKey("IMAGE_REL_AMD64_REL32"),
                obj.core().relocations().byType().toString());

        PeImage big = open("pe-mingw", "bigobj.obj");
        assertTrue(big.pe().fileHeader().bigObj());
        assertEquals(obj.core().symbols().stream().map(Symbol::name).toList(),
                big.core().symbols().stream().map(Symbol::name).toList());

        PeImage i686 = open("pe-mingw", "i686.obj");
        List<String> x86 = i686.core().symbols().stream().map(Symbol::name).toList();
        assertTrue(x86.contains("_Add@8") && x86.contains("_Helper@4"), x86.toString());
        // name and argument bytes, for each of the three decorations
        java.util.Map<String, String> readable = new java.util.HashMap<>();
        for (Symbol s : i686.core().symbols()) readable.put(s.name(), s.demangled());
        assertEquals("Add (stdcall, 8 bytes of arguments)", readable.get("_Add@8"));
        assertEquals("Helper (stdcall, 4 bytes of arguments)", readable.get("_Helper@4"));
        assertEquals("Fast (fastcall, 8 bytes of arguments)", readable.get("@Fast@8"));
        assertEquals("Vec (vectorcall, 16 bytes of arguments)", readable.get("Vec@@16"));
        assertEquals("IMAGE_FILE_MACHINE_I386", i686.core().machineName());
        assertTrue(i686.core().relocations().byType().containsKey("IMAGE_REL_I386_REL32"));

        PeImage arm = open("pe-mingw", "arm64.obj");
        assertEquals("IMAGE_FILE_MACHINE_ARM64", arm.core().machineName());
        assertTrue(arm.core().relocations().byType().containsKey("IMAGE_REL_ARM64_BRANCH26"),
                arm.core().relocations().byType().toString());

        PeImage shortImport = open("pe-mingw", "short-import.obj");
        assertEquals("add", shortImport.pe().importObject().symbolName());
        assertEquals("mylib.dll", shortImport.pe().importObject().dllName());
        assertEquals("add", shortImport.core().libraries().get(0).imports().get(0).name());
    }

    @Test
    void goPeHasCoffSymbolsMatchingLlvmNm() throws IOException {
        Path file = Fixtures.file("go-cross", "windows-amd64.exe");
        PeImage go = open("go-cross", "windows-amd64.exe");
        assertFalse(go.core().stripped());
        assertTrue(go.pe().fileHeader().numberOfSymbols() > 0);
        List<String> nm = run("llvm-nm", "--defined-only", file.toString());
        long defined = go.pe().coffSymbols().stream().filter(s -> s.sectionNumber() != 0
                && s.storageClass() != CoffSymbol.CLASS_FILE && !CoffTables.isSectionSymbol(s)).count();
        assertEquals(nm.size(), defined);
        assertTrue(go.core().symbols().stream().anyMatch(s -> s.table() == SymbolTable.COFF
                && s.name().equals("main.main")));
        assertTrue(go.core().sections().stream().anyMatch(s -> s.name().equals(".debug_info")
                || s.name().equals(".symtab")), "long section names resolved");
    }

    /** Imports and exports against {@code llvm-readobj --coff-imports --coff-exports}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void importsAndExportsMatchLlvmReadobj(Case c) throws IOException {
        Path file = Fixtures.file(c.fixture(), c.file());
        PeDetails pe = open(c.fixture(), c.file()).pe();
        List<String> expected = new ArrayList<>();
        for (String line : run("llvm-readobj", "--coff-imports", "--coff-exports", file.toString())) {
            String t = line.strip();
            if (t.startsWith("Name:")) expected.add("dll " + t.substring(5).strip());
            if (t.startsWith("Symbol: ")) expected.add("sym " + t.substring(8));
            if (t.startsWith("Ordinal: ")) expected.add("ord " + t.substring(9));
        }
        List<String> actual = new ArrayList<>();
        for (PeExport e : exportSlots(pe)) {
            actual.add("ord " + e.ordinal());
            actual.add("dll " + (e.name() == null ? "" : e.name()));
        }
        for (PeImportDescriptor d : pe.imports()) {
            actual.add("dll " + d.dllName());
            for (ImportedSymbol s : d.functions()) {
                actual.add("sym " + (s.name() == null ? "" : s.name()) + " (" + (s.name() == null ? s.ordinal()
                        : s.hint()) + ")");
            }
        }
        assertEquals(expected.stream().map(String::strip).sorted().toList(), actual.stream().map(String::strip)
                .sorted().toList());
    }

    /** Base relocation entries, read on demand from the bytes, against {@code llvm-readobj --coff-basereloc}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void baseRelocationEntriesMatchLlvmReadobj(Case c) throws IOException {
        Path file = Fixtures.file(c.fixture(), c.file());
        PeDetails pe = open(c.fixture(), c.file()).pe();
        List<String> expected = new ArrayList<>();
        String type = null;
        for (String line : run("llvm-readobj", "--coff-basereloc", file.toString())) {
            String t = line.strip();
            if (t.startsWith("Type: ")) type = t.substring(6);
            if (t.startsWith("Address: ")) expected.add(type + " " + t.substring(9).toLowerCase(java.util.Locale.ROOT));
        }
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(file));
        List<dev.crosslens.model.pe.PeBaseRelocation> entries = new PeBaseRelocationReader()
                .read(bytes, pe.baseRelocations(), Integer.MAX_VALUE);
        assertEquals(expected, entries.stream().map(e -> e.typeName() + " 0x" + Long.toHexString(e.rva())).toList());
        assertEquals(pe.baseRelocations().total(), entries.size());
        for (dev.crosslens.model.pe.PeBaseRelocation e : entries) {
            assertEquals(2, e.extent().size());
            int w = Short.toUnsignedInt(bytes.order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort((int) e.extent().offset()));
            assertEquals(e.type(), w >>> 12);
        }
        assertEquals(Math.min(3, entries.size()), new PeBaseRelocationReader().read(bytes, pe.baseRelocations(), 3).size());
    }

    /** Every export address table slot, as llvm-readobj lists them (unused ones with an empty name). */
    private static List<PeExport> exportSlots(PeDetails pe) {
        if (pe.exports() == null) return List.of();
        List<PeExport> out = new ArrayList<>();
        for (long i = 0; i < pe.exports().numberOfFunctions(); i++) {
            long ordinal = pe.exports().ordinalBase() + i;
            out.add(pe.exports().exports().stream().filter(e -> e.ordinal() == ordinal).findFirst()
                    .orElse(new PeExport(ordinal, null, 0, null, null)));
        }
        return out;
    }

    static List<String> run(String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort(command[0] + " is not installed");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
