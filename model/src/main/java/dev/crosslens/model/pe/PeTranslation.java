package dev.crosslens.model.pe;

/** One VarFileInfo Translation pair. */
public record PeTranslation(int language, int codePage) {
}
