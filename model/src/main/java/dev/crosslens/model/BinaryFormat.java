package dev.crosslens.model;

/** The container format of a file. */
public enum BinaryFormat {
    ELF("ELF"),
    PE("PE/COFF"),
    COFF("COFF object"),
    MACHO("Mach-O"),
    FAT_MACHO("Mach-O universal"),
    ARCHIVE("ar archive"),
    UNKNOWN("unknown");

    private final String label;

    BinaryFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
