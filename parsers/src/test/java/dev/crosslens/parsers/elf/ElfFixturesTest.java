package dev.crosslens.parsers.elf;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Endianness;
import dev.crosslens.model.HardeningState;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Library;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.elf.ElfDetails;
import dev.crosslens.model.elf.ElfRelocation;
import dev.crosslens.model.elf.ElfRelocationSection;
import dev.crosslens.model.elf.ElfSymbolTableInfo;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Table-driven tests over the ELF fixtures (Go's {@code fileTests} style): what each built file must be, and a
 * cross-check of header, symbol-table, version and relocation facts against {@code readelf -W}.
 */
class ElfFixturesTest {
    private static final String GLIBC_INTERP = "/lib64/ld-linux-x86-64.so.2";

    /** One expected file. Null fields are not checked; hardening maps id to state. */
    record FileTest(String fixture, String file, Arch arch, int bits, Endianness endian, BinaryKind kind,
                    TargetOs os, String interpreter, List<String> needed, LibcFlavor libc,
                    Map<String, HardeningState> hardening, List<String> relocationTypes) {
        @Override
        public String toString() {
            return fixture + "/" + file;
        }
    }

    private static Map<String, HardeningState> h(Object... idState) {
        Map<String, HardeningState> m = new HashMap<>();
        for (int i = 0; i < idState.length; i += 2) {
            m.put((String) idState[i], (HardeningState) idState[i + 1]);
        }
        return m;
    }

    private static final HardeningState ON = HardeningState.ENABLED;
    private static final HardeningState OFF = HardeningState.DISABLED;
    private static final HardeningState PART = HardeningState.PARTIAL;
    private static final HardeningState NA = HardeningState.NOT_APPLICABLE;

    static List<FileTest> fileTests() {
        Arch x64 = Arch.X86_64;
        Endianness le = Endianness.LITTLE;
        Endianness be = Endianness.BIG;
        List<String> libc = List.of("libc.so.6");
        return List.of(
                new FileTest("elf-c", "pie-hardened", x64, 64, le, BinaryKind.PIE_EXECUTABLE, TargetOs.LINUX,
                        GLIBC_INTERP, libc, LibcFlavor.GLIBC,
                        h("pie", ON, "nx", ON, "relro", PART, "bind-now", OFF, "canary", ON, "fortify", ON),
                        List.of("R_X86_64_RELATIVE", "R_X86_64_GLOB_DAT", "R_X86_64_JUMP_SLOT")),
                new FileTest("elf-c", "pie-now", x64, 64, le, BinaryKind.PIE_EXECUTABLE, TargetOs.LINUX,
                        GLIBC_INTERP, libc, LibcFlavor.GLIBC,
                        h("pie", ON, "relro", ON, "bind-now", ON, "canary", ON, "fortify", ON), null),
                new FileTest("elf-c", "nopie", x64, 64, le, BinaryKind.EXECUTABLE, TargetOs.LINUX, GLIBC_INTERP,
                        libc, LibcFlavor.GLIBC,
                        h("pie", OFF, "nx", ON, "relro", PART, "canary", OFF, "fortify", OFF), null),
                new FileTest("elf-c", "execstack", x64, 64, le, BinaryKind.PIE_EXECUTABLE, TargetOs.LINUX,
                        GLIBC_INTERP, libc, LibcFlavor.GLIBC, h("nx", OFF, "pie", ON), null),
                new FileTest("elf-c", "norelro", x64, 64, le, BinaryKind.PIE_EXECUTABLE, TargetOs.LINUX,
                        GLIBC_INTERP, libc, LibcFlavor.GLIBC, h("relro", OFF, "nx", ON), null),
                new FileTest("elf-c", "static", x64, 64, le, BinaryKind.EXECUTABLE, TargetOs.LINUX, null,
                        List.of(), LibcFlavor.GLIBC, h("pie", OFF, "nx", ON, "canary", ON, "bind-now", NA), null),
                new FileTest("elf-c", "hello.o", x64, 64, le, BinaryKind.OBJECT, TargetOs.SYSV, null, List.of(),
                        LibcFlavor.UNKNOWN, h("pie", NA, "relro", NA, "nx", ON, "canary", ON, "fortify", ON),
                        List.of("R_X86_64_PC32", "R_X86_64_PLT32")),
                new FileTest("elf-c", "libgreet.so.1", x64, 64, le, BinaryKind.SHARED_LIBRARY, TargetOs.LINUX,
                        null, libc, LibcFlavor.GLIBC, h("pie", NA, "relro", PART), null),
                new FileTest("elf-c", "use-greet-runpath", x64, 64, le, BinaryKind.PIE_EXECUTABLE, TargetOs.LINUX,
                        GLIBC_INTERP, List.of("libgreet.so.1", "libc.so.6"), LibcFlavor.GLIBC, h("pie", ON), null),
                new FileTest("elf-c", "aarch64.o", Arch.ARM64, 64, le, BinaryKind.OBJECT, TargetOs.SYSV, null,
                        List.of(), null, h(), List.of("R_AARCH64_ADR_PREL_PG_HI21", "R_AARCH64_LDST64_ABS_LO12_NC",
                        "R_AARCH64_CALL26", "R_AARCH64_ABS64")),
                new FileTest("elf-c", "riscv64.o", Arch.RISCV64, 64, le, BinaryKind.OBJECT, TargetOs.SYSV, null,
                        List.of(), null, h(), List.of("R_RISCV_CALL", "R_RISCV_HI20", "R_RISCV_LO12_I",
                        "R_RISCV_64")),
                new FileTest("elf-c", "armv7.o", Arch.ARM, 32, le, BinaryKind.OBJECT, TargetOs.SYSV, null,
                        List.of(), null, h(), List.of("R_ARM_CALL", "R_ARM_MOVW_ABS_NC", "R_ARM_MOVT_ABS",
                        "R_ARM_ABS32")),
                new FileTest("elf-c", "s390x.o", Arch.S390X, 64, be, BinaryKind.OBJECT, TargetOs.SYSV, null,
                        List.of(), null, h(), List.of("R_390_PLT32DBL", "R_390_PC32DBL", "R_390_64")),
                new FileTest("elf-c", "ppc.o", Arch.PPC, 32, be, BinaryKind.OBJECT, TargetOs.SYSV, null,
                        List.of(), null, h(), List.of("R_PPC_REL24", "R_PPC_ADDR16_HA", "R_PPC_ADDR16_LO",
                        "R_PPC_ADDR32")),
                go("linux-amd64", x64, 64, le, TargetOs.LINUX),
                go("linux-386", Arch.X86, 32, le, TargetOs.LINUX),
                go("linux-arm", Arch.ARM, 32, le, TargetOs.LINUX),
                go("linux-arm64", Arch.ARM64, 64, le, TargetOs.LINUX),
                go("linux-riscv64", Arch.RISCV64, 64, le, TargetOs.LINUX),
                go("linux-s390x", Arch.S390X, 64, be, TargetOs.LINUX),
                go("linux-ppc64", Arch.PPC64, 64, be, TargetOs.LINUX),
                go("linux-ppc64le", Arch.PPC64LE, 64, le, TargetOs.LINUX),
                go("linux-mips", Arch.MIPS, 32, be, TargetOs.LINUX),
                go("linux-mips64le", Arch.MIPS64LE, 64, le, TargetOs.LINUX),
                go("freebsd-amd64", x64, 64, le, TargetOs.FREEBSD));
    }

    /** A CGO-off Go build: static, no interpreter, Go's own runtime instead of a C library. */
    private static FileTest go(String file, Arch arch, int bits, Endianness endian, TargetOs os) {
        return new FileTest("go-cross", file, arch, bits, endian, BinaryKind.EXECUTABLE, os, null, List.of(),
                LibcFlavor.NONE, h("pie", OFF, "relro", OFF, "bind-now", NA), null);
    }

    static Stream<FileTest> cases() {
        return fileTests().stream();
    }

    private static ElfImage open(FileTest t) throws IOException {
        return open(Fixtures.file(t.fixture(), t.file()), ParseOptions.defaults());
    }

    static ElfImage open(Path p, ParseOptions options) throws IOException {
        BinaryFile f = Binaries.open(p, options);
        assertTrue(f.image() instanceof ElfImage, p + " is " + f.image().getClass().getSimpleName());
        return (ElfImage) f.image();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fileFacts(FileTest t) throws IOException {
        ElfImage image = open(t);
        ImageCore c = image.core();
        assertEquals(t.arch(), c.arch(), "arch");
        assertEquals(t.bits(), c.bits(), "bits");
        assertEquals(t.endian(), c.endianness(), "endianness");
        assertEquals(t.kind(), c.kind(), "kind");
        assertEquals(t.os(), c.os(), "os");
        assertEquals(t.interpreter(), c.linkage().interpreter(), "interpreter");
        assertEquals(t.interpreter() != null || !t.needed().isEmpty(), c.linkage().dynamic(), "dynamic");
        assertEquals(t.needed(), c.libraries().stream().map(Library::name).toList(), "NEEDED");
        if (t.libc() != null) assertEquals(t.libc(), c.linkage().libc(), "libc: " + c.linkage().evidence());
        t.hardening().forEach((id, state) -> {
            assertNotNull(c.hardening(id), id);
            assertEquals(state, c.hardening(id).state(), id + ": " + c.hardening(id).detail());
            assertFalse(c.hardening(id).detail().isEmpty(), id + " says no evidence");
        });
        if (t.kind() == BinaryKind.OBJECT) assertNull(c.entry(), "an object has no entry");
        if (t.relocationTypes() != null) {
            assertTrue(c.relocations().byType().keySet().containsAll(t.relocationTypes()),
                    "relocation types " + c.relocations().byType().keySet());
        }
        assertEquals(List.of(), c.diagnostics(), "a well-formed fixture has no diagnostics");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headerMatchesReadelf(FileTest t) throws IOException {
        Path p = Fixtures.file(t.fixture(), t.file());
        ElfImage image = open(p, ParseOptions.defaults());
        String h = Readelf.run(p, "-h");
        assertEquals(Readelf.headerField(h, "Machine"), image.core().machineName(), "Machine");
        assertEquals(Readelf.headerField(h, "OS/ABI"), image.elf().header().osAbiName(), "OS/ABI");
        assertEquals(Readelf.headerField(h, "Flags"), image.elf().header().flagsLabel(), "Flags");
        assertTrue(Readelf.headerField(h, "Type").startsWith(image.elf().header().typeName() + " "), "Type");
        assertEquals(Long.decode(Readelf.headerField(h, "Entry point address")), image.elf().header().entry());
    }

    private static final Pattern SYMTAB = Pattern.compile("Symbol table '([^']+)' contains (\\d+) entr");
    private static final Pattern SYMBOL_ROW = Pattern.compile(
            "^\\s*(\\d+): [0-9a-f]+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\S+)(?: \\((\\d+)\\))?\\s*$");

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void symbolTablesAndVersionsMatchReadelf(FileTest t) throws IOException {
        Path p = Fixtures.file(t.fixture(), t.file());
        ElfImage image = open(p, ParseOptions.defaults());
        String out = Readelf.run(p, "-s", "--dyn-syms");
        Matcher m = SYMTAB.matcher(out);
        List<String> theirs = new ArrayList<>();
        while (m.find()) {
            theirs.add(m.group(1) + "=" + m.group(2));
        }
        List<String> mine = image.elf().symbolTables().stream().map(s -> s.section() + "=" + s.entries()).toList();
        assertEquals(theirs.stream().sorted().distinct().toList(), mine.stream().sorted().toList(), "tables");
        Map<Integer, String> dynVersions = new HashMap<>();
        String section = "";
        for (String line : out.split("\n")) {
            Matcher tm = SYMTAB.matcher(line);
            if (tm.find()) {
                section = tm.group(1);
                continue;
            }
            Matcher rm = SYMBOL_ROW.matcher(line);
            if (!section.equals(".dynsym") || !rm.matches()) continue;
            String name = rm.group(2);
            int at = name.indexOf('@');
            if (at > 0) dynVersions.put(Integer.parseInt(rm.group(1)), name.substring(name.lastIndexOf('@') + 1));
        }
        Map<Integer, String> myVersions = new HashMap<>();
        for (Symbol s : image.core().symbols()) {
            // readelf does not print the version of a version's own ABS symbol (GREET_2.0 in GREET_2.0)
            boolean ownName = s.section().equals("ABS") && s.name().equals(s.version());
            if (s.table() == SymbolTable.DYNSYM && s.version() != null && !ownName) {
                myVersions.put(s.index(), s.version());
            }
        }
        assertEquals(dynVersions, myVersions, "dynamic symbol versions");
    }

    private static final Pattern RELOC_SECTION = Pattern.compile("Relocation section '([^']+)' at offset");
    private static final Pattern RELOC_ROW = Pattern.compile("^([0-9a-f]{8,16})\\s+([0-9a-f]{8,16})\\s+(\\S+)");

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void relocationsMatchReadelf(FileTest t) throws IOException {
        Path p = Fixtures.file(t.fixture(), t.file());
        ElfImage image = open(p, ParseOptions.defaults());
        List<String> theirs = new ArrayList<>();
        String section = "";
        for (String line : Readelf.run(p, "-r").split("\n")) {
            Matcher sm = RELOC_SECTION.matcher(line);
            if (sm.find()) {
                section = sm.group(1);
                continue;
            }
            Matcher rm = RELOC_ROW.matcher(line.strip());
            if (rm.find()) theirs.add(section + " 0x" + Long.toHexString(Long.parseUnsignedLong(rm.group(1), 16))
                    + " " + rm.group(3));
        }
        List<String> mine = new ArrayList<>();
        for (ElfRelocationSection s : image.elf().relocationSections()) {
            for (ElfRelocation r : s.entries()) {
                mine.add(s.name() + " 0x" + Long.toHexString(r.offset()) + " " + r.typeName());
            }
        }
        assertEquals(theirs, mine);
    }

    @Test
    void importsCarryGlibcVersionsAndLibraries() throws IOException {
        ElfImage image = open(Fixtures.file("elf-c", "use-greet-runpath"), ParseOptions.defaults());
        ImageCore c = image.core();
        Symbol start = dynamic(c, "__libc_start_main");
        assertFalse(start.defined());
        assertTrue(start.version().startsWith("GLIBC_2."), start.version());
        assertEquals("libc.so.6", start.library());
        assertEquals("GREET_2.0", dynamic(c, "greet").version());
        assertEquals("GREET_1.0", dynamic(c, "greet_old").version());
        Library greet = c.libraries().get(0);
        assertEquals("libgreet.so.1", greet.name());
        assertEquals(List.of("greet@GREET_2.0", "greet_old@GREET_1.0"),
                greet.imports().stream().map(i -> i.label()).sorted().toList());
        assertEquals(List.of("$ORIGIN/lib", "/opt/greet/lib"), c.rpaths());
        assertEquals("$ORIGIN/lib:/opt/greet/lib", image.elf().runpath());
        assertNull(image.elf().rpath());
        ElfImage rpath = open(Fixtures.file("elf-c", "use-greet-rpath"), ParseOptions.defaults());
        assertEquals("/opt/greet/lib", rpath.elf().rpath());
        assertNull(rpath.elf().runpath());
    }

    @Test
    void sharedLibraryDefinesVersionedExports() throws IOException {
        ElfImage lib = open(Fixtures.file("elf-c", "libgreet.so.1"), ParseOptions.defaults());
        assertEquals("libgreet.so.1", lib.elf().soname());
        assertEquals(List.of("libgreet.so.1", "GREET_1.0", "GREET_2.0"),
                lib.elf().versionDefinitions().stream().map(v -> v.name()).toList());
        Symbol greet = dynamic(lib.core(), "greet");
        assertTrue(greet.defined());
        assertEquals("GREET_2.0", greet.version());
        assertEquals(".text", greet.section());
    }

    @Test
    void staticGlibcAndGoNotesAreEvidence() throws IOException {
        ElfImage st = open(Fixtures.file("elf-c", "static"), ParseOptions.defaults());
        assertTrue(st.core().linkage().evidence().contains("GLIBC_TUNABLES"), st.core().linkage().evidence());
        assertTrue(st.elf().noteOwners().contains("GNU"));
        assertNotNull(st.elf().gnuBuildId());
        ElfImage go = open(Fixtures.file("go-cross", "linux-arm64"), ParseOptions.defaults());
        assertEquals(List.of("Go"), go.elf().noteOwners());
        assertEquals("GO BUILDID", go.elf().notes().get(0).typeName());
        assertFalse(go.core().stripped(), "go build keeps .symtab");
    }

    @Test
    void objectRelocationsNameTheirSymbolsAndAddends() throws IOException {
        ElfImage o = open(Fixtures.file("elf-c", "hello.o"), ParseOptions.defaults());
        List<String> calls = new ArrayList<>();
        for (ElfRelocationSection s : o.elf().relocationSections()) {
            for (ElfRelocation r : s.entries()) {
                if (r.typeName().equals("R_X86_64_PLT32")) calls.add(r.symbolName() + r.addend());
            }
        }
        assertTrue(calls.contains("__stack_chk_fail-4"), calls.toString());
        assertTrue(calls.contains("__printf_chk-4"), calls.toString());
        ElfImage be = open(Fixtures.file("elf-c", "s390x.o"), ParseOptions.defaults());
        ElfRelocation call = be.elf().relocationSections().get(0).entries().get(0);
        assertEquals("R_390_PLT32DBL", call.typeName());
        assertEquals("external_fn", call.symbolName());
        assertEquals(2, call.addend());
        assertEquals(2, call.offset());
    }

    @Test
    void relocationEntriesCanBeSkipped() throws IOException {
        Path p = Fixtures.file("elf-c", "pie-hardened");
        ElfImage full = open(p, ParseOptions.defaults());
        ElfImage counted = open(p, ParseOptions.defaults().withRelocationEntries(false));
        assertEquals(full.core().relocations().total(), counted.core().relocations().total());
        assertEquals(full.core().relocations().byTable(), counted.core().relocations().byTable());
        assertTrue(full.core().relocations().total() > 0);
        assertTrue(counted.elf().relocationSections().stream().allMatch(s -> s.entries().isEmpty()));
        assertTrue(counted.core().relocations().byType().isEmpty());
    }

    @Test
    void sectionsCarryPermissionsAndExtents() throws IOException {
        ElfImage image = open(Fixtures.file("elf-c", "pie-hardened"), ParseOptions.defaults());
        ImageCore c = image.core();
        assertEquals("", c.sections().get(0).name());
        assertEquals("NULL", c.sections().get(0).type());
        var text = c.section(".text");
        assertEquals("r-x", text.permissions().label());
        assertEquals(text.fileOffset(), text.extent().offset());
        assertEquals(text.memorySize(), text.extent().size());
        var bss = c.section(".bss");
        assertEquals(0, bss.fileSize());
        assertFalse(bss.extent().isKnown());
        assertEquals("rw-", bss.permissions().label());
        ElfSymbolTableInfo dynsym = image.elf().symbolTable("dynsym");
        assertEquals(dynsym.entries() - 1, dynsym.defined() + dynsym.undefined());
        assertTrue(c.symbols().stream().noneMatch(s -> s.index() == 0), "entry 0 stays out of the list");
    }

    private static Symbol dynamic(ImageCore c, String name) {
        return c.symbols().stream().filter(s -> s.table() == SymbolTable.DYNSYM && s.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no dynamic symbol " + name));
    }

    static List<Path> allFixtureFiles() {
        List<Path> out = new ArrayList<>();
        for (FileTest t : fileTests()) {
            out.add(Fixtures.file(t.fixture(), t.file()));
        }
        return out;
    }
}
