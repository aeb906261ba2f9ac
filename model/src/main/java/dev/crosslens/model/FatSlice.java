package dev.crosslens.model;

/**
 * One architecture in a universal (fat) Mach-O file.
 *
 * @param image the slice parsed as a full image, null when it could not be read (see the fat image's diagnostics)
 */
public record FatSlice(Arch arch, long cpuType, long cpuSubtype, long offset, long size, long align,
                       BinaryImage image, Extent headerExtent) {
}
