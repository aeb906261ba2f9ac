package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * One export address table entry.
 *
 * @param name      null for an export by ordinal only
 * @param rva       the exported RVA (0 for an unused slot)
 * @param forwarder {@code NTDLL.RtlFoo} when the RVA points into the export directory, else null
 */
public record PeExport(long ordinal, String name, long rva, String forwarder, Extent extent) {
    public boolean forwarded() {
        return forwarder != null;
    }
}
