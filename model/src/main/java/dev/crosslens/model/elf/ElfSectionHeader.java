package dev.crosslens.model.elf;

import dev.crosslens.model.Extent;

/**
 * One section header (Elf32_Shdr / Elf64_Shdr), raw, with its resolved name and readelf's type name.
 *
 * @param typeName readelf's name ("PROGBITS", "GNU_HASH", "VERNEED"), or the raw value in hex when unknown
 */
public record ElfSectionHeader(int index, long nameOffset, String name, long type, String typeName, long flags,
                               long addr, long offset, long size, long link, long info, long addralign,
                               long entsize, Extent headerExtent) {
}
