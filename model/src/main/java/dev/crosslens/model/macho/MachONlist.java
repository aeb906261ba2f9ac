package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/**
 * One nlist / nlist_64 entry, STAB debugging entries included.
 *
 * @param type           raw n_type
 * @param sect           raw n_sect (1-based section number, 0 = NO_SECT)
 * @param desc           raw n_desc
 * @param stabName       {@code N_SO}, {@code N_FUN} ... for STAB entries, null otherwise
 * @param libraryOrdinal the library this undefined symbol binds to: from the bind info or chained fixups
 *                       imports, else the two-level namespace ordinal in n_desc; -100 when not known
 * @param library        that library's install name, or SELF / MAIN_EXECUTABLE / DYNAMIC_LOOKUP; null when
 *                       not known (flat namespace without bind info)
 */
public record MachONlist(int index, String name, long strx, int type, int sect, int desc, long value,
                         String stabName, int libraryOrdinal, String library, Extent extent) {
    public static final int N_STAB = 0xe0;
    public static final int N_PEXT = 0x10;
    public static final int N_TYPE = 0x0e;
    public static final int N_EXT = 0x01;
    public static final int N_UNDF = 0x0;
    public static final int N_ABS = 0x2;
    public static final int N_SECT = 0xe;
    public static final int N_PBUD = 0xc;
    public static final int N_INDR = 0xa;
    public static final int N_WEAK_REF = 0x40;
    public static final int N_WEAK_DEF = 0x80;
    public static final int UNKNOWN_ORDINAL = -100;

    public boolean stab() {
        return (type & N_STAB) != 0;
    }

    public boolean external() {
        return !stab() && (type & N_EXT) != 0;
    }

    public boolean undefined() {
        return !stab() && (type & N_TYPE) == N_UNDF;
    }

    /** A common symbol: undefined external with a size in n_value. */
    public boolean common() {
        return undefined() && external() && value != 0;
    }

    public boolean weak() {
        return !stab() && (desc & (N_WEAK_REF | N_WEAK_DEF)) != 0;
    }

    /** GET_LIBRARY_ORDINAL(n_desc). */
    public int descLibraryOrdinal() {
        return (desc >> 8) & 0xff;
    }
}
