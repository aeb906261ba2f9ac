package dev.crosslens.model.elf;

import dev.crosslens.model.Extent;

/**
 * The shape of a SYMTAB or DYNSYM section, as readelf counts it.
 *
 * @param entries   raw entries including the null entry 0
 * @param defined   entries past 0 with st_shndx != SHN_UNDEF
 * @param undefined entries past 0 with st_shndx == SHN_UNDEF
 */
public record ElfSymbolTableInfo(String section, String kind, long entries, long defined, long undefined,
                                 Extent extent) {
}
