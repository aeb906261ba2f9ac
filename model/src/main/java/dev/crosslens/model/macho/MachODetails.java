package dev.crosslens.model.macho;

/** Mach-O-specific structures. Placeholder: the Mach-O parser owner fills this in. */
public record MachODetails() {
}
