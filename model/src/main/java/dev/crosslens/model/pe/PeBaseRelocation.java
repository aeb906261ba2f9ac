package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * One entry of a base relocation block: a place the loader adjusts when the image is not at its preferred base.
 *
 * @param rva      the block's page plus the entry's 12-bit offset
 * @param type     the entry's upper 4 bits (IMAGE_REL_BASED_*)
 * @param typeName llvm-readobj's name ({@code DIR64}, {@code HIGHLOW}, {@code ABSOLUTE} for padding)
 * @param extent   the entry's two bytes in the file
 */
public record PeBaseRelocation(long rva, int type, String typeName, Extent extent) {
}
