package dev.crosslens.model;

import java.util.List;

/**
 * A parsed image. Every variant answers the common view through {@link #core()} and keeps its format's own
 * records beside it. Fat Mach-O files and archives hold further images.
 */
public sealed interface BinaryImage permits ElfImage, PeImage, MachOImage, FatImage, ArchiveImage {
    ImageCore core();

    /** The same image with another common view (after enrichment: Go facts, demangled names). */
    BinaryImage withCore(ImageCore core);

    /** Images held inside this one: fat slices, archive members. Empty for a plain image. */
    default List<BinaryImage> children() {
        return List.of();
    }
}
