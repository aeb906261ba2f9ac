package dev.crosslens.parsers.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.PeImage;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.testing.Corpus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fact the oracles hold that the engine covers, for every corpus entry, must equal the engine's.
 * Prints {@code matched N of M facts} and every mismatch.
 */
class OracleTest {

    @Test
    void everyOracleFactMatches() {
        List<Corpus.Entry> present = Corpus.entries().stream().filter(Corpus.Entry::present).toList();
        Assumptions.assumeFalse(present.isEmpty(), "corpus not fetched");
        int matched = 0;
        List<String> mismatches = new ArrayList<>();
        for (Corpus.Entry e : present) {
            OracleFacts facts = compare(e);
            matched += facts.matched();
            mismatches.addAll(facts.mismatches());
        }
        int total = matched + mismatches.size();
        System.out.println("oracle: matched " + matched + " of " + total + " facts over " + present.size()
                + " corpus binaries");
        mismatches.forEach(m -> System.out.println("  MISMATCH " + m));
        assertTrue(mismatches.isEmpty(), mismatches.size() + " oracle mismatches; first: "
                + (mismatches.isEmpty() ? "" : mismatches.get(0)));
        assertTrue(matched > 0, "no fact compared");
    }

    static OracleFacts compare(Corpus.Entry e) {
        OracleFacts facts = new OracleFacts(e.id());
        JsonNode o = e.oracle();
        BinaryFile f;
        try {
            f = Binaries.open(e.file());
        } catch (Exception ex) {
            facts.fail("parse failed: " + ex, 20);
            return facts;
        }
        CommonOracleFacts.compare(o, f, facts);
        if (f.image() instanceof ElfImage elf) {
            ElfOracleFacts.compare(o, elf, facts);
        } else if (f.image() instanceof PeImage pe) {
            PeOracleFacts.compare(o, pe, facts);
        } else if (f.image() instanceof MachOImage macho) {
            MachOOracleFacts.compare(o, macho, facts);
        } else {
            facts.fail("unexpected image type " + f.image().getClass().getSimpleName(), 1);
        }
        GoOracleFacts.compare(o, e.manifest(), f.image().core(), facts);
        return facts;
    }
}
