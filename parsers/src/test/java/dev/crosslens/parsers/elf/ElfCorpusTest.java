package dev.crosslens.parsers.elf;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.HardeningState;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.TargetOs;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unified-view decisions on the real ELF binaries of the corpus (kind, OS, libc and its evidence, hardening),
 * which the oracles do not state, plus a relocation-type cross-check with readelf. Skips when not fetched.
 */
class ElfCorpusTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "biome-1.5.3-linux-x64-musl,    X86_64,  PIE_EXECUTABLE, LINUX, MUSL,  false, ENABLED",
        "rollup-4.67.4-linux-x64-gnu,   X86_64,  SHARED_LIBRARY, LINUX, GLIBC, true,  ENABLED",
        "rollup-4.67.4-linux-x64-musl,  X86_64,  SHARED_LIBRARY, LINUX, MUSL,  true,  ENABLED",
        "esbuild-0.17.19-linux-arm64,   ARM64,   EXECUTABLE,     LINUX,  NONE,  false, DISABLED",
        "esbuild-0.28.2-linux-riscv64,  RISCV64, EXECUTABLE,     LINUX,  NONE,  false, DISABLED",
        "esbuild-0.28.2-linux-ia32,     X86,     EXECUTABLE,     LINUX,  NONE,  false, DISABLED",
    })
    void unifiedView(String id, Arch arch, BinaryKind kind, TargetOs os, LibcFlavor libc, boolean dynamic,
                     HardeningState relro) throws IOException {
        Path p = Corpus.require(id);
        ImageCore c = ElfFixturesTest.open(p, ParseOptions.defaults()).core();
        assertEquals(arch, c.arch());
        assertEquals(kind, c.kind());
        assertEquals(os, c.os());
        assertEquals(libc, c.linkage().libc(), c.linkage().evidence());
        assertEquals(dynamic, c.linkage().dynamic());
        assertEquals(relro, c.hardening("relro").state(), c.hardening("relro").detail());
        assertTrue(c.stripped() || id.startsWith("esbuild"), "stripped");
        // the ELF reading itself is clean; the Go analysis may add its own notes (go.*)
        assertEquals(java.util.List.of(), c.diagnostics().stream().filter(d -> !d.code().startsWith("go.")).toList());
    }

    private static final Pattern TYPE = Pattern.compile("^[0-9a-f]{16}\\s+[0-9a-f]{16}\\s+(R_\\S+)",
            Pattern.MULTILINE);

    @Test
    void relocationTypesMatchReadelf() throws IOException {
        for (String id : new String[] {"rollup-4.67.4-linux-x64-gnu", "biome-1.5.3-linux-x64-musl"}) {
            Path p = Corpus.require(id);
            ElfImage image = ElfFixturesTest.open(p, ParseOptions.defaults());
            java.util.Map<String, Long> theirs = new java.util.TreeMap<>();
            Matcher m = TYPE.matcher(Readelf.run(p, "-r"));
            while (m.find()) {
                theirs.merge(m.group(1), 1L, Long::sum);
            }
            assertEquals(theirs, new java.util.TreeMap<>(image.core().relocations().byType()), id);
        }
    }
}
