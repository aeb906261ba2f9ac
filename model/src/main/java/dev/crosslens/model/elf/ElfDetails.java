package dev.crosslens.model.elf;

import java.util.List;

/**
 * ELF-specific structures beneath the unified view: every header, table and note as read, raw values kept.
 *
 * @param interpreter  PT_INTERP, null when there is none
 * @param gnuBuildId   NT_GNU_BUILD_ID in hex, null when there is none
 * @param noteOwners   every note's owner in file order
 */
public record ElfDetails(ElfHeader header, List<ElfProgramHeader> programHeaders,
                         List<ElfSectionHeader> sectionHeaders, String interpreter, List<ElfDynamicEntry> dynamic,
                         List<String> needed, String soname, String rpath, String runpath, List<ElfNote> notes,
                         String gnuBuildId, List<ElfSymbolTableInfo> symbolTables,
                         List<ElfVersionNeed> versionNeeds, List<ElfVersionAux> versionDefinitions,
                         List<ElfRelocationSection> relocationSections) {
    public ElfDetails {
        programHeaders = List.copyOf(programHeaders);
        sectionHeaders = List.copyOf(sectionHeaders);
        dynamic = List.copyOf(dynamic);
        needed = List.copyOf(needed);
        notes = List.copyOf(notes);
        symbolTables = List.copyOf(symbolTables);
        versionNeeds = List.copyOf(versionNeeds);
        versionDefinitions = List.copyOf(versionDefinitions);
        relocationSections = List.copyOf(relocationSections);
    }

    public List<String> noteOwners() {
        return notes.stream().map(ElfNote::owner).toList();
    }

    public ElfSymbolTableInfo symbolTable(String kind) {
        for (ElfSymbolTableInfo t : symbolTables) {
            if (t.kind().equals(kind)) return t;
        }
        return null;
    }
}
