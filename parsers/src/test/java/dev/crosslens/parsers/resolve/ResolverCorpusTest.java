package dev.crosslens.parsers.resolve;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.model.resolve.ResolutionState;
import dev.crosslens.model.resolve.SymbolResolution;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real binaries resolved against this machine: its own {@code /} and Wine's DLLs. */
class ResolverCorpusTest {

    @Test
    void rollupResolvesEveryLibcSymbolAndOnlyNapiStaysUnresolved() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("/lib/x86_64-linux-gnu/libc.so.6"))
                || Files.isRegularFile(Path.of("/usr/lib/x86_64-linux-gnu/libc.so.6")), "no x86-64 glibc here");
        Path so = Corpus.require("rollup-4.67.4-linux-x64-gnu");
        BinaryFile f = Binaries.open(so, ParseOptions.defaults());
        Resolution r = new Resolver().resolve(f, ResolveOptions.defaults());

        assertThat(r.libraries()).hasSize(7).allSatisfy(l -> assertThat(l.state()).isEqualTo(ResolutionState.RESOLVED));
        List<SymbolResolution> unresolved = r.unresolved();
        assertThat(unresolved).isNotEmpty().allSatisfy(s -> {
            assertThat(s.name()).startsWith("napi_");
            assertThat(s.reason()).contains("not defined by any library in the global scope").contains("libc.so.6");
        });
        // every import that names a version (all the libc/libm/libgcc ones) is resolved; the libc ones by libc
        // (glibc >= 2.34 moved libpthread/libdl/librt into libc.so.6: ld.so finds them there, in scope order)
        List<SymbolResolution> versioned = r.symbols().stream().filter(s -> s.version() != null).toList();
        assertThat(versioned).hasSizeGreaterThan(60).allSatisfy(s -> {
            assertThat(s.state()).as(s.label()).isEqualTo(ResolutionState.RESOLVED);
            if ("libc.so.6".equals(s.library())) assertThat(s.provider()).as(s.label()).isEqualTo("libc.so.6");
        });
        assertThat(r.symbols()).filteredOn(s -> "libgcc_s.so.1".equals(s.library()))
                .isNotEmpty().allSatisfy(s -> assertThat(s.provider()).isEqualTo("libgcc_s.so.1"));
        assertThat(r.symbols()).filteredOn(s -> s.label().equals("memcpy@GLIBC_2.14")).singleElement()
                .satisfies(s -> assertThat(s.provider()).isEqualTo("libc.so.6"));
        long napi = r.symbols().stream().filter(s -> s.name().startsWith("napi_")).count();
        assertThat(unresolved).hasSize((int) napi);
        assertThat(r.symbols().stream().filter(s -> s.relocationCount() > 0).count()).isGreaterThan(50);
        assertThat(r.tree().children()).hasSize(7);
        System.out.printf("rollup: %d symbols, %d resolved, %d unresolved (napi), %d weak-missing%n",
                r.symbols().size(), r.count(ResolutionState.RESOLVED), unresolved.size(),
                r.count(ResolutionState.WEAK_MISSING));
    }

    @Test
    void goWindowsExeResolvesEveryImportAgainstWine() throws Exception {
        Path wine = ResolveOptions.wineDllDir(true);
        Assumptions.assumeTrue(wine != null, "wine64 is not installed: no DLL folder to resolve against");
        Path exe = Fixtures.file("go-cross", "windows-amd64.exe");
        Resolution r = new Resolver().resolve(Binaries.open(exe, ParseOptions.defaults()), ResolveOptions.defaults());
        assertThat(r.sysroot()).isEqualTo(wine.toString());
        assertThat(r.symbols()).hasSizeGreaterThan(30);
        assertThat(r.unresolved()).isEmpty();
        assertThat(r.libraries()).allSatisfy(l -> assertThat(l.state()).isEqualTo(ResolutionState.RESOLVED));
        // Wine's kernel32 forwards part of its API to kernelbase/ntdll: some chains must have been followed
        assertThat(r.symbols()).anySatisfy(s -> assertThat(s.target()).isNotNull());
        System.out.printf("go windows/amd64: %d imports from %d DLLs, %d resolved, %d via forwarders%n",
                r.symbols().size(), r.libraries().size(), r.count(ResolutionState.RESOLVED),
                r.symbols().stream().filter(s -> s.target() != null).count());
    }
}
