package dev.crosslens.model.elf;

import dev.crosslens.model.Extent;

/**
 * The ELF file header (Elf32_Ehdr / Elf64_Ehdr), every field widened and kept raw, with readelf's names beside
 * the raw values that have one.
 *
 * @param osAbi          EI_OSABI raw
 * @param osAbiName      readelf's description ("UNIX - System V", "UNIX - GNU", "UNIX - FreeBSD")
 * @param type           e_type raw
 * @param typeName       "EXEC", "DYN", "REL", "CORE", or the hex value
 * @param flagsLabel     e_flags as readelf prints it ("0x4, double-float ABI")
 */
public record ElfHeader(int elfClass, int data, int version, int osAbi, String osAbiName, int abiVersion,
                        int type, String typeName, int machine, long entry, long phoff, long shoff, long flags,
                        String flagsLabel, int ehsize, int phentsize, int phnum, int shentsize, int shnum,
                        int shstrndx, Extent extent) {
}
