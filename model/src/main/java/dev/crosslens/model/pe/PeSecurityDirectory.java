package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

import java.util.List;

/** The certificate table (its directory "RVA" is a file offset). Present is not verified. */
public record PeSecurityDirectory(List<PeWinCertificate> certificates, Extent extent) {
    public PeSecurityDirectory {
        certificates = List.copyOf(certificates);
    }

    public boolean hasAuthenticode() {
        return certificates.stream()
                .anyMatch(c -> c.certificateType() == PeWinCertificate.WIN_CERT_TYPE_PKCS_SIGNED_DATA);
    }
}
