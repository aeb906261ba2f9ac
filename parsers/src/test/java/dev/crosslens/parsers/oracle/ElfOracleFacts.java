package dev.crosslens.parsers.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.model.ElfImage;

/** PLACEHOLDER: the Elf parser work compares every Elf fact of the oracle here (machine, sections, symbols, ...). */
final class ElfOracleFacts {
    private ElfOracleFacts() {
    }

    static void compare(JsonNode o, ElfImage image, OracleFacts facts) {
        facts.fail("Elf oracle facts not compared yet", 1);
    }
}
