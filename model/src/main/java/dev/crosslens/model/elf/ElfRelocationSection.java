package dev.crosslens.model.elf;

import dev.crosslens.model.Extent;

import java.util.List;

/**
 * A REL, RELA or RELR section.
 *
 * @param kind    "REL", "RELA" or "RELR"
 * @param count   entries in the section: sh_size / entry size (for RELR: its words, which may each stand for
 *                several addresses)
 * @param appliesTo the section the entries patch (sh_info), "" for dynamic relocations
 * @param entries the entries (RELR: one per relocated address), empty when they were not read
 *                ({@code ParseOptions.readRelocationEntries} off)
 */
public record ElfRelocationSection(String name, String kind, long count, String appliesTo,
                                   List<ElfRelocation> entries, Extent extent) {
    public ElfRelocationSection {
        entries = List.copyOf(entries);
    }
}
