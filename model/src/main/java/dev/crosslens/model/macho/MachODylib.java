package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;
import dev.crosslens.model.LibraryKind;

/**
 * An LC_LOAD_DYLIB and its kin, or LC_ID_DYLIB.
 *
 * @param command  the load command name ({@code LC_LOAD_WEAK_DYLIB}, {@code LC_ID_DYLIB})
 * @param kind     the library kind, null for LC_ID_DYLIB
 * @param ordinal  the two-level namespace ordinal (1-based, load order), 0 for LC_ID_DYLIB
 */
public record MachODylib(String command, LibraryKind kind, int ordinal, String name, long timestamp,
                         String currentVersion, String compatibilityVersion, Extent extent) {
}
