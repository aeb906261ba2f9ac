package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/** One IMAGE_BASE_RELOCATION block: a page and how many 16-bit entries it holds. */
public record PeBaseRelocationBlock(long pageRva, long blockSize, int entryCount, Extent extent) {
}
