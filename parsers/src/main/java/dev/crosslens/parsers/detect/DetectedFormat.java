package dev.crosslens.parsers.detect;

/** What the first bytes of a file say it is. */
public enum DetectedFormat {
    ELF,
    /** MZ header: a PE image (or a bare DOS program, which the PE parser reports). */
    PE,
    /** A COFF object ({@code .obj}), regular or bigobj. */
    COFF_OBJECT,
    /** A Windows short import object (an IMPORT_OBJECT_HEADER, found inside {@code .lib} archives). */
    COFF_IMPORT,
    MACHO,
    FAT_MACHO,
    ARCHIVE,
    NOT_BINARY
}
