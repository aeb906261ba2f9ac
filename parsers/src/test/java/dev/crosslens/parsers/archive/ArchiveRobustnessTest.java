package dev.crosslens.parsers.archive;

import dev.crosslens.model.ArchiveImage;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.archive.ArchiveMember;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.UnsupportedFormatException;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every archive fixture truncated at every header field boundary and at random points, and with bytes flipped:
 * only diagnostics or a MalformedBinaryException come out, in bounded time; a truncated archive still lists the
 * members before the cut.
 */
class ArchiveRobustnessTest {
    private static final List<String> FILES = List.of("gnu.a", "bsd.a", "thin.a", "macho-gnu.a", "import.lib",
            "static.lib");
    /** Offsets of the fields inside a 60-byte member header. */
    private static final int[] FIELD_STARTS = {0, 1, 15, 16, 28, 34, 40, 48, 57, 58, 59, 60, 61, 64};

    @TestFactory
    List<DynamicTest> truncationsAndFlips() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : FILES) {
            tests.add(DynamicTest.dynamicTest(file, () -> assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                byte[] data = Files.readAllBytes(Fixtures.file("archive-mixed", file));
                ArchiveImage whole = open(data);
                TreeSet<Integer> cuts = new TreeSet<>();
                for (ArchiveMember m : whole.members()) {
                    for (int f : FIELD_STARTS) cuts.add((int) m.headerExtent().offset() + f);
                    if (m.dataExtent().offset() >= 0) {
                        cuts.add((int) (m.dataExtent().offset() + m.dataExtent().size()));
                        cuts.add((int) (m.dataExtent().offset() + m.dataExtent().size() / 2));
                    }
                }
                Random random = new Random(file.hashCode());
                for (int i = 0; i < 40; i++) cuts.add(random.nextInt(data.length));
                for (int cut : cuts) {
                    if (cut < 0 || cut > data.length) continue;
                    byte[] part = java.util.Arrays.copyOf(data, cut);
                    ArchiveImage a = openOrMalformed(part, file + " cut at " + cut);
                    if (a != null) {
                        long before = whole.members().stream()
                                .filter(m -> m.headerExtent().offset() + 60 + Math.max(0, m.dataExtent().size())
                                        <= cut).count();
                        assertTrue(a.members().size() >= before, file + " cut at " + cut + " lists "
                                + a.members().size() + " members, " + before + " lie wholly before the cut");
                    }
                }
                for (int i = 0; i < 300; i++) {
                    byte[] flipped = data.clone();
                    int n = 1 + random.nextInt(8);
                    for (int k = 0; k < n; k++) {
                        int at = 8 + random.nextInt(data.length - 8);
                        flipped[at] = (byte) random.nextInt(256);
                    }
                    openOrMalformed(flipped, file + " flip " + i);
                }
            })));
        }
        return tests;
    }

    private static ArchiveImage open(byte[] data) throws IOException {
        BinaryFile f = Binaries.parse(data, "fixture", ParseOptions.defaults());
        return assertInstanceOf(ArchiveImage.class, f.image());
    }

    private static ArchiveImage openOrMalformed(byte[] data, String what) {
        try {
            BinaryFile f = Binaries.parse(data, what, ParseOptions.defaults());
            return assertInstanceOf(ArchiveImage.class, f.image(), what);
        } catch (MalformedBinaryException e) {
            return null;
        } catch (UnsupportedFormatException e) {
            if (data.length >= 8) fail(what + ": an archive magic is no longer detected: " + e.getMessage());
            return null;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }
}
