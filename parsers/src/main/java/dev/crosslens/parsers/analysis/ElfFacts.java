package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Extent;

/**
 * The ELF facts the rules read beyond the common view (filled by {@link FormatFacts}).
 *
 * @param osAbi       EI_OSABI, -1 when unknown
 * @param osAbiName   its name ({@code ELFOSABI_FREEBSD}), "" when unknown
 * @param osAbiExtent the EI_OSABI byte
 * @param dynamicExtent the .dynamic section / PT_DYNAMIC bytes, where RPATH/RUNPATH/NEEDED entries live
 * @param rpathExtent   the DT_RPATH / DT_RUNPATH entry, {@link Extent#NONE} when there is none
 */
public record ElfFacts(int osAbi, String osAbiName, Extent osAbiExtent, Extent dynamicExtent, Extent rpathExtent) {
    public ElfFacts {
        rpathExtent = rpathExtent == null ? Extent.NONE : rpathExtent;
        osAbiName = osAbiName == null ? "" : osAbiName;
        osAbiExtent = osAbiExtent == null ? Extent.NONE : osAbiExtent;
        dynamicExtent = dynamicExtent == null ? Extent.NONE : dynamicExtent;
    }
}
