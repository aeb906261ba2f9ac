package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

import java.util.List;
import java.util.Map;

/**
 * The base relocation table in summary: its blocks and entry counts by type name ({@code DIR64},
 * {@code HIGHLOW}, {@code ABSOLUTE} padding included).
 */
public record PeBaseRelocations(List<PeBaseRelocationBlock> blocks, Map<String, Long> countsByType, long total,
                                Extent extent) {
    public PeBaseRelocations {
        blocks = List.copyOf(blocks);
        countsByType = Map.copyOf(countsByType);
    }

    public static PeBaseRelocations empty() {
        return new PeBaseRelocations(List.of(), Map.of(), 0, Extent.NONE);
    }
}
