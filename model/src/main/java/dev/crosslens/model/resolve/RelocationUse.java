package dev.crosslens.model.resolve;

/** How many entries of one relocation section (or bind table) refer to a symbol. */
public record RelocationUse(String section, int count) {
}
