package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/** LC_DYSYMTAB: how the symbol table is grouped, and the indirect and relocation tables. */
public record MachODysymtab(long ilocalsym, long nlocalsym, long iextdefsym, long nextdefsym, long iundefsym,
                            long nundefsym, long tocoff, long ntoc, long modtaboff, long nmodtab,
                            long extrefsymoff, long nextrefsyms, long indirectsymoff, long nindirectsyms,
                            long extreloff, long nextrel, long locreloff, long nlocrel, Extent extent) {
}
