package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

import java.util.List;

/**
 * LC_DYLD_CHAINED_FIXUPS: the dyld_chained_fixups_header and its imports table.
 *
 * @param importsFormat 1 DYLD_CHAINED_IMPORT, 2 DYLD_CHAINED_IMPORT_ADDEND, 3 DYLD_CHAINED_IMPORT_ADDEND64
 */
public record MachOChainedFixups(long fixupsVersion, long startsOffset, long importsOffset, long symbolsOffset,
                                 long importsCount, long importsFormat, long symbolsFormat,
                                 List<MachOChainedImport> imports, Extent extent) {
    public MachOChainedFixups {
        imports = List.copyOf(imports);
    }
}
