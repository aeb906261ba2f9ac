package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * A short import object (IMPORT_OBJECT_HEADER), as found in import libraries.
 *
 * @param type     0 CODE, 1 DATA, 2 CONST
 * @param nameType 0 ORDINAL, 1 NAME, 2 NAME_NOPREFIX, 3 NAME_UNDECORATE, 4 NAME_EXPORTAS
 */
public record CoffImportObject(int version, int machine, long timeDateStamp, long sizeOfData, int ordinalOrHint,
                               int type, int nameType, String symbolName, String dllName, Extent extent) {
}
