package dev.crosslens.parsers.robust;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.UnsupportedFormatException;
import dev.crosslens.parsers.testing.Corpus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every real corpus binary, cut short and with bytes flipped, through the whole facade (detection, format
 * parser, Go analysis, demangling): only an image with diagnostics, {@link MalformedBinaryException} or
 * {@link UnsupportedFormatException} may come out, each within a bounded time. Seeds are fixed, so a failure
 * names a reproducible mutant. The per-format tests go further (every header offset of small fixtures).
 */
class FacadeRobustnessTest {
    private static final int TRUNCATIONS = Integer.getInteger("robustness.truncations", 12);
    private static final int FLIPS = Integer.getInteger("robustness.flips", 12);
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TestFactory
    Stream<DynamicTest> corpusMutants() {
        List<Corpus.Entry> present = Corpus.entries().stream().filter(Corpus.Entry::present).toList();
        Assumptions.assumeFalse(present.isEmpty(), "corpus not fetched");
        return present.stream().map(e -> DynamicTest.dynamicTest(e.id(), () -> mutate(e)));
    }

    private static void mutate(Corpus.Entry e) throws IOException {
        byte[] data = Files.readAllBytes(e.file());
        Random rnd = new Random(e.id().hashCode());
        List<String> failures = new ArrayList<>();
        // cut inside the first page (headers, load commands, tables) and at random points
        for (int i = 0; i < TRUNCATIONS; i++) {
            int cut = i < TRUNCATIONS / 2 ? rnd.nextInt(Math.min(data.length, 4096)) : rnd.nextInt(data.length);
            check(e.id() + " truncated at " + cut, Arrays.copyOf(data, cut), failures);
        }
        // flip bytes in the first 64 KiB (where the tables that drive allocation live) and anywhere
        for (int i = 0; i < FLIPS; i++) {
            byte[] m = data.clone();
            int n = 1 + rnd.nextInt(16);
            StringBuilder where = new StringBuilder();
            for (int k = 0; k < n; k++) {
                int pos = k % 2 == 0 ? rnd.nextInt(Math.min(data.length, 65536)) : rnd.nextInt(data.length);
                m[pos] = (byte) rnd.nextInt(256);
                where.append(pos).append(' ');
            }
            check(e.id() + " flipped at " + where.toString().strip(), m, failures);
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " mutants escaped:\n" + String.join("\n", failures));
        }
    }

    private static void check(String label, byte[] bytes, List<String> failures) {
        assertTimeoutPreemptively(LIMIT, () -> {
            try {
                BinaryFile f = Binaries.parse(bytes, label, ParseOptions.defaults());
                if (f.image() == null) failures.add(label + ": null image");
            } catch (MalformedBinaryException | UnsupportedFormatException expected) {
                // the typed errors are allowed
            } catch (Exception | Error ex) {
                failures.add(label + ": " + ex);
            }
        }, label + " did not finish within " + LIMIT);
    }
}
