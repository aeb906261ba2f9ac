package dev.crosslens.model.resolve;

import dev.crosslens.model.LibraryKind;

import java.util.List;

/**
 * One library the binary names (DT_NEEDED, an import or delay-import descriptor, an LC_LOAD_DYLIB), and where
 * it was found.
 *
 * @param path     the file found (inside the sysroot), null when not found
 * @param reason   why it is not resolved ("libfoo.so.1 not found in sysroot / (searched: ...)"), "" when it is
 * @param searched the folders looked in, in order
 */
public record LibraryResolution(String name, LibraryKind kind, String path, ResolutionState state, String reason,
                                List<String> searched) {
    public LibraryResolution {
        reason = reason == null ? "" : reason;
        searched = List.copyOf(searched);
    }
}
