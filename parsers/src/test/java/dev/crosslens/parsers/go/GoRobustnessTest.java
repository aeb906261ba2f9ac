package dev.crosslens.parsers.go;

import dev.crosslens.model.ImageCore;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flipped bytes and truncations inside the build-info blob and the pclntab header of a fixture: the analyzer
 * must answer with diagnostics only (never an exception), in bounded time.
 */
class GoRobustnessTest {

    private static byte[] fixture() throws Exception {
        return Files.readAllBytes(Fixtures.file("go-variants", "plain"));
    }

    private static long find(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private static int pclntab(byte[] data) {
        byte[] magic = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0xfffffff0).array();
        for (int i = 0; i + 8 <= data.length; i += 4) {
            if (data[i] == magic[0] && data[i + 1] == magic[1] && data[i + 2] == magic[2] && data[i + 3] == magic[3]
                    && data[i + 4] == 0 && data[i + 5] == 0 && data[i + 7] == 8) return i;
        }
        return -1;
    }

    private static ImageCore analyze(byte[] data) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> GoFixtureImages.bare(data, ParseOptions.defaults()));
    }

    @Test
    void flippedBytesInBuildInfoAndPclntabHeader() throws Exception {
        byte[] original = fixture();
        int bi = (int) find(original, GoBuildInfoReader.MAGIC);
        int pc = pclntab(original);
        assertTrue(bi > 0 && pc > 0, "fixture has build info at " + bi + " and a pclntab at " + pc);
        Random random = new Random(1234);
        int diagnosed = 0;
        for (int round = 0; round < 120; round++) {
            byte[] data = original.clone();
            int base = round % 2 == 0 ? bi : pc;
            int span = round % 2 == 0 ? 400 : 96;
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                data[base + random.nextInt(span)] ^= (byte) (1 << random.nextInt(8));
            }
            ImageCore core = analyze(data);
            if (!core.diagnostics().isEmpty()) diagnosed++;
        }
        assertTrue(diagnosed > 0, "no mutation was noticed");
    }

    @Test
    void everyHeaderWordSetToExtremes() throws Exception {
        byte[] original = fixture();
        int pc = pclntab(original);
        for (int field = 8; field < 8 + 8 * 8; field += 8) {
            for (long v : new long[]{0, 1, -1, Long.MAX_VALUE, 0x7fffffffL, original.length}) {
                byte[] data = original.clone();
                ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putLong(pc + field, v);
                GoInfo go = analyze(data).go();
                assertNotNull(go, "still recognised as Go by its build info");
            }
        }
    }

    @Test
    void truncationsInsideTheBlobAndTheTable() throws Exception {
        byte[] original = fixture();
        int bi = (int) find(original, GoBuildInfoReader.MAGIC);
        int pc = pclntab(original);
        for (int cut : new int[]{bi + 1, bi + 15, bi + 31, bi + 33, bi + 60, bi + 200, pc + 2, pc + 8, pc + 40,
                pc + 72, pc + 5000}) {
            byte[] data = java.util.Arrays.copyOf(original, cut);
            analyze(data);
        }
        byte[] cutInBlob = java.util.Arrays.copyOf(original, bi + 60);
        assertTrue(analyze(cutInBlob).diagnostics().stream().anyMatch(d -> d.code().startsWith("go.buildinfo")));
    }

    @Test
    void functionCapIsHonoured() throws Exception {
        ParseOptions few = new ParseOptions(65_535, 65_535, 100, 1000, 100, 100, 100, 100, 4, true, true, true, null);
        ImageCore core = GoFixtureImages.bare(fixture(), few);
        assertEquals(100, core.go().pclntab().functionCount());
        assertTrue(core.diagnostics().stream().anyMatch(d -> d.code().equals("go.pclntab.too-many-functions")));
    }
}
