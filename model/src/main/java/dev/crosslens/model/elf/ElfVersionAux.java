package dev.crosslens.model.elf;

import dev.crosslens.model.Extent;

/**
 * A version name with its index: an Elf_Vernaux of {@code .gnu.version_r} or an Elf_Verdef (first Verdaux
 * name) of {@code .gnu.version_d}.
 *
 * @param index vna_other / vd_ndx, the value {@code .gnu.version} entries refer to
 */
public record ElfVersionAux(String name, int index, long hash, int flags, Extent extent) {
}
