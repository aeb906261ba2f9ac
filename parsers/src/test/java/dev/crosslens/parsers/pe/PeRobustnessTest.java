package dev.crosslens.parsers.pe;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.pe.PeDataDirectory;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.detect.DetectedFormat;
import dev.crosslens.parsers.detect.FormatDetector;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Truncated and corrupted PE/COFF files must give an image (with diagnostics) or a
 * {@link MalformedBinaryException}, never another exception, and each parse must finish within 5 seconds.
 */
class PeRobustnessTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final ParseOptions OPTIONS = ParseOptions.defaults();

    /** The outcome counts of one fixture, for the message. */
    private static final class Tally {
        int images;
        int malformed;
        int notDetected;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pe-mingw/hello.exe", "pe-mingw/gui.exe", "pe-mingw/nodynbase.exe", "pe-mingw/mylib.dll",
        "pe-mingw/useord.exe", "pe-mingw/versioned.exe", "pe-mingw/tls.exe", "pe-mingw/obj.obj",
        "pe-mingw/bigobj.obj", "pe-mingw/arm64.obj", "pe-mingw/i686.obj", "pe-mingw/short-import.obj",
        "go-cross/windows-amd64.exe", "go-cross/windows-386.exe", "go-cross/windows-arm64.exe"})
    void truncatedAndFlipped(String fixture) throws IOException {
        String[] parts = fixture.split("/");
        byte[] data = Files.readAllBytes(Fixtures.file(parts[0], parts[1]));
        int headerEnd = headerEnd(data);
        Tally t = new Tally();
        for (int len = 0; len <= Math.min(headerEnd, data.length); len++) {
            parseBounded(Arrays.copyOf(data, len), fixture + " cut at " + len, t);
        }
        Random random = new Random(fixture.hashCode());
        for (int i = 0; i < 50; i++) {
            int len = random.nextInt(data.length);
            parseBounded(Arrays.copyOf(data, len), fixture + " cut at " + len, t);
        }
        for (int i = 0; i < 150; i++) {
            byte[] copy = data.clone();
            int flips = 1 + random.nextInt(16);
            // half of the mutants hit the headers, where one byte changes the meaning of everything after it
            int span = i % 2 == 0 ? Math.max(1, Math.min(headerEnd, data.length)) : data.length;
            for (int f = 0; f < flips; f++) {
                copy[random.nextInt(span)] ^= (byte) (1 + random.nextInt(255));
            }
            parseBounded(copy, fixture + " mutant " + i, t);
        }
        assertTrue(t.images > 0, fixture + ": no mutant parsed at all");
        assertTrue(t.malformed + t.notDetected > 0, fixture + ": no truncation was rejected");
        System.out.printf("robustness %s: %d images, %d malformed, %d not detected as PE/COFF%n", fixture,
                t.images, t.malformed, t.notDetected);
    }

    @Test
    void hostileResourceTrees() throws IOException {
        byte[] data = Files.readAllBytes(Fixtures.file("pe-mingw", "versioned.exe"));
        PeImage good = new PeParser().parse(BinaryReader.of(data), OPTIONS);
        PeDataDirectory rsrc = good.pe().dataDirectory("ResourceTable");
        assertNotNull(rsrc);
        RvaMap map = new RvaMap(good.pe().sections(), good.pe().optionalHeader().sizeOfHeaders());
        int root = (int) map.offset(rsrc.rva());

        // 1. the first type entry points back at the root directory: a loop
        byte[] loop = data.clone();
        le(loop).putInt(root + 16 + 4, 0x80000000);
        assertDiagnostic(parseBounded(loop, "self-loop", new Tally()), "pe.resources.loop");

        // 2. the root claims 65535 + 65535 entries
        byte[] many = data.clone();
        le(many).putShort(root + 12, (short) 0xffff).putShort(root + 14, (short) 0xffff);
        assertDiagnostic(parseBounded(many, "huge counts", new Tally()), "pe.resources.truncated");

        // 3. a name entry whose string lies far outside the table, and a subdirectory past the end
        byte[] names = data.clone();
        le(names).putInt(root + 16, 0xfffffff0).putInt(root + 16 + 4, 0xfffffff0);
        parseBounded(names, "wild offsets", new Tally());

        // 4. every directory's first entry points at the next level's first directory again (a cycle of two)
        byte[] cycle = data.clone();
        long typeDir = le(cycle).getInt(root + 16 + 4) & 0x7fffffffL;
        le(cycle).putInt((int) (root + typeDir + 16 + 4), 0x80000000);
        assertDiagnostic(parseBounded(cycle, "two-level cycle", new Tally()), "pe.resources.loop");

        // 5. many random flips inside the resource table only
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] copy = data.clone();
            for (int f = 0; f < 8; f++) {
                copy[root + random.nextInt((int) Math.min(rsrc.size(), data.length - root))] =
                        (byte) random.nextInt(256);
            }
            parseBounded(copy, "resource mutant " + i, new Tally());
        }
    }

    @Test
    void dosStubWithoutPeHeaderSaysSo() {
        byte[] dos = new byte[128];
        dos[0] = 'M';
        dos[1] = 'Z';
        dos[0x3c] = 0x40;
        try {
            new PeParser().parse(BinaryReader.of(dos), OPTIONS);
            fail("an MZ file without a PE signature parsed");
        } catch (MalformedBinaryException e) {
            assertTrue(e.getMessage().startsWith("MS-DOS executable, no PE header"), e.getMessage());
        } catch (IOException e) {
            fail(e);
        }
    }

    private static void assertDiagnostic(PeImage image, String code) {
        assertNotNull(image, "the hostile tree was rejected instead of diagnosed");
        List<String> codes = image.core().diagnostics().stream().map(Diagnostic::code).toList();
        assertTrue(codes.contains(code), "expected " + code + " in " + codes);
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Parses with the parser the detector picks; returns the image, or null for MalformedBinaryException. */
    private static PeImage parseBounded(byte[] bytes, String what, Tally t) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            BinaryReader r = BinaryReader.of(bytes);
            DetectedFormat format = new FormatDetector().detect(r);
            try {
                PeImage image = switch (format) {
                    case PE -> new PeParser().parse(r, OPTIONS);
                    case COFF_OBJECT, COFF_IMPORT -> new CoffObjectParser().parse(r, OPTIONS);
                    default -> null;
                };
                if (image != null) t.images++;
                else t.notDetected++;
                return image;
            } catch (MalformedBinaryException e) {
                t.malformed++;
                return null;
            } catch (RuntimeException e) {
                throw new AssertionError(what + ": " + e, e);
            }
        }, what);
    }

    /** The end of the section table: DOS + PE signature + COFF + optional header + section headers. */
    private static int headerEnd(byte[] d) {
        ByteBuffer b = le(d);
        if (d[0] == 'M' && d[1] == 'Z') {
            int lfanew = b.getInt(0x3c);
            int sections = b.getShort(lfanew + 6) & 0xffff;
            int optSize = b.getShort(lfanew + 20) & 0xffff;
            return lfanew + 24 + optSize + 40 * sections;
        }
        if ((b.getShort(0) & 0xffff) == 0 && (b.getShort(2) & 0xffff) == 0xffff) {
            return (b.getShort(4) & 0xffff) == 0 ? d.length : 56 + 40 * b.getInt(44);
        }
        return 20 + (b.getShort(16) & 0xffff) + 40 * (b.getShort(2) & 0xffff);
    }
}
