package dev.crosslens.model;

/** What an image is for. */
public enum BinaryKind {
    EXECUTABLE("executable"),
    PIE_EXECUTABLE("PIE executable"),
    SHARED_LIBRARY("shared library"),
    DLL("DLL"),
    DYLIB("dylib"),
    BUNDLE("bundle"),
    OBJECT("relocatable object"),
    CORE("core dump"),
    ARCHIVE("archive"),
    UNIVERSAL("universal binary"),
    UNKNOWN("unknown");

    private final String label;

    BinaryKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isExecutable() {
        return this == EXECUTABLE || this == PIE_EXECUTABLE;
    }

    public boolean isLibrary() {
        return this == SHARED_LIBRARY || this == DLL || this == DYLIB || this == BUNDLE;
    }
}
