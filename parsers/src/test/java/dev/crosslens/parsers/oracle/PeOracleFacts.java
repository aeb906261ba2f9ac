package dev.crosslens.parsers.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.model.PeImage;

/** PLACEHOLDER: the Pe parser work compares every Pe fact of the oracle here (machine, sections, symbols, ...). */
final class PeOracleFacts {
    private PeOracleFacts() {
    }

    static void compare(JsonNode o, PeImage image, OracleFacts facts) {
        facts.fail("Pe oracle facts not compared yet", 1);
    }
}
