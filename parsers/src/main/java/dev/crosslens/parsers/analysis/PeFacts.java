package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Extent;

/**
 * The PE facts the rules read, in one small record the rules own (filled from the PE parser's details by
 * {@link FormatFacts}). Unknown numbers are -1, unknown flags null.
 *
 * @param pe32Plus           PE32+ (64-bit optional header); false for PE32
 * @param subsystem          IMAGE_SUBSYSTEM_* (2 = Windows GUI, 3 = Windows CUI)
 * @param dllCharacteristics IMAGE_DLLCHARACTERISTICS_* bits
 * @param dllCharacteristicsExtent where that u16 field lies in the file
 * @param tlsCallbacks       number of TLS callbacks (0 when there is no TLS directory)
 * @param debugDirectory     a debug directory is present
 * @param pdbPath            the CodeView PDB path, null when none
 * @param signed             a certificate table (Authenticode) is present
 */
public record PeFacts(boolean pe32Plus, int subsystem, long dllCharacteristics, Extent dllCharacteristicsExtent,
                      Extent subsystemExtent, int tlsCallbacks, Extent tlsExtent, Boolean debugDirectory,
                      String pdbPath, Boolean signed, Extent headerExtent) {
    public static final int SUBSYSTEM_WINDOWS_GUI = 2;
    public static final int SUBSYSTEM_WINDOWS_CUI = 3;
    public static final long HIGH_ENTROPY_VA = 0x0020;
    public static final long DYNAMIC_BASE = 0x0040;
    public static final long NX_COMPAT = 0x0100;

    public PeFacts {
        dllCharacteristicsExtent = orNone(dllCharacteristicsExtent);
        subsystemExtent = orNone(subsystemExtent);
        tlsExtent = orNone(tlsExtent);
        headerExtent = orNone(headerExtent);
    }

    private static Extent orNone(Extent e) {
        return e == null ? Extent.NONE : e;
    }

    public boolean knowsDllCharacteristics() {
        return dllCharacteristics >= 0;
    }

    /** True/false when the bit is known, null when the field was not read. */
    public Boolean has(long bit) {
        return dllCharacteristics < 0 ? null : (dllCharacteristics & bit) != 0;
    }
}
