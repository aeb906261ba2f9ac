package dev.crosslens.model;

import dev.crosslens.model.macho.MachODetails;

/** A thin Mach-O image (one architecture). */
public record MachOImage(ImageCore core, MachODetails macho) implements BinaryImage {
    @Override
    public MachOImage withCore(ImageCore newCore) {
        return new MachOImage(newCore, macho);
    }
}
