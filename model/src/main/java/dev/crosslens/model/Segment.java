package dev.crosslens.model;

/**
 * A loadable or otherwise described segment: an ELF program header or a Mach-O segment command.
 * PE has none (its sections are its segments).
 *
 * @param type the format's type name ({@code LOAD}, {@code GNU_STACK}, {@code 0x65041580} when not known;
 *             Mach-O: the segment name)
 */
public record Segment(int index, String type, long rawType, long address, long memorySize, long fileOffset,
                      long fileSize, Permissions permissions, Extent extent, Extent headerExtent) {
    public Segment {
        type = type == null ? "" : type;
        permissions = permissions == null ? Permissions.NONE : permissions;
        extent = extent == null ? Extent.NONE : extent;
        headerExtent = headerExtent == null ? Extent.NONE : headerExtent;
    }
}
