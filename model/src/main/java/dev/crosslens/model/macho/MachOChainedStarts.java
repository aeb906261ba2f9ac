package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/**
 * One dyld_chained_starts_in_segment: where the fixup chains of a segment begin.
 *
 * @param segmentIndex      index of the segment (load command order)
 * @param pointerFormat     raw DYLD_CHAINED_PTR_* value
 * @param pointerFormatName {@code DYLD_CHAINED_PTR_64}, {@code DYLD_CHAINED_PTR_ARM64E} ..., {@code 0x..} unknown
 * @param segmentOffset     vm offset of the segment from the mach header
 * @param pagesWithFixups   pages whose page_start is not DYLD_CHAINED_PTR_START_NONE
 */
public record MachOChainedStarts(int segmentIndex, int pageSize, int pointerFormat, String pointerFormatName,
                                 long segmentOffset, long maxValidPointer, int pageCount, int pagesWithFixups,
                                 Extent extent) {
}
