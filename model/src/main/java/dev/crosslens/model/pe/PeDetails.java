package dev.crosslens.model.pe;

/** PE/COFF-specific structures. Placeholder: the PE parser owner fills this in. */
public record PeDetails() {
}
