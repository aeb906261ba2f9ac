package dev.crosslens.parsers.archive;

import dev.crosslens.model.ArchiveImage;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.ImageOpener;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;

/** PLACEHOLDER: replaced by the archive parser work. */
public final class ArchiveParser {
    public ArchiveImage parse(BinaryReader r, ParseOptions options, ImageOpener nested) throws MalformedBinaryException {
        throw new MalformedBinaryException(r.base(), "ArchiveParser is not written yet");
    }
}
