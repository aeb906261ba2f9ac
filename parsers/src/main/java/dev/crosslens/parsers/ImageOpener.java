package dev.crosslens.parsers;

import dev.crosslens.model.BinaryImage;
import dev.crosslens.parsers.io.BinaryReader;

import java.io.IOException;

/**
 * Opens a nested image (a fat slice, an archive member) with the same detection, parsers and enrichment as a
 * file. Container parsers receive one from {@link Binaries}; it enforces {@link ParseOptions#maxDepth()}.
 */
@FunctionalInterface
public interface ImageOpener {
    /**
     * @throws dev.crosslens.parsers.io.UnsupportedFormatException when the bytes are no binary
     * @throws dev.crosslens.parsers.io.MalformedBinaryException   when they have no usable header
     */
    BinaryImage open(BinaryReader window) throws IOException;
}
