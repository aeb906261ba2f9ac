package dev.crosslens.model.elf;

import dev.crosslens.model.Extent;

import java.util.List;

/**
 * A REL, RELA or RELR section.
 *
 * @param count   entries in the section (for RELR: relocated addresses, as readelf counts them)
 * @param entries the entries, empty when they were not read ({@code ParseOptions.readRelocationEntries})
 */
public record ElfRelocationSection(String name, String kind, long count, String appliesTo,
                                   List<ElfRelocation> entries, Extent extent) {
    public ElfRelocationSection {
        entries = List.copyOf(entries);
    }
}
