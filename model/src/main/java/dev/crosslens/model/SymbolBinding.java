package dev.crosslens.model;

public enum SymbolBinding {
    LOCAL, GLOBAL, WEAK, UNIQUE, UNKNOWN
}
