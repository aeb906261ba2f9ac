package dev.crosslens.parsers.elf;

import dev.crosslens.model.ElfImage;
import dev.crosslens.parsers.ParseOptions;

import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;

/** PLACEHOLDER: replaced by the elf parser work. */
public final class ElfParser {
    public ElfImage parse(BinaryReader r, ParseOptions options) throws MalformedBinaryException {
        throw new MalformedBinaryException(r.base(), "ElfParser is not written yet");
    }
}
