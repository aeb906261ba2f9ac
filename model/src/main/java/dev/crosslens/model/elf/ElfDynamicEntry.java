package dev.crosslens.model.elf;

import dev.crosslens.model.Extent;

/**
 * One entry of the dynamic section, kept raw.
 *
 * @param tagName readelf's name without the DT_ prefix ("NEEDED", "FLAGS_1"), or the tag in hex
 * @param text    the string an entry names (NEEDED, SONAME, RPATH, RUNPATH), else null
 */
public record ElfDynamicEntry(long tag, String tagName, long value, String text, Extent extent) {
}
