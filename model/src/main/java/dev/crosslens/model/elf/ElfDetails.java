package dev.crosslens.model.elf;

/** ELF-specific structures. Placeholder: the ELF parser owner fills this in. */
public record ElfDetails() {
}
