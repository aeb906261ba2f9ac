package dev.crosslens.model.elf;

import dev.crosslens.model.Extent;

/**
 * One relocation entry.
 *
 * @param typeName the machine's name for the type ("R_X86_64_JUMP_SLOT"), or the raw value in hex
 * @param symbolName the name of the symbol it refers to, "" for index 0 or when unknown
 * @param addend   r_addend for RELA, 0 for REL/RELR
 */
public record ElfRelocation(long offset, long type, String typeName, long symbolIndex, String symbolName,
                            long addend, Extent extent) {
}
