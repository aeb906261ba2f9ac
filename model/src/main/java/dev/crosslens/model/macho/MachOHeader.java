package dev.crosslens.model.macho;

import dev.crosslens.model.Endianness;
import dev.crosslens.model.Extent;

import java.util.List;

/**
 * The mach_header / mach_header_64.
 *
 * @param cpuTypeName    llvm-objdump's name for the cputype ({@code X86_64}, {@code ARM64}, {@code PPC}), or the raw
 *                       number in hex when unknown
 * @param cpuSubtypeName llvm-objdump's name for the subtype without capability bits ({@code ALL}, {@code E})
 * @param fileTypeName   {@code EXECUTE}, {@code DYLIB}, {@code OBJECT} ... or the raw number in hex
 * @param flagNames      one name per set flag bit, llvm-objdump's spelling; unknown bits as hex
 */
public record MachOHeader(long magic, boolean is64, Endianness endianness, long cpuType, String cpuTypeName,
                          long cpuSubtype, String cpuSubtypeName, long fileType, String fileTypeName, long ncmds,
                          long sizeofcmds, long flags, List<String> flagNames, Extent extent) {
    public MachOHeader {
        flagNames = List.copyOf(flagNames);
    }

    public static final long MH_NOUNDEFS = 0x1;
    public static final long MH_DYLDLINK = 0x4;
    public static final long MH_TWOLEVEL = 0x80;
    public static final long MH_ALLOW_STACK_EXECUTION = 0x20000;
    public static final long MH_PIE = 0x200000;
    public static final long MH_NO_HEAP_EXECUTION = 0x1000000;

    public boolean hasFlag(long flag) {
        return (flags & flag) != 0;
    }
}
