package dev.crosslens.parsers.go;

import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.ImageCore;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.ParseCancelledException;

/** PLACEHOLDER: replaced by the Go work. Returns the core with Go facts, or unchanged for non-Go images. */
public final class GoAnalyzer {
    public ImageCore analyze(BinaryImage image, BinaryReader reader, ParseOptions options)
            throws ParseCancelledException {
        return image.core();
    }
}
