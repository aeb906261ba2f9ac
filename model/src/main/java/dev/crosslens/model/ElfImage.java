package dev.crosslens.model;

import dev.crosslens.model.elf.ElfDetails;

/** An ELF file: executable, shared object, relocatable object or core. */
public record ElfImage(ImageCore core, ElfDetails elf) implements BinaryImage {
    @Override
    public ElfImage withCore(ImageCore newCore) {
        return new ElfImage(newCore, elf);
    }
}
