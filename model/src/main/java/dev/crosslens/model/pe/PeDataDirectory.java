package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * One IMAGE_DATA_DIRECTORY entry.
 *
 * @param name llvm-readobj's name ({@code ImportTable}, {@code BaseRelocationTable}, {@code IAT})
 * @param rva  an RVA, except for the certificate table where it is a file offset
 */
public record PeDataDirectory(int index, String name, long rva, long size, Extent extent) {
    public boolean present() {
        return rva != 0 || size != 0;
    }
}
