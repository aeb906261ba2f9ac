package dev.crosslens.model.resolve;

import dev.crosslens.model.BinaryFormat;

import java.util.List;

/**
 * What a binary imports, resolved against a sysroot (ELF), a folder of DLLs (PE) or nothing (Mach-O).
 *
 * @param sysroot   the folder resolved against
 * @param libraries the libraries the binary names directly, in its own order
 * @param symbols   every imported symbol
 * @param tree      the recursive dependency tree, rooted at the binary
 * @param notes     what the resolver could not do or chose ("no SDK given: Mach-O imports are not checked")
 */
public record Resolution(String binary, BinaryFormat format, String sysroot, List<LibraryResolution> libraries,
                         List<SymbolResolution> symbols, DependencyNode tree, List<String> notes) {
    public Resolution {
        libraries = List.copyOf(libraries);
        symbols = List.copyOf(symbols);
        notes = List.copyOf(notes);
    }

    public long count(ResolutionState s) {
        return symbols.stream().filter(x -> x.state() == s).count();
    }

    /** Unresolved libraries and non-weak unresolved symbols: what makes the loader fail. */
    public boolean hasErrors() {
        return libraries.stream().anyMatch(l -> l.state().isError())
                || symbols.stream().anyMatch(s -> s.state().isError());
    }

    public List<SymbolResolution> unresolved() {
        return symbols.stream().filter(s -> s.state().isError()).toList();
    }
}
