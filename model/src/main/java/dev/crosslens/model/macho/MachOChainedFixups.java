package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

import java.util.List;

/**
 * LC_DYLD_CHAINED_FIXUPS: the dyld_chained_fixups_header and its imports table.
 *
 * @param importsFormat 1 DYLD_CHAINED_IMPORT, 2 DYLD_CHAINED_IMPORT_ADDEND, 3 DYLD_CHAINED_IMPORT_ADDEND64
 * @param starts        the dyld_chained_starts_in_segment of every segment that has fixups
 * @param fixups        every pointer found by following the chains, in segment/page/chain order (empty when
 *                      relocation entries are not read)
 */
public record MachOChainedFixups(long fixupsVersion, long startsOffset, long importsOffset, long symbolsOffset,
                                 long importsCount, long importsFormat, long symbolsFormat,
                                 List<MachOChainedImport> imports, List<MachOChainedStarts> starts,
                                 List<MachOChainedFixup> fixups, Extent extent) {
    public MachOChainedFixups {
        imports = List.copyOf(imports);
        starts = List.copyOf(starts);
        fixups = List.copyOf(fixups);
    }

    public long bindCount() {
        return fixups.stream().filter(MachOChainedFixup::bind).count();
    }

    public long rebaseCount() {
        return fixups.size() - bindCount();
    }
}
