package dev.crosslens.parsers.macho;

import dev.crosslens.model.FatImage;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.ImageOpener;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;

/** PLACEHOLDER: replaced by the macho parser work. */
public final class FatMachOParser {
    public FatImage parse(BinaryReader r, ParseOptions options, ImageOpener nested) throws MalformedBinaryException {
        throw new MalformedBinaryException(r.base(), "FatMachOParser is not written yet");
    }
}
