package dev.crosslens.model.diff;

import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolTable;

import java.util.List;

/**
 * A symbol added, removed or changed in one table. Symbols are matched by name, and a removed/added pair with
 * the same demangled name (a Rust hash or a C++ ABI tag that moved) is one CHANGED symbol.
 *
 * @param changedFields for CHANGED: which of size, type, binding, visibility, version, section, name, defined
 */
public record SymbolChange(ChangeKind kind, SymbolTable table, String name, Symbol oldSymbol, Symbol newSymbol,
                           List<String> changedFields) {
    public SymbolChange {
        changedFields = List.copyOf(changedFields);
    }

    public String displayName() {
        Symbol s = newSymbol != null ? newSymbol : oldSymbol;
        return s.displayName();
    }

    public long sizeDelta() {
        return (newSymbol == null ? 0 : newSymbol.size()) - (oldSymbol == null ? 0 : oldSymbol.size());
    }

    /** True for an export (a defined global/weak symbol of a dynamic table or the PE export table or Mach-O export trie). */
    public boolean isExport() {
        Symbol s = oldSymbol != null ? oldSymbol : newSymbol;
        return table == SymbolTable.PE_EXPORTS || (table == SymbolTable.MACHO_EXPORTS && s.defined())
                || (table == SymbolTable.DYNSYM && s.defined())
                || (table == SymbolTable.MACHO_NLIST && s.defined()
                    && s.binding() != dev.crosslens.model.SymbolBinding.LOCAL);
    }

    /** True for an import (an undefined symbol of a dynamic table, or a PE import). */
    public boolean isImport() {
        Symbol s = oldSymbol != null ? oldSymbol : newSymbol;
        return table == SymbolTable.PE_IMPORTS || ((table == SymbolTable.DYNSYM || table == SymbolTable.MACHO_NLIST)
                && !s.defined());
    }
}
