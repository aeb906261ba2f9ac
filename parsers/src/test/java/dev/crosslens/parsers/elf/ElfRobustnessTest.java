package dev.crosslens.parsers.elf;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.ElfImage;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.UnsupportedFormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Broken ELF files (Go's FuzzReader, PortEx's RobustnessTest): every fixture truncated at every offset inside its
 * file header, program header table and section header table and at random points, and with random byte flips.
 * A parse must give an image (with diagnostics) or a {@link MalformedBinaryException}, nothing else, in bounded
 * time.
 */
class ElfRobustnessTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final int RANDOM_TRUNCATIONS = 50;
    private static final int FLIPPED_COPIES = 150;

    static Stream<Path> files() {
        return ElfFixturesTest.allFixtureFiles().stream();
    }

    /** Outcome of one parse: an image, or the offset of a MalformedBinaryException. */
    private record Outcome(ElfImage image, MalformedBinaryException error) {
    }

    private static Outcome parse(byte[] data, String what) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            try {
                ElfImage image = new ElfParser().parse(BinaryReader.of(data), ParseOptions.defaults());
                assertNotNull(image.core(), what);
                return new Outcome(image, null);
            } catch (MalformedBinaryException e) {
                assertTrue(e.offset() >= 0, what + ": exception without an offset: " + e);
                return new Outcome(null, e);
            } catch (RuntimeException e) {
                throw new AssertionError(what + ": " + e, e);
            }
        }, what);
    }

    /** Offsets inside the file header, program header table and section header table of an intact file. */
    private static TreeSet<Integer> headerOffsets(byte[] data) {
        TreeSet<Integer> out = new TreeSet<>();
        boolean is64 = data[4] == 2;
        ByteBuffer b = ByteBuffer.wrap(data).order(data[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int ehsize = is64 ? 64 : 52;
        for (int i = 0; i < ehsize; i++) {
            out.add(i);
        }
        long phoff = is64 ? b.getLong(32) : b.getInt(28) & 0xffffffffL;
        long shoff = is64 ? b.getLong(40) : b.getInt(32) & 0xffffffffL;
        int p = is64 ? 48 : 36;
        int phentsize = b.getShort(p + 6) & 0xffff;
        int phnum = b.getShort(p + 8) & 0xffff;
        int shentsize = b.getShort(p + 10) & 0xffff;
        int shnum = b.getShort(p + 12) & 0xffff;
        for (long i = phoff; phoff > 0 && i < phoff + (long) phentsize * phnum; i++) {
            out.add((int) i);
        }
        for (long i = shoff; shoff > 0 && i < shoff + (long) shentsize * shnum; i++) {
            out.add((int) i);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void truncatedAtEveryHeaderOffset(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        assertEquals(null, parse(data, file + " intact").error(), "the intact fixture parses");
        int images = 0;
        int errors = 0;
        for (int cut : headerOffsets(data)) {
            Outcome o = parse(Arrays.copyOf(data, cut), file + " cut at " + cut);
            if (o.error() != null) {
                errors++;
            } else {
                images++;
                assertFalse(o.image().core().diagnostics().isEmpty(),
                        file + " cut at " + cut + " inside a header table parsed without a diagnostic");
            }
        }
        System.out.println("robustness " + file.getFileName() + ": header truncations " + (images + errors)
                + " (" + images + " images with diagnostics, " + errors + " MalformedBinaryException)");
        assertTrue(images + errors > 64);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void truncatedAtRandomPoints(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        Random random = new Random(0xE1F + data.length);
        for (int i = 0; i < RANDOM_TRUNCATIONS; i++) {
            int cut = random.nextInt(data.length);
            byte[] part = Arrays.copyOf(data, cut);
            parse(part, file + " cut at " + cut);
            // the whole engine too: detection, ELF, Go analysis, demangling
            assertTimeoutPreemptively(LIMIT, () -> {
                try {
                    BinaryFile f = Binaries.parse(part, file + " cut at " + cut, ParseOptions.defaults());
                    assertNotNull(f.image());
                } catch (MalformedBinaryException | UnsupportedFormatException expected) {
                    // a usable header is missing: the documented outcome
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void randomByteFlips(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        TreeSet<Integer> headers = headerOffsets(data);
        Integer[] headerAt = headers.toArray(new Integer[0]);
        Random random = new Random(0xF11B + data.length);
        int images = 0;
        for (int i = 0; i < FLIPPED_COPIES; i++) {
            byte[] copy = data.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                // half of the flips hit the headers, where a wrong count or offset does the most harm
                int at = random.nextBoolean() ? headerAt[random.nextInt(headerAt.length)] : random.nextInt(copy.length);
                copy[at] = (byte) random.nextInt(256);
            }
            if (parse(copy, file + " flip copy " + i).image() != null) images++;
        }
        System.out.println("robustness " + file.getFileName() + ": " + FLIPPED_COPIES + " flipped copies, "
                + images + " parsed to an image");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void hugeCountsAreRefusedBeforeAllocation(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file).clone();
        boolean is64 = data[4] == 2;
        ByteBuffer b = ByteBuffer.wrap(data).order(data[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int p = is64 ? 48 : 36;
        b.putShort(p + 8, (short) 0xfffe);  // e_phnum
        b.putShort(p + 12, (short) 0xfffe); // e_shnum
        Outcome o = parse(data, file + " with huge counts");
        if (o.image() == null) fail("huge table counts must be diagnostics, not a lost file: " + o.error());
        assertTrue(o.image().core().diagnostics().stream().anyMatch(d -> d.code().startsWith("elf.")),
                "diagnostics " + o.image().core().diagnostics());
    }
}
