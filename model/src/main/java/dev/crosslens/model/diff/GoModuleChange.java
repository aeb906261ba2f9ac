package dev.crosslens.model.diff;

/**
 * A Go module added, removed, bumped (version changed) or re-pointed by a {@code =>} replacement.
 *
 * @param oldReplacement "path version" of the replacement, null when not replaced
 */
public record GoModuleChange(Kind kind, String path, String oldVersion, String newVersion, String oldReplacement,
                             String newReplacement) {
    public enum Kind { ADDED, REMOVED, BUMPED, REPLACED }
}
