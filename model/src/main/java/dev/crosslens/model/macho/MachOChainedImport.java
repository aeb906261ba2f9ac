package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/** One dyld_chained_import (any of its three formats). */
public record MachOChainedImport(int index, int libraryOrdinal, boolean weakImport, long nameOffset, String name,
                                 long addend, Extent extent) {
}
