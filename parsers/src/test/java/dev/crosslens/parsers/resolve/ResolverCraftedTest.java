package dev.crosslens.parsers.resolve;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.resolve.DependencyNode;
import dev.crosslens.model.resolve.LibraryResolution;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.model.resolve.ResolutionState;
import dev.crosslens.model.resolve.SymbolResolution;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/** The crafted cases of resources/fixtures/resolve-elf and resolve-pe: each failure with its reason. */
class ResolverCraftedTest {

    private static Resolution resolve(Path file, ResolveOptions o) throws Exception {
        BinaryFile f = Binaries.open(file, ParseOptions.defaults());
        return new Resolver().resolve(f, o);
    }

    private static SymbolResolution symbol(Resolution r, String name) {
        return r.symbols().stream().filter(s -> name.equals(s.name())).findFirst().orElseThrow();
    }

    private static Path hostLibc() {
        for (String p : new String[] {"/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6"}) {
            if (Files.isRegularFile(Path.of(p))) return Path.of(p);
        }
        Assumptions.abort("no x86-64 glibc on this machine");
        return null;
    }

    @Test
    void peImportOfAFunctionTheDllNoLongerExports() throws Exception {
        Assumptions.assumeTrue(ResolveOptions.wineDllDir(true) != null, "wine64 is not installed");
        Resolution r = resolve(Fixtures.file("resolve-pe", "app.exe"), ResolveOptions.defaults());
        SymbolResolution run = symbol(r, "plugin_run");
        assertThat(run.state()).isEqualTo(ResolutionState.UNRESOLVED);
        assertThat(run.reason()).isEqualTo("plugin_run is not exported by plugin.dll (2 exports)");
        assertThat(symbol(r, "plugin_init").state()).isEqualTo(ResolutionState.RESOLVED);
        SymbolResolution tick = symbol(r, "plugin_tick");
        assertThat(tick.state()).isEqualTo(ResolutionState.RESOLVED);
        assertThat(tick.target()).startsWith("kernel32.dll!GetTickCount").doesNotContain("plugin");
        assertThat(r.unresolved()).extracting(SymbolResolution::name).containsExactly("plugin_run");
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.libraries()).extracting(LibraryResolution::state).containsOnly(ResolutionState.RESOLVED);
    }

    /** Nothing of the binary's scope is in the sysroot: the reason says so, without an empty list "()". */
    @Test
    void symbolReasonWithAnEmptyGlobalScope(@TempDir Path sysroot) throws Exception {
        Resolution r = resolve(Fixtures.file("resolve-elf", "app-missing"), ResolveOptions.defaults().withSysroot(sysroot));
        SymbolResolution fn = symbol(r, "foo_fn");
        assertThat(fn.reason()).doesNotContain("()").contains("the global scope is empty")
                .contains("2 needed libraries are missing");
    }

    /** A delay-loaded DLL (dlltool's delay-import library): its descriptor, its library and its symbols are marked. */
    @Test
    void peDelayImportsAreMarked() throws Exception {
        Assumptions.assumeTrue(ResolveOptions.wineDllDir(true) != null, "wine64 is not installed");
        Resolution r = resolve(Fixtures.file("resolve-pe", "app-delay.exe"), ResolveOptions.defaults());
        LibraryResolution plugin = r.libraries().stream().filter(l -> l.name().equalsIgnoreCase("plugin.dll"))
                .findFirst().orElseThrow();
        assertThat(plugin.kind()).isEqualTo(dev.crosslens.model.LibraryKind.DELAY_IMPORT);
        assertThat(plugin.state()).isEqualTo(ResolutionState.RESOLVED);
        SymbolResolution init = symbol(r, "plugin_init");
        assertThat(init.delayLoad()).isTrue();
        assertThat(init.binding()).isEqualTo("DELAY");
        assertThat(init.state()).isEqualTo(ResolutionState.RESOLVED);
        assertThat(init.relocations()).extracting(dev.crosslens.model.resolve.RelocationUse::section)
                .containsExactly("delay import plugin.dll");
        SymbolResolution run = symbol(r, "plugin_run");
        assertThat(run.delayLoad()).isTrue();
        assertThat(run.state()).isEqualTo(ResolutionState.UNRESOLVED);
        assertThat(run.reason()).isEqualTo("plugin_run is not exported by plugin.dll (2 exports)");
        assertThat(r.symbols()).filteredOn(s -> !"plugin.dll".equalsIgnoreCase(s.library()))
                .allMatch(s -> !s.delayLoad());
    }

    @Test
    void neededLibraryAbsentFromTheSysroot(@TempDir Path sysroot) throws Exception {
        Path libc = hostLibc();
        // a small sysroot: /lib -> usr/lib (relative link), libc.so.6 an absolute link re-rooted inside it
        Path multi = Files.createDirectories(sysroot.resolve("usr/lib/x86_64-linux-gnu"));
        Files.createSymbolicLink(sysroot.resolve("lib"), Path.of("usr/lib"));
        Files.copy(libc, multi.resolve("libc-real.so.6"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(multi.resolve("libc.so.6"), Path.of("/lib/x86_64-linux-gnu/libc-real.so.6"));
        Path app = Fixtures.file("resolve-elf", "app-missing");

        Resolution r = resolve(app, ResolveOptions.defaults().withSysroot(sysroot));
        LibraryResolution foo = r.libraries().stream().filter(l -> l.name().equals("libfoo.so.1")).findFirst()
                .orElseThrow();
        assertThat(foo.state()).isEqualTo(ResolutionState.UNRESOLVED);
        assertThat(foo.reason()).startsWith("libfoo.so.1 not found in sysroot " + sysroot)
                .contains("searched: /lib/x86_64-linux-gnu, /usr/lib/x86_64-linux-gnu, /lib64, /usr/lib64, /lib, "
                        + "/usr/lib");
        LibraryResolution c = r.libraries().stream().filter(l -> l.name().equals("libc.so.6")).findFirst()
                .orElseThrow();
        assertThat(c.state()).isEqualTo(ResolutionState.RESOLVED);
        assertThat(c.path()).isEqualTo("/lib/x86_64-linux-gnu/libc.so.6");
        SymbolResolution fn = symbol(r, "foo_fn");
        assertThat(fn.state()).isEqualTo(ResolutionState.UNRESOLVED);
        assertThat(fn.reason()).contains("not defined by any library in the global scope (libc.so.6)")
                .contains("1 needed library is missing");
        assertThat(symbol(r, "printf").state()).isEqualTo(ResolutionState.RESOLVED);
    }

    @Test
    void symbolVersionNewerThanTheSysrootsGlibc() throws Exception {
        hostLibc();
        Resolution r = resolve(Fixtures.file("resolve-elf", "app-glibc99.so"), ResolveOptions.defaults());
        SymbolResolution api = symbol(r, "newer_api");
        assertThat(api.version()).isEqualTo("GLIBC_2.99");
        assertThat(api.state()).isEqualTo(ResolutionState.UNRESOLVED);
        assertThat(api.reason()).matches("GLIBC_2\\.99 not defined by libc\\.so\\.6 \\(highest: GLIBC_2\\.[0-9]+\\)");
        SymbolResolution puts = symbol(r, "puts");
        assertThat(puts.state()).isEqualTo(ResolutionState.RESOLVED);
        assertThat(puts.provider()).isEqualTo("libc.so.6");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("version GLIBC_2.99 required from libc.so.6"));
    }

    @Test
    void dependencyCycleIsMarkedAndNotExpandedTwice() throws Exception {
        hostLibc();
        Resolution r = resolve(Fixtures.file("resolve-elf", "app-cycle"), ResolveOptions.defaults());
        DependencyNode bar = r.tree().children().stream().filter(n -> n.name().equals("libbar.so.1")).findFirst()
                .orElseThrow();
        assertThat(bar.state()).isEqualTo(ResolutionState.RESOLVED);
        DependencyNode baz = bar.children().stream().filter(n -> n.name().equals("libbaz.so.1")).findFirst()
                .orElseThrow();
        DependencyNode back = baz.children().stream().filter(n -> n.name().equals("libbar.so.1")).findFirst()
                .orElseThrow();
        assertThat(back.cycle()).isTrue();
        assertThat(back.children()).isEmpty();
        assertThat(back.reason()).startsWith("cycle");
        // libc.so.6 is needed by the app, libbar and libbaz: expanded once, referenced after
        java.util.List<DependencyNode> libcs = new java.util.ArrayList<>();
        collect(r.tree(), "libc.so.6", libcs);
        assertThat(libcs).hasSize(3);
        assertThat(libcs).filteredOn(n -> !n.repeated()).singleElement()
                .satisfies(n -> assertThat(n.children()).isNotEmpty());
        assertThat(libcs).filteredOn(DependencyNode::repeated).hasSize(2)
                .allSatisfy(n -> assertThat(n.children()).isEmpty());
        assertThat(symbol(r, "bar_fn").provider()).isEqualTo("libbar.so.1");
        assertThat(r.hasErrors()).isFalse();
        // a tree of depth 1 stops below the first level and says so
        Resolution shallow = resolve(Fixtures.file("resolve-elf", "app-cycle"),
                ResolveOptions.defaults().withMaxDepth(1));
        assertThat(shallow.tree().children()).anySatisfy(n -> assertThat(n.truncated()).isTrue());
    }

    private static void collect(DependencyNode n, String name, java.util.List<DependencyNode> out) {
        if (n.name().equals(name)) out.add(n);
        for (DependencyNode c : n.children()) collect(c, name, out);
    }

    @Test
    void ldSoConfDirectoriesComeFirstAndAnIncompatibleLibraryIsSkipped(@TempDir Path sysroot) throws Exception {
        Path libc = hostLibc();
        Path ia32 = Corpus.require("esbuild-0.17.19-linux-ia32");
        Files.createDirectories(sysroot.resolve("etc/ld.so.conf.d"));
        Files.writeString(sysroot.resolve("etc/ld.so.conf"), "# test\ninclude ld.so.conf.d/*.conf\n");
        Files.writeString(sysroot.resolve("etc/ld.so.conf.d/a.conf"), "/opt/i386/lib\n/opt/app/lib # ours\n");
        Files.copy(ia32, Files.createDirectories(sysroot.resolve("opt/i386/lib")).resolve("libfoo.so.1"));
        Files.copy(Fixtures.file("resolve-elf", "libfoo.so.1"),
                Files.createDirectories(sysroot.resolve("opt/app/lib")).resolve("libfoo.so.1"));
        Files.copy(libc, Files.createDirectories(sysroot.resolve("usr/lib")).resolve("libc.so.6"));

        Resolution r = resolve(Fixtures.file("resolve-elf", "app-missing"),
                ResolveOptions.defaults().withSysroot(sysroot));
        assertThat(r.libraries()).extracting(LibraryResolution::path)
                .containsExactly("/opt/app/lib/libfoo.so.1", "/usr/lib/libc.so.6");
        assertThat(r.libraries().get(0).searched()).startsWith("/opt/i386/lib", "/opt/app/lib");
        assertThat(symbol(r, "foo_fn").provider()).isEqualTo("libfoo.so.1");
        assertThat(r.hasErrors()).isFalse();
    }

    @Test
    void sysrootNeverEscapesAndSurvivesLinkLoops(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(tmp.resolve("outside.so"), "x");
        Files.createDirectories(root.resolve("usr/lib"));
        Files.createSymbolicLink(root.resolve("usr/lib/up.so"), Path.of("../../../outside.so"));
        Files.createSymbolicLink(root.resolve("usr/lib/abs.so"), tmp.resolve("outside.so"));
        Files.createSymbolicLink(root.resolve("usr/lib/a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("usr/lib/b"), Path.of("a"));
        Sysroot s = new Sysroot(root);
        assertThat(s.resolve("/usr/lib/up.so")).isNull();  // .. stops at the root: /outside.so is not there
        assertThat(s.resolve("/usr/lib/abs.so")).isNull(); // re-rooted: <root>/<tmp>/outside.so does not exist
        assertThat(s.resolve("/usr/lib/a")).isNull();      // ELOOP
        Files.writeString(root.resolve("outside.so"), "inside");
        assertThat(s.resolve("/usr/lib/up.so")).isEqualTo(root.resolve("outside.so"));
    }

    @Test
    void apiSetSchemaOfWineMapsContractsToHostDlls() throws Exception {
        Path wine = ResolveOptions.wineDllDir(true);
        Assumptions.assumeTrue(wine != null && Files.isRegularFile(wine.resolve("apisetschema.dll")),
                "wine64 with apisetschema.dll is not installed");
        Path dll = wine.resolve("apisetschema.dll");
        ApiSetSchema schema = ApiSetSchema.read(dll,
                (dev.crosslens.model.PeImage) Binaries.open(dll, ParseOptions.defaults()).image());
        assertThat(schema.size()).isGreaterThan(100);
        assertThat(schema.host("api-ms-win-core-synch-l1-2-0.dll")).isEqualToIgnoringCase("kernelbase.dll");
        assertThat(schema.host("API-MS-WIN-CRT-STDIO-L1-1-0.DLL")).isEqualToIgnoringCase("ucrtbase.dll");
        assertThat(schema.host("api-ms-win-nonexistent-l1-1-0.dll")).isNull();
    }
}
