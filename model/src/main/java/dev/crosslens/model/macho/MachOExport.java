package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/**
 * One terminal of the dyld export trie (LC_DYLD_INFO export_off/size or LC_DYLD_EXPORTS_TRIE).
 *
 * @param flags           raw EXPORT_SYMBOL_FLAGS_* value
 * @param address         offset of the symbol from the image base (the mach header); -1 for a re-export
 * @param resolverOffset  offset of the resolver function for a stub-and-resolver export, -1 otherwise
 * @param reexportOrdinal library ordinal a re-export comes from (1-based), 0 when not a re-export
 * @param reexportLibrary that dylib's install name, null when not a re-export or the ordinal names no dylib
 * @param importedName    the name in the other dylib for a renamed re-export, null when unchanged or not one
 * @param extent          where the terminal node's payload is in the file
 */
public record MachOExport(String name, long flags, long address, long resolverOffset, int reexportOrdinal,
                          String reexportLibrary, String importedName, Extent extent) {
    public static final long KIND_MASK = 0x03;
    public static final long KIND_REGULAR = 0x00;
    public static final long KIND_THREAD_LOCAL = 0x01;
    public static final long KIND_ABSOLUTE = 0x02;
    public static final long WEAK_DEFINITION = 0x04;
    public static final long REEXPORT = 0x08;
    public static final long STUB_AND_RESOLVER = 0x10;
    public static final long STATIC_RESOLVER = 0x20;

    /** The kind bits: {@code regular}, {@code thread-local}, {@code absolute} or {@code kind 0x3}. */
    public String kindLabel() {
        long k = flags & KIND_MASK;
        return k == KIND_REGULAR ? "regular" : k == KIND_THREAD_LOCAL ? "thread-local"
                : k == KIND_ABSOLUTE ? "absolute" : "kind 0x" + Long.toHexString(k);
    }

    public boolean threadLocal() {
        return (flags & KIND_MASK) == KIND_THREAD_LOCAL;
    }

    public boolean absolute() {
        return (flags & KIND_MASK) == KIND_ABSOLUTE;
    }

    public boolean weak() {
        return (flags & WEAK_DEFINITION) != 0;
    }

    public boolean reexport() {
        return (flags & REEXPORT) != 0;
    }

    public boolean stubAndResolver() {
        return (flags & STUB_AND_RESOLVER) != 0;
    }

    /** {@code regular}, {@code regular weak}, {@code regular re-export}, {@code regular stub-and-resolver} ... */
    public String label() {
        StringBuilder sb = new StringBuilder(kindLabel());
        if (weak()) sb.append(" weak");
        if (reexport()) sb.append(" re-export");
        if (stubAndResolver()) sb.append(" stub-and-resolver");
        if ((flags & STATIC_RESOLVER) != 0) sb.append(" static-resolver");
        long unknown = flags & ~0x3fL;
        if (unknown != 0) sb.append(" 0x").append(Long.toHexString(unknown));
        return sb.toString();
    }
}
