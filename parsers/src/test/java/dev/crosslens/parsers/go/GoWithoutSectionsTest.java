package dev.crosslens.parsers.go;

import dev.crosslens.model.ElfImage;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.Endianness;
import dev.crosslens.model.elf.ElfDetails;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analyzer must find Go in an image whose format parser gave no sections at all (a damaged section table):
 * the build info and the pclntab are then found by scanning the whole image.
 */
class GoWithoutSectionsTest {

    private static GoInfo analyze(String id) throws Exception {
        byte[] data = Files.readAllBytes(Corpus.require(id));
        ImageCore bare = ImageCore.builder(BinaryFormat.ELF).bits(64).endianness(Endianness.LITTLE).build();
        ImageCore out = new GoAnalyzer().analyze(new ElfImage(bare, (ElfDetails) null), BinaryReader.of(data),
                ParseOptions.defaults());
        return out.go();
    }

    @ParameterizedTest
    @ValueSource(strings = {"esbuild-0.17.19-linux-x64", "esbuild-0.17.19-win32-x64", "esbuild-0.17.19-darwin-arm64"})
    void buildInfoAndPclntabByScan(String id) throws Exception {
        GoInfo go = analyze(id);
        assertNotNull(go, id);
        assertEquals("go1.20.4", go.version());
        assertNotNull(go.buildInfo());
        assertEquals("github.com/evanw/esbuild/cmd/esbuild", go.buildInfo().path());
        assertEquals("inline", go.buildInfo().layout());
        assertNotNull(go.pclntab());
        assertEquals("go1.20", go.pclntab().layout());
        assertEquals("scan", go.pclntab().foundBy());
        assertTrue(go.pclntab().functionsPerPackage().getOrDefault("main", 0) > 0);
        assertTrue(go.pclntab().functionsPerPackage().getOrDefault("runtime", 0) > 500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"esbuild-0.28.2-linux-x64", "esbuild-0.28.2-win32-arm64"})
    void noBuildInfoButPclntab(String id) throws Exception {
        GoInfo go = analyze(id);
        assertNotNull(go, id);
        assertNull(go.buildInfo());
        assertNotNull(go.pclntab());
        assertTrue(go.version() != null && go.version().startsWith("go1.26"), String.valueOf(go.version()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"biome-1.5.3-linux-x64-musl", "rollup-4.67.4-win32-x64-msvc"})
    void notGo(String id) throws Exception {
        assertNull(analyze(id));
    }
}
