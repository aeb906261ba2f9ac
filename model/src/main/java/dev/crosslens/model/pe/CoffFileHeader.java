package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

import java.util.List;

/**
 * IMAGE_FILE_HEADER (or the equivalent fields of ANON_OBJECT_HEADER_BIGOBJ, where section and symbol counts are
 * 32-bit and there is no optional header).
 *
 * @param machineName       llvm-readobj's name ({@code IMAGE_FILE_MACHINE_AMD64})
 * @param characteristicsFlags the names of the set Characteristics bits ({@code IMAGE_FILE_DLL})
 * @param bigObj            read from a /bigobj header
 */
public record CoffFileHeader(int machine, String machineName, long numberOfSections, long timeDateStamp,
                             long pointerToSymbolTable, long numberOfSymbols, int sizeOfOptionalHeader,
                             int characteristics, List<String> characteristicsFlags, boolean bigObj,
                             Extent extent) {
    public CoffFileHeader {
        characteristicsFlags = List.copyOf(characteristicsFlags);
    }
}
