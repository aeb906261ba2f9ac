package dev.crosslens.model;

/**
 * A symbol an image takes from a library.
 *
 * @param name    imported name, null for an import by ordinal
 * @param ordinal PE ordinal for by-ordinal imports, else -1
 * @param hint    PE hint, else -1
 * @param version ELF symbol version ({@code GLIBC_2.14}), null when not versioned
 * @param weak    a weak reference (ELF STB_WEAK undefined, Mach-O weak import)
 */
public record ImportedSymbol(String name, int ordinal, int hint, String version, boolean weak, Extent extent) {
    public ImportedSymbol {
        extent = extent == null ? Extent.NONE : extent;
    }

    public String label() {
        String base = name != null ? name : "#" + ordinal;
        return version == null || version.isEmpty() ? base : base + "@" + version;
    }
}
