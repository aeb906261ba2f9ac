package dev.crosslens.model;

/** Memory permissions of a section or segment. */
public record Permissions(boolean read, boolean write, boolean execute) {
    public static final Permissions NONE = new Permissions(false, false, false);

    public String label() {
        return (read ? "r" : "-") + (write ? "w" : "-") + (execute ? "x" : "-");
    }

    @Override
    public String toString() {
        return label();
    }
}
