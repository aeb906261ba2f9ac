package dev.crosslens.model;

public enum SymbolType {
    NOTYPE, OBJECT, FUNC, SECTION, FILE, COMMON, TLS, IFUNC, DEBUG, UNKNOWN
}
