package dev.crosslens.model.graph;

/** What a graph node stands for; views colour and shape by it. */
public enum NodeKind {
    BINARY, FORMAT, TABLE, SYMBOL, SYMBOL_GROUP, LIBRARY, PACKAGE, SECTION, SEGMENT, STATUS
}
