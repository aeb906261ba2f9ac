package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/** LC_DYLD_INFO / LC_DYLD_INFO_ONLY: where the compressed rebase, bind and export streams are. */
public record MachODyldInfo(long rebaseOff, long rebaseSize, long bindOff, long bindSize, long weakBindOff,
                            long weakBindSize, long lazyBindOff, long lazyBindSize, long exportOff,
                            long exportSize, Extent extent) {
}
