package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * One primary entry of the COFF symbol table (auxiliary records are counted, not decoded).
 *
 * @param index         its index in the table (aux records take indices too)
 * @param sectionNumber 1-based section, 0 undefined, -1 absolute, -2 debug
 * @param storageClass  IMAGE_SYM_CLASS_* (2 EXTERNAL, 3 STATIC, 103 FILE, 105 WEAK_EXTERNAL)
 */
public record CoffSymbol(long index, String name, long value, int sectionNumber, int type, int storageClass,
                         int auxCount, Extent extent) {
    public static final int CLASS_EXTERNAL = 2;
    public static final int CLASS_STATIC = 3;
    public static final int CLASS_FILE = 103;
    public static final int CLASS_WEAK_EXTERNAL = 105;

    public boolean function() {
        return ((type >> 4) & 0x3) == 2;
    }
}
