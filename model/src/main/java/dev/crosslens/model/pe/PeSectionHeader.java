package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * IMAGE_SECTION_HEADER.
 *
 * @param index   1-based, as COFF section numbers count
 * @param rawName the 8 name bytes as stored ({@code /4} for a long name)
 * @param name    the resolved name (long names from the string table)
 */
public record PeSectionHeader(int index, String rawName, String name, long virtualSize, long virtualAddress,
                              long sizeOfRawData, long pointerToRawData, long pointerToRelocations,
                              long pointerToLinenumbers, int numberOfRelocations, int numberOfLinenumbers,
                              long characteristics, Extent extent) {
}
