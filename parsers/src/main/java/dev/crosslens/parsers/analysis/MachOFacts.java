package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Extent;

/**
 * The Mach-O facts the rules read beyond the common view (filled by {@link FormatFacts}).
 *
 * @param minOs          the minimum OS version from LC_BUILD_VERSION / LC_VERSION_MIN_* ({@code 11.0}), null
 *                       when the file has none
 * @param platform       {@code macos}, {@code ios} ..., "" when unknown
 * @param minOsExtent    the load command that states it
 * @param codeSignature  LC_CODE_SIGNATURE present; null when not known
 * @param codeSignatureExtent the load command or the signature blob
 */
public record MachOFacts(String minOs, String platform, Extent minOsExtent, Boolean codeSignature,
                         Extent codeSignatureExtent) {
    public MachOFacts {
        platform = platform == null ? "" : platform;
        minOsExtent = minOsExtent == null ? Extent.NONE : minOsExtent;
        codeSignatureExtent = codeSignatureExtent == null ? Extent.NONE : codeSignatureExtent;
    }
}
