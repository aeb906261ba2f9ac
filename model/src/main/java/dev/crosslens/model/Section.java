package dev.crosslens.model;

/**
 * A section in the unified view.
 *
 * @param index      position in the format's section table (ELF includes the null section 0)
 * @param name       the section's name ({@code .text}, {@code __TEXT,__text} is split: see {@code segmentName})
 * @param segmentName Mach-O segment name ({@code __TEXT}); null for other formats
 * @param type       the format's type name ({@code PROGBITS}, {@code NOBITS}, {@code S_ZEROFILL}); "" for PE
 * @param address    virtual address (PE: RVA; objects: 0)
 * @param memorySize size in memory (PE VirtualSize, ELF sh_size)
 * @param fileOffset offset of its bytes in the file
 * @param fileSize   bytes it occupies in the file (0 for NOBITS/zerofill; PE SizeOfRawData)
 * @param flags      raw flags (ELF sh_flags, PE Characteristics, Mach-O flags)
 * @param extent     the section's bytes in the file ({@link Extent#NONE} when it has none)
 * @param headerExtent where its header entry is
 */
public record Section(int index, String name, String segmentName, String type, long address, long memorySize,
                      long fileOffset, long fileSize, long flags, Permissions permissions, Extent extent,
                      Extent headerExtent) {
    public Section {
        name = name == null ? "" : name;
        type = type == null ? "" : type;
        permissions = permissions == null ? Permissions.NONE : permissions;
        extent = extent == null ? Extent.NONE : extent;
        headerExtent = headerExtent == null ? Extent.NONE : headerExtent;
    }

    /** {@code __TEXT,__text} for Mach-O, the plain name elsewhere. */
    public String qualifiedName() {
        return segmentName == null ? name : segmentName + "," + name;
    }
}
