package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/** LC_SYMTAB: where the nlist table and its string table are. */
public record MachOSymtab(long symoff, long nsyms, long stroff, long strsize, Extent extent) {
}
