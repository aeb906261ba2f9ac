package dev.crosslens.parsers.macho;

import dev.crosslens.model.MachOImage;
import dev.crosslens.parsers.ParseOptions;

import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;

/** PLACEHOLDER: replaced by the macho parser work. */
public final class MachOParser {
    public MachOImage parse(BinaryReader r, ParseOptions options) throws MalformedBinaryException {
        throw new MalformedBinaryException(r.base(), "MachOParser is not written yet");
    }
}
