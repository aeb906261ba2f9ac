package dev.crosslens.parsers.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.model.MachOImage;

/** PLACEHOLDER: the MachO parser work compares every MachO fact of the oracle here (machine, sections, symbols, ...). */
final class MachOOracleFacts {
    private MachOOracleFacts() {
    }

    static void compare(JsonNode o, MachOImage image, OracleFacts facts) {
        facts.fail("MachO oracle facts not compared yet", 1);
    }
}
