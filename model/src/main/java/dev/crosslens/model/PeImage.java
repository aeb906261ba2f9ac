package dev.crosslens.model;

import dev.crosslens.model.pe.PeDetails;

/** A PE image (PE32 / PE32+) or a bare COFF object ({@code .obj}). */
public record PeImage(ImageCore core, PeDetails pe) implements BinaryImage {
    @Override
    public PeImage withCore(ImageCore newCore) {
        return new PeImage(newCore, pe);
    }
}
