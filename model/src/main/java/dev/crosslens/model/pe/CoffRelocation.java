package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/** An object file's section relocation (IMAGE_RELOCATION); {@code typeName} is llvm-readobj's. */
public record CoffRelocation(int sectionIndex, long virtualAddress, long symbolTableIndex, int type,
                             String typeName, Extent extent) {
}
