package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/**
 * One symbol binding dyld performs: from LC_DYLD_INFO bind / weak-bind / lazy-bind opcodes, or an import of
 * LC_DYLD_CHAINED_FIXUPS.
 *
 * @param table         {@code bind}, {@code weak_bind}, {@code lazy_bind} or {@code chained}
 * @param ordinal       library ordinal: 1-based dylib, 0 SELF, -1 MAIN_EXECUTABLE, -2 DYNAMIC_LOOKUP,
 *                      -3 WEAK_LOOKUP
 * @param library       the dylib's install name or the special ordinal's name
 * @param segmentIndex  segment the bound pointer lies in, -1 for chained imports
 * @param address       virtual address of the bound pointer, -1 when not known (chained imports)
 * @param extent        where the opcode or import entry that made it is
 */
public record MachOBinding(String table, String symbol, int ordinal, String library, boolean weakImport,
                           int type, long addend, int segmentIndex, long segmentOffset, long address,
                           Extent extent) {
}
