package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/**
 * One pointer of a chained fixup chain: a rebase (to {@code target}) or a bind (to an import of
 * LC_DYLD_CHAINED_FIXUPS).
 *
 * @param address       virtual address of the pointer
 * @param pointerFormat raw DYLD_CHAINED_PTR_* of its segment
 * @param bind          true for a bind, false for a rebase
 * @param target        rebase: the virtual address the pointer gets (before slide, high8 included); bind: -1
 * @param importOrdinal bind: index into the imports table; -1 for a rebase
 * @param symbol        bind: the import's name, null when unknown or a rebase
 * @param addend        bind: the pointer's inline addend (the import's own addend is on the import)
 * @param authenticated arm64e: a signed (auth) pointer
 * @param raw           the 64 (or 32) bits as stored in the file
 * @param extent        the pointer's bytes in the file
 */
public record MachOChainedFixup(long address, int segmentIndex, int pointerFormat, boolean bind, long target,
                                int importOrdinal, String symbol, long addend, boolean authenticated, long raw,
                                Extent extent) {
}
