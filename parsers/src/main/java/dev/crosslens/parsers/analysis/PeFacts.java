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
 * @param headerExtent       the optional header
 * @param magicExtent        the optional header's Magic (0x10b PE32, 0x20b PE32+)
 * @param debugTypes         the type of each debug directory entry ({@code CodeView}, {@code POGO}), in order
 * @param debugExtent        the debug directory's entries, else its data directory entry
 * @param certificateExtent  the certificate table's data directory entry
 * @param tlsCallbackNames   per TLS callback, the defined symbol at its address ("" when the image has no symbol
 *                           there, as in a stripped one)
 */
public record PeFacts(boolean pe32Plus, int subsystem, long dllCharacteristics, Extent dllCharacteristicsExtent,
                      Extent subsystemExtent, int tlsCallbacks, Extent tlsExtent, Boolean debugDirectory,
                      String pdbPath, Boolean signed, Extent headerExtent, Extent magicExtent,
                      java.util.List<String> debugTypes, Extent debugExtent, Extent certificateExtent,
                      java.util.List<String> tlsCallbackNames) {
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
        magicExtent = orNone(magicExtent);
        debugTypes = debugTypes == null ? java.util.List.of() : java.util.List.copyOf(debugTypes);
        debugExtent = orNone(debugExtent);
        certificateExtent = orNone(certificateExtent);
        tlsCallbackNames = tlsCallbackNames == null ? java.util.List.of() : java.util.List.copyOf(tlsCallbackNames);
    }

    /** Facts without the field extents and debug entry types (unit tests of the flag rules). */
    public PeFacts(boolean pe32Plus, int subsystem, long dllCharacteristics, Extent dllCharacteristicsExtent,
                   Extent subsystemExtent, int tlsCallbacks, Extent tlsExtent, Boolean debugDirectory, String pdbPath,
                   Boolean signed, Extent headerExtent) {
        this(pe32Plus, subsystem, dllCharacteristics, dllCharacteristicsExtent, subsystemExtent, tlsCallbacks, tlsExtent,
                debugDirectory, pdbPath, signed, headerExtent, Extent.NONE,
                pdbPath != null ? java.util.List.of("CodeView") : java.util.List.of(), Extent.NONE, Extent.NONE,
                java.util.Collections.nCopies(Math.max(0, tlsCallbacks), ""));
    }

    /** The extent to show for a field: its own when known, else the optional header. */
    public Extent orHeader(Extent field) {
        return field.isKnown() ? field : headerExtent;
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
