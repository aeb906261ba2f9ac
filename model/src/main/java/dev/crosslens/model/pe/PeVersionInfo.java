package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

import java.util.List;

/** A decoded VS_VERSIONINFO resource. {@code fixed} is null when it has no VS_FIXEDFILEINFO. */
public record PeVersionInfo(PeFixedFileInfo fixed, List<PeStringTable> stringTables,
                            List<PeTranslation> translations, Extent extent) {
    public PeVersionInfo {
        stringTables = List.copyOf(stringTables);
        translations = List.copyOf(translations);
    }

    /** The value of {@code key} in the first string table that has it, or null. */
    public String string(String key) {
        for (PeStringTable t : stringTables) {
            String v = t.get(key);
            if (v != null) return v;
        }
        return null;
    }
}
