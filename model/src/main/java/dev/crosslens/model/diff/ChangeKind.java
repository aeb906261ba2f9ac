package dev.crosslens.model.diff;

/** What happened to one thing between the old and the new build. */
public enum ChangeKind {
    ADDED, REMOVED, CHANGED
}
