package dev.crosslens.model;

/** How much a diagnostic or finding matters. Ordered from most to least severe. */
public enum Severity {
    ERROR, WARNING, INFO;

    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}
