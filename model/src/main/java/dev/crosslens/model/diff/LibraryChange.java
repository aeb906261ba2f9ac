package dev.crosslens.model.diff;

import java.util.List;

/**
 * A needed library added or removed, or kept with imports added/removed.
 *
 * @param kind ADDED/REMOVED for the library itself; CHANGED when only its imports moved
 */
public record LibraryChange(ChangeKind kind, String library, List<String> importsAdded,
                            List<String> importsRemoved) {
    public LibraryChange {
        importsAdded = List.copyOf(importsAdded);
        importsRemoved = List.copyOf(importsRemoved);
    }
}
