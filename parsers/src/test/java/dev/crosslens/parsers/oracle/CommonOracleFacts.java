package dev.crosslens.parsers.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.Endianness;
import dev.crosslens.model.ImageCore;

/** Facts every format has: identity, size, hash, entry. */
final class CommonOracleFacts {
    private CommonOracleFacts() {
    }

    static void compare(JsonNode o, BinaryFile f, OracleFacts facts) {
        ImageCore c = f.image().core();
        facts.check("sha256", o.get("sha256"), f.sha256());
        facts.check("size", o.get("size"), f.size());
        facts.check("format", o.get("format"), formatName(c.format()));
        facts.check("bits", o.get("bits"), c.bits());
        facts.check("endian", o.get("endian"), c.endianness() == Endianness.LITTLE ? "little" : "big");
        facts.check("entry", o.get("entry"), c.entry());
    }

    static String formatName(BinaryFormat f) {
        return switch (f) {
            case ELF -> "ELF";
            case PE, COFF -> "PE";
            case MACHO -> "Mach-O";
            case FAT_MACHO -> "fat";
            default -> f.name();
        };
    }
}
