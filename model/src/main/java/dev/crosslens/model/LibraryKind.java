package dev.crosslens.model;

/** How a library is referenced. */
public enum LibraryKind {
    /** ELF DT_NEEDED. */
    NEEDED,
    /** PE import descriptor. */
    IMPORT,
    /** PE delay-load descriptor. */
    DELAY_IMPORT,
    /** Mach-O LC_LOAD_DYLIB. */
    LOAD_DYLIB,
    LOAD_WEAK_DYLIB,
    REEXPORT_DYLIB,
    LAZY_LOAD_DYLIB,
    LOAD_UPWARD_DYLIB
}
