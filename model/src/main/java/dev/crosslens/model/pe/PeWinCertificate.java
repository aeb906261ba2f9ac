package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * A WIN_CERTIFICATE header of the security directory.
 *
 * @param certificateType 2 = WIN_CERT_TYPE_PKCS_SIGNED_DATA (Authenticode)
 */
public record PeWinCertificate(long length, int revision, int certificateType, Extent extent) {
    public static final int WIN_CERT_TYPE_PKCS_SIGNED_DATA = 2;
}
