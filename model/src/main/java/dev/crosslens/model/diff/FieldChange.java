package dev.crosslens.model.diff;

/**
 * One named value that differs: an identity field ({@code arch}, {@code interpreter}), a Go build setting, an
 * RPATH, a build id. {@code null} on a side means "absent there".
 *
 * @param noise true for what changes on every build without meaning (build ids, timestamps, vcs.time)
 */
public record FieldChange(String field, String oldValue, String newValue, boolean noise) {
    public ChangeKind kind() {
        if (oldValue == null) return ChangeKind.ADDED;
        if (newValue == null) return ChangeKind.REMOVED;
        return ChangeKind.CHANGED;
    }
}
