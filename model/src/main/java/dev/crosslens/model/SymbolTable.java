package dev.crosslens.model;

/** Which table a symbol comes from. */
public enum SymbolTable {
    SYMTAB("symtab"),
    DYNSYM("dynsym"),
    PE_IMPORTS("imports"),
    PE_EXPORTS("exports"),
    COFF("COFF"),
    MACHO_NLIST("nlist"),
    /** The dyld export trie (LC_DYLD_INFO export_off or LC_DYLD_EXPORTS_TRIE). */
    MACHO_EXPORTS("export trie"),
    GO_PCLNTAB("Go pclntab");

    private final String label;

    SymbolTable(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
