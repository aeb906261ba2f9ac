package dev.crosslens.model;

import java.util.Map;

/**
 * How many relocations an image carries, by table and by type name ({@code R_X86_64_JUMP_SLOT},
 * {@code DIR64}, Mach-O fixups). Entries themselves are in the format's own records.
 */
public record RelocationSummary(long total, Map<String, Long> byTable, Map<String, Long> byType) {
    public RelocationSummary {
        byTable = Map.copyOf(byTable);
        byType = Map.copyOf(byType);
    }

    public static RelocationSummary empty() {
        return new RelocationSummary(0, Map.of(), Map.of());
    }
}
