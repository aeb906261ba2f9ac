package dev.crosslens.parsers.pe;

import dev.crosslens.model.PeImage;
import dev.crosslens.parsers.ParseOptions;

import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;

/** PLACEHOLDER: replaced by the pe parser work. */
public final class CoffObjectParser {
    public PeImage parse(BinaryReader r, ParseOptions options) throws MalformedBinaryException {
        throw new MalformedBinaryException(r.base(), "CoffObjectParser is not written yet");
    }
}
