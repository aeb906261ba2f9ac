package dev.crosslens.parsers.demangle;

import dev.crosslens.model.ImageCore;

/** PLACEHOLDER: replaced by the demangling work. Fills in {@code Symbol.demangled}. */
public final class SymbolDemangler {
    public ImageCore demangle(ImageCore core) {
        return core;
    }
}
