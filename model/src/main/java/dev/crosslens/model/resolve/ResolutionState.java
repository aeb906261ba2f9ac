package dev.crosslens.model.resolve;

/** The outcome for one library or one imported symbol. */
public enum ResolutionState {
    /** Found: the library file, or a definition of the symbol (with the version asked for). */
    RESOLVED,
    /** Not found, and the loader would fail (or, for a lazy binding, fail when first called). */
    UNRESOLVED,
    /** Not found, but the reference is weak (ELF STB_WEAK, Mach-O weak import): the loader leaves it null. */
    WEAK_MISSING,
    /** Not checked: nothing to check against (a Mach-O binary with no SDK given, a dynamic-lookup binding). */
    UNCHECKED;

    /** True when the loader would refuse the binary (or crash on first use) because of this. */
    public boolean isError() {
        return this == UNRESOLVED;
    }
}
