package dev.crosslens.parsers.pe;

import dev.crosslens.model.pe.PeSectionHeader;

import java.util.List;

/**
 * Maps RVAs to file offsets through the section table, as the loader lays sections out: an RVA inside a
 * section's virtual range maps to its raw data when it falls within SizeOfRawData; RVAs below SizeOfHeaders map
 * to themselves. Everything else is not backed by the file (-1).
 */
final class RvaMap {
    private final long[] va;
    private final long[] span;
    private final long[] raw;
    private final long[] rawSize;
    private final long headerSize;

    RvaMap(List<PeSectionHeader> sections, long sizeOfHeaders) {
        int n = sections.size();
        va = new long[n];
        span = new long[n];
        raw = new long[n];
        rawSize = new long[n];
        for (int i = 0; i < n; i++) {
            PeSectionHeader s = sections.get(i);
            va[i] = s.virtualAddress();
            span[i] = Math.max(s.virtualSize(), s.sizeOfRawData());
            raw[i] = s.pointerToRawData();
            rawSize[i] = s.sizeOfRawData();
        }
        headerSize = sizeOfHeaders;
    }

    /** The file offset of {@code rva}, or -1 when no section's file bytes hold it. */
    long offset(long rva) {
        if (rva < 0) return -1;
        for (int i = 0; i < va.length; i++) {
            long d = rva - va[i];
            if (d >= 0 && d < span[i]) {
                return d < rawSize[i] ? raw[i] + d : -1;
            }
        }
        return rva < headerSize ? rva : -1;
    }

    /** Whether {@code rva} lies in any section's virtual range (even past its file bytes). */
    boolean inImage(long rva) {
        for (int i = 0; i < va.length; i++) {
            long d = rva - va[i];
            if (d >= 0 && d < span[i]) return true;
        }
        return false;
    }
}
