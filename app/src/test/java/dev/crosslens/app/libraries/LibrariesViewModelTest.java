package dev.crosslens.app.libraries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosslens.app.TestImages;
import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
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
        assertEquals(List.of("libc.so.6", "libpthread.so.0", "libdl.so.2", "Exports",
                "Search paths (RPATH / RUNPATH / LC_RPATH)"), labels(root));
    }

    private static Symbol undefined(int i, String name, String version, String library, SymbolTable table) {
        return new Symbol(i, name, null, 0, 0, table, SymbolBinding.GLOBAL, SymbolType.FUNC, "DEFAULT", "UND", false,
                version, library, 0, Extent.of(0x100 + 24L * i, 24));
    }

    private static List<String> labels(LibrariesViewModel.Node root) {
        return root.children().stream().map(LibrariesViewModel.Node::label).toList();
    }

    /** ELF with symbol versions: the libraries list their imports and the symbols name them too. */
    @Test
    void aVersionedElfListsEachLibraryOnce() {
        Library libc = new Library("libc.so.6", LibraryKind.NEEDED, List.of(
                new ImportedSymbol("memcpy", -1, -1, "GLIBC_2.14", false, Extent.of(0x100, 24))), null, null, Extent.NONE);
        Library libm = new Library("libm.so.6", LibraryKind.NEEDED, List.of(
                new ImportedSymbol("log2", -1, -1, "GLIBC_2.2.5", false, Extent.of(0x118, 24))), null, null, Extent.NONE);
        ImageCore core = ImageCore.builder(BinaryFormat.ELF).arch(Arch.X86_64).bits(64)
                .libraries(List.of(libc, libm))
                .symbols(List.of(undefined(0, "memcpy", "GLIBC_2.14", "libc.so.6", SymbolTable.DYNSYM),
                        undefined(1, "log2", "GLIBC_2.2.5", "libm.so.6", SymbolTable.DYNSYM),
                        undefined(2, "napi_get_global", null, null, SymbolTable.DYNSYM)))
                .build();
        LibrariesViewModel.Node root = new LibrariesViewModel(core).root();
        assertEquals(List.of("libc.so.6", "libm.so.6", "Imported symbols (not tied to a library)", "Exports",
                "Search paths (RPATH / RUNPATH / LC_RPATH)"), labels(root));
        assertEquals("needed  1 import", root.children().get(0).detail());
        assertEquals(List.of("memcpy@GLIBC_2.14"),
                root.children().get(0).children().stream().map(LibrariesViewModel.Node::label).toList());
        assertEquals("1 symbol", root.children().get(2).detail());
    }

    /** PE: the import descriptors list the imports, the symbols name the DLL in another case. */
    @Test
    void aPeListsEachDllOnce() {
        Library k32 = new Library("KERNEL32.dll", LibraryKind.NEEDED, List.of(
                new ImportedSymbol("ExitProcess", -1, 3, null, false, Extent.of(0x400, 2)),
                new ImportedSymbol("GetProcAddress", -1, 7, null, false, Extent.of(0x410, 2))), null, null, Extent.NONE);
        ImageCore core = ImageCore.builder(BinaryFormat.PE).arch(Arch.X86_64).bits(64)
                .libraries(List.of(k32))
                .symbols(List.of(undefined(0, "ExitProcess", null, "kernel32.dll", SymbolTable.PE_IMPORTS),
                        undefined(1, "GetProcAddress", null, "KERNEL32.dll", SymbolTable.PE_IMPORTS),
                        undefined(2, "Sleep", null, "winmm.dll", SymbolTable.PE_IMPORTS)))
                .build();
        LibrariesViewModel.Node root = new LibrariesViewModel(core).root();
        assertEquals(List.of("KERNEL32.dll", "winmm.dll", "Exports", "Search paths (RPATH / RUNPATH / LC_RPATH)"),
                labels(root));
        assertEquals("needed  2 imports", root.children().get(0).detail());
        assertEquals("not in the needed list  1 import", root.children().get(1).detail());
    }
}
