package dev.crosslens.model;

import java.util.List;

/**
 * A library an image needs, with what it imports from it (where the format says: PE always, Mach-O through
 * two-level namespace ordinals, ELF through symbol versions' vna_file or not at all).
 *
 * @param currentVersion   Mach-O current version ("1311.0.0"), null elsewhere
 * @param compatVersion    Mach-O compatibility version, null elsewhere
 */
public record Library(String name, LibraryKind kind, List<ImportedSymbol> imports, String currentVersion,
                      String compatVersion, Extent extent) {
    public Library {
        imports = List.copyOf(imports);
        extent = extent == null ? Extent.NONE : extent;
    }

    public static Library of(String name, LibraryKind kind, Extent extent) {
        return new Library(name, kind, List.of(), null, null, extent);
    }
}
