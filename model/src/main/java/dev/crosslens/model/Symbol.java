package dev.crosslens.model;

/**
 * One symbol, from any table, in the unified view.
 *
 * @param index      position in its table
 * @param name       the raw (mangled) name as stored
 * @param demangled  the readable name, or null where demangling does not apply or has not run
 * @param value      address or value (u64 in a long)
 * @param section    section name, or "UND"/"ABS"/"COM" for the special indices, "" when unknown
 * @param defined    false for undefined/imported symbols
 * @param visibility ELF st_other visibility (DEFAULT, HIDDEN, PROTECTED, INTERNAL); "" elsewhere
 * @param version    symbol version ({@code GLIBC_2.14}), null when not versioned
 * @param library    the library an import binds to (PE DLL, Mach-O dylib), null where unknown
 * @param rawType    the format's raw type/flags value (ELF st_info, Mach-O n_type, COFF type), for evidence
 */
public record Symbol(int index, String name, String demangled, long value, long size, SymbolTable table,
                     SymbolBinding binding, SymbolType type, String visibility, String section, boolean defined,
                     String version, String library, long rawType, Extent extent) {
    public Symbol {
        name = name == null ? "" : name;
        visibility = visibility == null ? "" : visibility;
        section = section == null ? "" : section;
        binding = binding == null ? SymbolBinding.UNKNOWN : binding;
        type = type == null ? SymbolType.UNKNOWN : type;
        extent = extent == null ? Extent.NONE : extent;
    }

    /** The name people read: demangled when there is one. */
    public String displayName() {
        return demangled != null && !demangled.isEmpty() ? demangled : name;
    }

    /** {@code name@version} as readelf prints it, or the plain name. */
    public String versionedName() {
        return version == null || version.isEmpty() ? name : name + "@" + version;
    }

    public Symbol withDemangled(String readable) {
        return new Symbol(index, name, readable, value, size, table, binding, type, visibility, section, defined,
                version, library, rawType, extent);
    }
}
