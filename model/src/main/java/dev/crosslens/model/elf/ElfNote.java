package dev.crosslens.model.elf;

import dev.crosslens.model.Extent;

/**
 * One note from a SHT_NOTE section or PT_NOTE segment.
 *
 * @param typeName readelf's name for the (owner, type) pair ("NT_GNU_BUILD_ID"), or the type in hex
 * @param summary  the decoded descriptor for people: the build id in hex, "Linux 3.2.0", the Go build id
 * @param source   the section name or "PT_NOTE[i]" it was read from
 */
public record ElfNote(String owner, long type, String typeName, String summary, String source, Extent extent) {
}
