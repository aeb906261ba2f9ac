package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

import java.util.List;

/**
 * A StringTable of StringFileInfo: its key is 8 hex digits, language then code page ({@code 040904b0}).
 */
public record PeStringTable(String key, int language, int codePage, List<PeVersionString> strings,
                            Extent extent) {
    public PeStringTable {
        strings = List.copyOf(strings);
    }

    public String get(String name) {
        for (PeVersionString s : strings) {
            if (s.key().equals(name)) return s.value();
        }
        return null;
    }
}
