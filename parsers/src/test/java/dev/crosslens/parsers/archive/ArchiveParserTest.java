package dev.crosslens.parsers.archive;

import dev.crosslens.model.Arch;
import dev.crosslens.model.ArchiveImage;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.Library;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.archive.ArchiveMember;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Archives of every flavour built by {@code resources/fixtures/archive-mixed/recipe.sh}, opened end to end. */
class ArchiveParserTest {
    static ArchiveImage open(String file) throws IOException {
        return open(file, ParseOptions.defaults());
    }

    static ArchiveImage open(String file, ParseOptions options) throws IOException {
        BinaryFile f = Binaries.open(Fixtures.file("archive-mixed", file), options);
        return assertInstanceOf(ArchiveImage.class, f.image());
    }

    /** Member name -> "FORMAT/arch" or "-" when it has no image. */
    static Map<String, String> layout(ArchiveImage a) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ArchiveMember x : a.members()) {
            m.put(x.name(), x.image() == null ? "-"
                    : x.image().core().format() + "/" + x.image().core().arch());
        }
        return m;
    }

    static Map<String, String> symbolIndex(ArchiveImage a) {
        return a.core().symbols().stream().collect(Collectors.toMap(Symbol::name, Symbol::section,
                (x, y) -> x + "," + y, LinkedHashMap::new));
    }

    @Test
    void gnuArchiveWithTwoArchitectures() throws IOException {
        ArchiveImage a = open("gnu.a");
        assertEquals("GNU", a.variant());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/", "-");
        expected.put("//", "-");
        expected.put("x86_64.o", "ELF/X86_64");
        expected.put("aarch64_capability_probe.o", "ELF/ARM64");
        expected.put("notes.txt", "-");
        assertEquals(expected, layout(a));
        assertEquals(BinaryFormat.ARCHIVE, a.core().format());
        assertEquals(BinaryKind.ARCHIVE, a.core().kind());
        assertEquals(Arch.MULTI, a.core().arch());
        Diagnostic mix = a.core().diagnostics().stream().filter(d -> d.code().equals("archive.arch.mixed"))
                .findFirst().orElseThrow();
        assertTrue(mix.message().contains("x86_64") && mix.message().contains("arm64"), mix.message());
        assertEquals(Map.of("cpu_has_sse42", "x86_64.o", "OPENSSL_ia32cap_P", "x86_64.o",
                "_ZN7openssl5probeEi", "x86_64.o", "OPENSSL_armcap_probe", "aarch64_capability_probe.o",
                "OPENSSL_armcap_P", "aarch64_capability_probe.o"), symbolIndex(a));
        Symbol probe = a.core().symbols().stream().filter(s -> s.name().startsWith("_ZN")).findFirst().orElseThrow();
        assertEquals("openssl::probe(int)", probe.demangled(), "the archive's own index is demangled too");
        assertTrue(a.core().symbols().stream().allMatch(Symbol::defined));
        // the x86-64 member's own symbols include the OpenSSL capability vector
        ArchiveMember x86 = a.members().get(2);
        assertTrue(x86.image().core().symbols().stream().anyMatch(s -> s.name().equals("OPENSSL_ia32cap_P")));
        assertEquals(Files.size(Fixtures.file("archive-mixed", "x86_64.o")), x86.size());
        assertEquals(x86.headerExtent().offset() + 60, x86.dataExtent().offset());
        for (ArchiveMember m : a.members()) assertTrue(m.diagnostics().isEmpty(), m.name() + ": " + m.diagnostics());
    }

    @Test
    void bsdArchiveHasInlineNamesAndSymdef() throws IOException {
        ArchiveImage a = open("bsd.a");
        assertEquals("BSD", a.variant());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("__.SYMDEF", "-");
        expected.put("x86_64.o", "ELF/X86_64");
        expected.put("aarch64_capability_probe.o", "ELF/ARM64");
        expected.put("notes.txt", "-");
        assertEquals(expected, layout(a));
        assertEquals(Arch.MULTI, a.core().arch());
        assertEquals("x86_64.o", symbolIndex(a).get("OPENSSL_ia32cap_P"));
        assertEquals("aarch64_capability_probe.o", symbolIndex(a).get("OPENSSL_armcap_P"));
        // #1/NN: the name sits at the start of the data, the object after it
        ArchiveMember arm = a.members().get(2);
        assertEquals(arm.headerExtent().offset() + 60 + "aarch64_capability_probe.o".length() + 2,
                arm.dataExtent().offset(), "data starts after the (padded) inline name");
    }

    @Test
    void thinArchiveListsPathsWithoutReadingThem() throws IOException {
        ArchiveImage a = open("thin.a");
        assertEquals("thin", a.variant());
        List<ArchiveMember> objects = a.members().stream().filter(m -> !m.name().startsWith("/")).toList();
        assertEquals(List.of("x86_64.o", "aarch64_capability_probe.o"),
                objects.stream().map(ArchiveMember::name).toList());
        for (ArchiveMember m : objects) {
            assertNull(m.image());
            assertEquals(-1, m.dataExtent().offset());
            assertTrue(m.size() > 0);
            assertTrue(m.diagnostics().stream().anyMatch(d -> d.code().equals("archive.thin.member")));
        }
        assertEquals("x86_64.o", symbolIndex(a).get("OPENSSL_ia32cap_P"));
    }

    @Test
    void machOObjectInsideAGnuArchive() throws IOException {
        ArchiveImage a = open("macho-gnu.a");
        assertEquals("MACHO/X86_64", layout(a).get("macho.o"));
        assertEquals("ELF/X86_64", layout(a).get("x86_64.o"));
        assertEquals(Arch.X86_64, a.core().arch(), "same arch in two formats is one arch");
        assertEquals(TargetOs.UNKNOWN, a.core().os(), "macOS and Linux members: no single OS");
        assertEquals("macho.o", symbolIndex(a).get("_macho_probe"));
    }

    @Test
    void windowsImportLibraryHasShortImportMembers() throws IOException {
        ArchiveImage a = open("import.lib");
        assertEquals("COFF", a.variant());
        assertEquals(Arch.X86_64, a.core().arch());
        assertEquals(TargetOs.WINDOWS, a.core().os());
        Map<String, ArchiveMember.ImportStub> stubs = new LinkedHashMap<>();
        for (ArchiveMember m : a.members()) {
            if (m.importStub() != null) stubs.put(m.importStub().symbol(), m.importStub());
        }
        assertEquals(List.of("DemoOpen", "DemoClose", "DemoVersion", "DemoHidden"), List.copyOf(stubs.keySet()));
        ArchiveMember.ImportStub open = stubs.get("DemoOpen");
        assertEquals(0x8664, open.machine());
        assertEquals("crosslens_demo.dll", open.dll());
        assertEquals(0, open.type(), "IMPORT_OBJECT_CODE");
        assertEquals(1, open.nameType(), "IMPORT_OBJECT_NAME");
        assertEquals(1, stubs.get("DemoVersion").type(), "IMPORT_OBJECT_DATA");
        assertEquals(0, stubs.get("DemoHidden").nameType(), "NONAME: IMPORT_OBJECT_ORDINAL");
        assertEquals(9, stubs.get("DemoHidden").ordinalOrHint());
        Library dll = a.core().libraries().stream().filter(l -> l.name().equals("crosslens_demo.dll")).findFirst()
                .orElseThrow();
        List<String> names = dll.imports().stream().map(ImportedSymbol::label).toList();
        assertEquals(List.of("DemoOpen", "DemoClose", "DemoVersion", "#9"), names);
        assertTrue(symbolIndex(a).containsKey("__imp_DemoOpen"));
        // the descriptor members are COFF objects, opened as such
        assertTrue(a.members().stream().anyMatch(m -> m.image() != null
                && m.image().core().format() == BinaryFormat.COFF));
    }

    @Test
    void windowsStaticLibraryOfCoffObjects() throws IOException {
        ArchiveImage a = open("static.lib");
        assertEquals("COFF", a.variant());
        Map<String, String> l = layout(a);
        assertEquals("COFF/X86_64", l.get("win1.obj"));
        assertEquals("COFF/X86_64", l.get("win2.obj"));
        assertEquals(Arch.X86_64, a.core().arch());
        assertEquals("win2.obj", symbolIndex(a).get("win_table"));
        assertEquals("win1.obj", symbolIndex(a).get("win_add"));
        assertTrue(a.core().libraries().isEmpty());
    }

    @Test
    void memberCapKeepsTheFirstMembersAndSaysSo() throws IOException {
        ParseOptions two = new ParseOptions(65_535, 65_535, 5_000_000, 20_000_000, 65_535, 1_000_000, 2, 100_000,
                4, true, false, true, null);
        ArchiveImage a = open("gnu.a", two);
        assertEquals(2, a.members().size());
        assertTrue(a.core().diagnostics().stream().anyMatch(d -> d.code().equals("archive.members.capped")));
    }

    @Test
    void oddSizedMembersArePadded() throws IOException {
        ArchiveImage a = open("gnu.a");
        ArchiveMember notes = a.members().get(4);
        assertEquals(Files.size(Fixtures.file("archive-mixed", "notes.txt")), notes.size());
        assertEquals(1, notes.size() % 2, "the fixture's text member has an odd size");
        assertNull(notes.image());
        assertFalse(a.members().isEmpty());
        Path gnu = Fixtures.file("archive-mixed", "gnu.a");
        assertNotNull(gnu);
    }
}
