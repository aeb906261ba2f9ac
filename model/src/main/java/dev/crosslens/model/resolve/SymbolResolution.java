package dev.crosslens.model.resolve;

import java.util.List;

/**
 * One imported symbol and what defines it.
 *
 * @param name        the imported name, null for a PE import by ordinal
 * @param ordinal     the PE ordinal imported by, else -1
 * @param version     the ELF symbol version asked for ({@code GLIBC_2.14}), null when unversioned
 * @param binding     {@code GLOBAL}, {@code WEAK}; for PE {@code IMPORT}/{@code DELAY}; Mach-O the bind table
 * @param library     the library the reference names (PE DLL, Mach-O dylib, ELF version's vn_file), null when
 *                    the format does not say (an unversioned ELF import)
 * @param provider    the library that defines it, null when nothing does
 * @param target      where a forwarder chain ends ({@code ntdll.dll!RtlAllocateHeap}), null when not forwarded
 * @param delayLoad   a PE delay import (resolved on first call, so a failure shows late)
 * @param relocations the relocation sections (or bind tables) that use it, with counts
 * @param reason      why it is not resolved, "" when it is
 */
public record SymbolResolution(String name, int ordinal, String version, String binding, String library,
                               String provider, String target, ResolutionState state, boolean delayLoad,
                               List<RelocationUse> relocations, String reason) {
    public SymbolResolution {
        binding = binding == null ? "" : binding;
        reason = reason == null ? "" : reason;
        relocations = List.copyOf(relocations);
    }

    /** {@code name@version}, or {@code #ordinal} for an import by ordinal. */
    public String label() {
        String base = name != null ? name : "#" + ordinal;
        return version == null || version.isEmpty() ? base : base + "@" + version;
    }

    public int relocationCount() {
        int n = 0;
        for (RelocationUse u : relocations) n += u.count();
        return n;
    }
}
