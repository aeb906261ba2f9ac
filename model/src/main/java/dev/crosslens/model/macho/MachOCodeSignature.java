package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

import java.util.List;

/**
 * LC_CODE_SIGNATURE and what its SuperBlob's CodeDirectory says.
 *
 * @param identifier   the CodeDirectory identifier, null when there is no readable CodeDirectory
 * @param cdFlags      raw CodeDirectory flags (CS_ADHOC 0x2, CS_RUNTIME 0x10000, CS_LINKER_SIGNED 0x20000)
 * @param flagNames    the set flags by name
 * @param hashType     CS_HASHTYPE_* (1 SHA1, 2 SHA256 ...), 0 when unknown
 * @param blobCount    number of blobs in the SuperBlob
 * @param hasCms       a CMS signature blob is present (a real certificate signature, not ad hoc)
 */
public record MachOCodeSignature(long dataOff, long dataSize, String identifier, String teamId, long cdVersion,
                                 long cdFlags, List<String> flagNames, int hashType, String hashTypeName,
                                 long codeSlots, int blobCount, boolean hasCms, Extent extent) {
    public static final long CS_ADHOC = 0x2;
    public static final long CS_RUNTIME = 0x10000;
    public static final long CS_LINKER_SIGNED = 0x20000;

    public MachOCodeSignature {
        flagNames = List.copyOf(flagNames);
    }

    public boolean adhoc() {
        return (cdFlags & CS_ADHOC) != 0;
    }

    public boolean linkerSigned() {
        return (cdFlags & CS_LINKER_SIGNED) != 0;
    }

    public boolean hardenedRuntime() {
        return (cdFlags & CS_RUNTIME) != 0;
    }
}
