package dev.crosslens.app.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.TestImages;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolsViewModelTest {
    private final List<Symbol> symbols = TestImages.symbols(5000, 1);

    private long count(java.util.function.Predicate<Symbol> p) {
        return symbols.stream().filter(p).count();
    }

    @Test
    void substringFilterMatchesDemangledRawAndLibraryCaseInsensitively() {
        SymbolsViewModel vm = new SymbolsViewModel(symbols);
        assertEquals(5000, vm.sorted().size());
        vm.filterTextProperty().set("CORE::FMT");
        assertEquals(count(s -> s.demangled() != null && s.demangled().contains("core::fmt")), vm.sorted().size());
        vm.filterTextProperty().set("_zn4core");
        assertEquals(1000, vm.sorted().size());
        vm.filterTextProperty().set("libc.so");
        assertEquals(count(s -> !s.defined()), vm.sorted().size());
        vm.filterTextProperty().set("");
        assertEquals(5000, vm.shownProperty().get());
    }

    @Test
    void regexModeAndBadRegex() {
        SymbolsViewModel vm = new SymbolsViewModel(symbols);
        vm.regexProperty().set(true);
        vm.filterTextProperty().set("^net/http\\.func");
        assertEquals(count(s -> s.name().startsWith("net/http.func")), vm.sorted().size());
        assertTrue(vm.sorted().size() > 0);
        vm.filterTextProperty().set("([unclosed");
        assertEquals(0, vm.sorted().size());
        assertFalse(vm.filterErrorProperty().get().isEmpty());
        vm.filterTextProperty().set("func");
        assertTrue(vm.filterErrorProperty().get().isEmpty());
    }

    @Test
    void facetsCombineWithText() {
        SymbolsViewModel vm = new SymbolsViewModel(symbols);
        vm.definitionProperty().set(SymbolsViewModel.Definition.UNDEFINED);
        assertEquals(count(s -> !s.defined()), vm.sorted().size());
        vm.definitionProperty().set(SymbolsViewModel.Definition.WEAK);
        assertEquals(count(s -> s.binding() == SymbolBinding.WEAK), vm.sorted().size());
        vm.definitionProperty().set(SymbolsViewModel.Definition.DEFINED);
        vm.tableProperty().set(SymbolTable.GO_PCLNTAB);
        vm.bindingProperty().set(SymbolBinding.GLOBAL);
        vm.filterTextProperty().set("runtime");
        assertEquals(count(s -> s.defined() && s.table() == SymbolTable.GO_PCLNTAB
                && s.binding() == SymbolBinding.GLOBAL && s.name().contains("runtime")), vm.sorted().size());
        assertTrue(vm.tables().contains(SymbolTable.DYNSYM));
    }
}
