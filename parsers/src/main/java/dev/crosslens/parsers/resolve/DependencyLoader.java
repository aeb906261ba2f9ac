package dev.crosslens.parsers.resolve;

import dev.crosslens.model.resolve.LibraryResolution;

import java.io.IOException;
import java.util.List;

/** How one format finds what a library needs; shared by the dependency tree and the ELF global scope. */
interface DependencyLoader {
    /** The library names {@code owner} asks for, in its own order. */
    List<String> needs(LoadedLibrary owner);

    /** Finds {@code name} as {@code owner} would; the library is null when not found. */
    Located locate(LoadedLibrary owner, String name) throws IOException;

    /** A search result. */
    record Located(LibraryResolution resolution, LoadedLibrary library) {
    }
}
