package dev.crosslens.app.libraries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosslens.app.TestImages;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibrariesViewModelTest {
    @Test
    void librariesGetTheirImportsExportsAndSearchPaths() {
        List<Symbol> syms = TestImages.symbols(700, 3);
        LibrariesViewModel vm = new LibrariesViewModel(TestImages.core(syms));
        LibrariesViewModel.Node root = vm.root();
        assertEquals(3, vm.libraryCount());
        LibrariesViewModel.Node libc = root.children().get(0);
        assertEquals("libc.so.6", libc.label());
        long imports = syms.stream().filter(s -> !s.defined() && s.table() == SymbolTable.DYNSYM).count();
        assertEquals(imports, libc.children().size());
        LibrariesViewModel.Node exports = root.children().stream().filter(n -> n.label().equals("Exports")).findFirst().get();
        long exported = syms.stream().filter(s -> s.defined() && s.table() == SymbolTable.DYNSYM
                && s.binding() != SymbolBinding.LOCAL).count();
        assertEquals(exported, exports.children().size());
        LibrariesViewModel.Node paths = root.children().get(root.children().size() - 1);
        assertEquals(List.of("/lib/ld-linux-aarch64.so.1", "$ORIGIN/../lib"),
                paths.children().stream().map(LibrariesViewModel.Node::label).toList());
    }
}
