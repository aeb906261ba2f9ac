package dev.crosslens.model.elf;

import dev.crosslens.model.Extent;

/**
 * One program header (Elf32_Phdr / Elf64_Phdr).
 *
 * @param typeName readelf's name ("LOAD", "GNU_STACK"), or the raw value in hex ("0x65041580") when unknown
 * @param flagsLabel readelf's flags column without padding ("R", "RW", "RE", "RWE")
 * @param extent   the segment's bytes in the file
 * @param headerExtent where the header entry is
 */
public record ElfProgramHeader(int index, long type, String typeName, long flags, String flagsLabel, long offset,
                               long vaddr, long paddr, long filesz, long memsz, long align, Extent extent,
                               Extent headerExtent) {
}
