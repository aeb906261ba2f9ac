package dev.crosslens.model.elf;

import dev.crosslens.model.Extent;

import java.util.List;

/** One Elf_Verneed entry of {@code .gnu.version_r}: a file and the versions needed from it. */
public record ElfVersionNeed(String file, List<ElfVersionAux> versions, Extent extent) {
    public ElfVersionNeed {
        versions = List.copyOf(versions);
    }
}
