package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * IMAGE_DEBUG_DIRECTORY.
 *
 * @param typeName llvm-readobj's name ({@code CodeView}, {@code POGO}, {@code VCFeature}) or {@code Unknown (n)}
 * @param codeView the CodeView record when type is 2 and readable, else null
 */
public record PeDebugDirectoryEntry(long characteristics, long timeDateStamp, int majorVersion, int minorVersion,
                                    long type, String typeName, long sizeOfData, long addressOfRawData,
                                    long pointerToRawData, PeCodeView codeView, Extent extent) {
}
