package dev.crosslens.parsers.robust;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.UnsupportedFormatException;

/**
 * Jazzer fuzz target for the whole facade. In {@code mvn test} it replays the inputs kept in
 * {@code src/test/resources/dev/crosslens/parsers/robust/BinariesFuzzTestInputs/parse} (regression mode);
 * {@code JAZZER_FUZZ=1 mvn test -pl parsers -am -Dtest=BinariesFuzzTest} fuzzes and adds crashing inputs there.
 * Only the typed errors may escape; anything else (an unchecked exception, StackOverflowError, OOM) is a bug.
 */
class BinariesFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) throws Exception {
        try {
            Binaries.parse(data, "fuzz", ParseOptions.defaults());
        } catch (MalformedBinaryException | UnsupportedFormatException expected) {
            // allowed
        }
    }
}
