package dev.crosslens.parsers.macho;

import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.FatImage;
import dev.crosslens.model.FatSlice;
import dev.crosslens.parsers.ImageOpener;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.UnsupportedFormatException;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every Mach-O and fat fixture truncated at every offset of its headers and load commands and at 50 random points,
 * and with random byte flips (fixed seeds): a parse returns an image (with diagnostics) or throws
 * {@link MalformedBinaryException}, nothing else, each within 5 seconds.
 */
class MachORobustnessTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final int RANDOM_CUTS = 50;
    private static final int FLIP_MUTANTS = 300;

    static Stream<Path> fixtures() {
        return Stream.of(Fixtures.file("go-cross", "darwin-amd64"), Fixtures.file("go-cross", "darwin-arm64"),
                Fixtures.file("macho-objects", "hello-x86_64.o"), Fixtures.file("macho-objects", "hello-arm64.o"),
                Fixtures.file("macho-fat", "universal"), Fixtures.file("macho-fat", "universal64"),
                chained(MachODyldCrossCheckTest.CHAINED[5]), chained(MachODyldCrossCheckTest.CHAINED[6]));
    }

    private static Path chained(String rel) {
        try {
            return MachODyldCrossCheckTest.chainedFile(rel);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Images with dyld tables: LC_DYLD_INFO (Go darwin/arm64) and chained fixups + exports trie (ld64 dylibs). */
    static Stream<Path> dyldFixtures() {
        return Stream.of(Fixtures.file("go-cross", "darwin-arm64"), chained(MachODyldCrossCheckTest.CHAINED[0]),
                chained(MachODyldCrossCheckTest.CHAINED[1]), chained(MachODyldCrossCheckTest.CHAINED[6]),
                chained(MachODyldCrossCheckTest.CHAINED[7]));
    }

    /**
     * Byte flips aimed at the dyld tables only: the rebase/bind/export streams, the chained fixups header, starts
     * and imports, LC_DYLD_EXPORTS_TRIE, and the chained pointers in the data segments. Every parse ends in time
     * with an image (the tables are optional, so breaking them is a diagnostic, never a lost file).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dyldFixtures")
    void dyldTableFlips(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<int[]> regions = dyldRegions(bytes);
        dev.crosslens.model.MachOImage clean = new MachOParser().parse(BinaryReader.of(bytes), ParseOptions.defaults());
        if (clean.macho().chainedFixups() != null) {
            for (var f : clean.macho().chainedFixups().fixups()) {
                regions.add(new int[] {(int) f.extent().offset(), (int) (f.extent().offset() + f.extent().size())});
            }
        }
        assertTrue(!regions.isEmpty(), "the fixture has dyld tables");
        Tally t = new Tally();
        Random random = new Random(0xd71dL + bytes.length);
        for (int k = 0; k < FLIP_MUTANTS; k++) {
            byte[] mutant = bytes.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                int[] region = regions.get(random.nextInt(regions.size()));
                int at = region[0] + random.nextInt(Math.max(1, region[1] - region[0]));
                mutant[at] = random.nextInt(3) == 0 ? (byte) 0xff : (byte) random.nextInt(256);
            }
            parseOnce(mutant, t, "dyld mutant " + k);
        }
        System.out.printf("%s: %d dyld-table flip mutants -> %d images (%d diagnostics), %d MalformedBinaryException%n",
                file.getFileName(), FLIP_MUTANTS, t.images, t.diagnostics, t.malformed);
        assertEquals(FLIP_MUTANTS, t.images, "a broken dyld table never loses the image");
        assertTrue(t.diagnostics > 0, "broken tables are reported");
    }

    /** [start, end) of every LC_DYLD_INFO stream, LC_DYLD_CHAINED_FIXUPS and LC_DYLD_EXPORTS_TRIE of a thin image. */
    private static List<int[]> dyldRegions(byte[] bytes) {
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int ncmds = le.getInt(16);
        int off = le.getInt(0) == 0xfeedfacf ? 32 : 28;
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < ncmds; i++) {
            int cmd = le.getInt(off);
            int size = le.getInt(off + 4);
            if (cmd == 0x22 || cmd == 0x80000022) {
                for (int k = 0; k < 5; k++) {
                    int o = le.getInt(off + 8 + 8 * k);
                    int n = le.getInt(off + 12 + 8 * k);
                    if (n > 0) out.add(new int[] {o, o + n});
                }
            } else if (cmd == 0x80000033 || cmd == 0x80000034) {
                int o = le.getInt(off + 8);
                int n = le.getInt(off + 12);
                if (n > 0) out.add(new int[] {o, o + n});
            }
            off += size;
        }
        return out;
    }

    /** Tallies of one run. */
    private static final class Tally {
        int images;
        int malformed;
        int diagnostics;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void truncatedAtEveryHeaderOffsetAndAtRandomPoints(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Tally t = new Tally();
        int[][] regions = structure(bytes);
        int structEnd = regions[regions.length - 1][1];
        int cuts = 0;
        for (int[] region : regions) {
            for (int n = region[0]; n <= region[1]; n++) {
                parseOnce(Arrays.copyOf(bytes, n), t, "cut at " + n);
                cuts++;
            }
        }
        Random random = new Random(0x6d61636fL + bytes.length);
        for (int k = 0; k < RANDOM_CUTS; k++) {
            int n = structEnd + random.nextInt(bytes.length - structEnd);
            parseOnce(Arrays.copyOf(bytes, n), t, "cut at " + n);
        }
        System.out.printf("%s: %d truncations -> %d images (%d diagnostics), %d MalformedBinaryException%n",
                file.getFileName(), cuts + RANDOM_CUTS, t.images, t.diagnostics, t.malformed);
        assertTrue(t.images > 0 && t.malformed > 0, "both outcomes occur");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void randomByteFlips(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Tally t = new Tally();
        int[][] regions = structure(bytes);
        Random random = new Random(0xf11bL + bytes.length);
        for (int k = 0; k < FLIP_MUTANTS; k++) {
            byte[] mutant = bytes.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                // mostly where the structure is (headers, load commands), sometimes anywhere (symbols, binds)
                int[] region = regions[random.nextInt(regions.length)];
                int at = random.nextInt(4) == 0 ? random.nextInt(bytes.length)
                        : region[0] + random.nextInt(region[1] - region[0]);
                mutant[at] = random.nextInt(3) == 0 ? (byte) 0xff : (byte) random.nextInt(256);
            }
            parseOnce(mutant, t, "mutant " + k);
        }
        System.out.printf("%s: %d flip mutants -> %d images (%d diagnostics), %d MalformedBinaryException%n",
                file.getFileName(), FLIP_MUTANTS, t.images, t.diagnostics, t.malformed);
        assertTrue(t.images > 0, "some mutants still parse");
    }

    /**
     * Where the structure is, as [start, end) ranges: the thin header and its load commands; for a fat file the
     * fat header with its entries, and every slice's header and load commands.
     */
    private static int[][] structure(byte[] bytes) {
        ByteBuffer be = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int magic = be.getInt(0);
        if (magic == 0xcafebabe || magic == 0xcafebabf) {
            boolean fat64 = magic == 0xcafebabf;
            int n = be.getInt(4);
            int entSize = fat64 ? 32 : 20;
            int[][] out = new int[n + 1][];
            out[0] = new int[] {0, 8 + n * entSize};
            for (int i = 0; i < n; i++) {
                int e = 8 + i * entSize;
                int start = fat64 ? (int) be.getLong(e + 8) : be.getInt(e + 8);
                out[i + 1] = new int[] {start, start + thinEnd(bytes, start)};
            }
            return out;
        }
        return new int[][] {{0, thinEnd(bytes, 0)}};
    }

    private static int thinEnd(byte[] bytes, int at) {
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        boolean is64 = le.getInt(at) == 0xfeedfacf;
        return (is64 ? 32 : 28) + le.getInt(at + 20);
    }

    private static void parseOnce(byte[] data, Tally t, String what) {
        BinaryImage image = assertTimeoutPreemptively(LIMIT, () -> {
            try {
                return open(BinaryReader.of(data));
            } catch (MalformedBinaryException e) {
                return null;
            } catch (UnsupportedFormatException e) {
                return null; // the magic itself was cut or flipped: not a Mach-O any more
            } catch (IOException | RuntimeException e) {
                fail(what + ": " + e, e);
                return null;
            }
        }, what);
        if (image == null) {
            t.malformed++;
            return;
        }
        t.images++;
        t.diagnostics += image.core().diagnostics().size();
        assertNotNull(image.core().format());
        if (image instanceof FatImage fat) {
            for (FatSlice s : fat.slices()) {
                if (s.image() != null) t.diagnostics += s.image().core().diagnostics().size();
            }
        }
    }

    /** Mach-O or fat by magic, as the facade's detector does, without hashing and Go analysis per mutant. */
    private static BinaryImage open(BinaryReader r) throws IOException {
        if (r.size() < 4) throw new MalformedBinaryException(0, "too short");
        long magic = r.withOrder(ByteOrder.BIG_ENDIAN).u32(0);
        ParseOptions options = ParseOptions.defaults();
        if (magic == 0xcafebabeL || magic == 0xcafebabfL) {
            ImageOpener nested = window -> {
                long m = window.withOrder(ByteOrder.BIG_ENDIAN).u32(0);
                if (m != 0xfeedfaceL && m != 0xfeedfacfL && m != 0xcefaedfeL && m != 0xcffaedfeL) {
                    throw new UnsupportedFormatException("slice magic 0x" + Long.toHexString(m));
                }
                return new MachOParser().parse(window, options);
            };
            return new FatMachOParser().parse(r, options, nested);
        }
        return new MachOParser().parse(r, options);
    }
}
