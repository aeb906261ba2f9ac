package dev.crosslens.app.compare;

import dev.crosslens.model.Extent;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.SizeTotals;
import dev.crosslens.model.diff.SymbolChange;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.diff.BuildDiffer;
import dev.crosslens.parsers.diff.DiffSide;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The compare view model without a window: the exports / imports facet. */
class CompareViewModelTest {
    private static Symbol sym(String name, SymbolTable t, boolean defined, SymbolBinding b) {
        return new Symbol(0, name, null, 0x1000, 8, t, b, SymbolType.FUNC, "", "", defined, null,
                defined ? null : "libc.so.6", 0, Extent.of(0x100, 8));
    }

    private static SymbolChange added(String name, SymbolTable t, boolean defined) {
        return new SymbolChange(ChangeKind.ADDED, t, name, null, sym(name, t, defined, SymbolBinding.GLOBAL), List.of());
    }

    private static CompareViewModel vmShowing(List<SymbolChange> symbols) {
        CompareViewModel vm = new CompareViewModel(Runnable::run, null);
        vm.show(new BuildDiff("a", "b", List.of(), symbols, List.of(), List.of(), new SizeTotals(1, 1, 0, 0),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
        return vm;
    }

    private static List<String> shown(CompareViewModel vm, CompareViewModel.Linkage l) {
        vm.linkageFacetProperty().set(l);
        return vm.visibleSymbols().stream().map(SymbolChange::name).toList();
    }

    @Test
    void exportsAndImportsAreToldApartInEveryFormatsTables() {
        SymbolChange flipped = new SymbolChange(ChangeKind.CHANGED, SymbolTable.DYNSYM, "moved",
                sym("moved", SymbolTable.DYNSYM, false, SymbolBinding.GLOBAL),
                sym("moved", SymbolTable.DYNSYM, true, SymbolBinding.GLOBAL), List.of("defined"));
        CompareViewModel vm = vmShowing(List.of(
                added("elf_defined", SymbolTable.DYNSYM, true),
                added("elf_undefined", SymbolTable.DYNSYM, false),
                added("pe_export", SymbolTable.PE_EXPORTS, true),
                added("pe_import", SymbolTable.PE_IMPORTS, false),
                added("trie_export", SymbolTable.MACHO_EXPORTS, true),
                added("macho_undefined", SymbolTable.MACHO_NLIST, false),
                added("static_fn", SymbolTable.SYMTAB, true),
                added("main.main", SymbolTable.GO_PCLNTAB, true),
                flipped));
        assertThat(shown(vm, CompareViewModel.Linkage.EXPORTS))
                .containsExactly("elf_defined", "pe_export", "trie_export", "moved");
        assertThat(shown(vm, CompareViewModel.Linkage.IMPORTS))
                .containsExactly("elf_undefined", "pe_import", "macho_undefined", "moved");
        assertThat(shown(vm, CompareViewModel.Linkage.INTERNAL)).containsExactly("static_fn", "main.main");
        assertThat(shown(vm, CompareViewModel.Linkage.ALL)).hasSize(9);
        assertThat(vm.count(CompareViewModel.Linkage.EXPORTS)).isEqualTo(4);

        // the facet combines with the others
        vm.linkageFacetProperty().set(CompareViewModel.Linkage.IMPORTS);
        vm.tableFacetProperty().set(SymbolTable.DYNSYM);
        assertThat(vm.visibleSymbols()).extracting(SymbolChange::name).containsExactly("elf_undefined", "moved");
        vm.showChangedProperty().set(false);
        assertThat(vm.visibleSymbols()).extracting(SymbolChange::name).containsExactly("elf_undefined");
    }

    @Test
    void cgoOnBringsImportsFromLibcAndTheImportsFacetListsJustThem() throws Exception {
        var a = Binaries.open(Fixtures.file("diff-pairs", "base"), ParseOptions.defaults());
        var b = Binaries.open(Fixtures.file("diff-pairs", "cgo"), ParseOptions.defaults());
        BuildDiff d = new BuildDiffer().diff(DiffSide.of(a), DiffSide.of(b));
        CompareViewModel vm = new CompareViewModel(Runnable::run, null);
        vm.show(d);
        vm.linkageFacetProperty().set(CompareViewModel.Linkage.IMPORTS);
        assertThat(vm.visibleSymbols()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.table()).isEqualTo(SymbolTable.DYNSYM);
            assertThat(s.newSymbol().defined()).isFalse();
        });
        assertThat(vm.visibleSymbols()).extracting(SymbolChange::name).anyMatch(n -> n.startsWith("malloc"));
        vm.linkageFacetProperty().set(CompareViewModel.Linkage.EXPORTS);
        assertThat(vm.visibleSymbols()).allSatisfy(s -> assertThat(s.isExport()).isTrue());
    }
}
