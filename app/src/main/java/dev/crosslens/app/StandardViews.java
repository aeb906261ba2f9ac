package dev.crosslens.app;

import dev.crosslens.app.findings.TargetPickerView;
import dev.crosslens.app.findings.TargetPickerViewModel;
import dev.crosslens.app.go.GoView;
import dev.crosslens.app.go.GoViewModel;
import dev.crosslens.app.hex.HexView;
import dev.crosslens.app.hex.HexViewModel;
import dev.crosslens.app.libraries.LibrariesView;
import dev.crosslens.app.libraries.LibrariesViewModel;
import dev.crosslens.app.overview.OverviewView;
import dev.crosslens.app.overview.OverviewViewModel;
import dev.crosslens.app.relocations.RelocationsView;
import dev.crosslens.app.relocations.RelocationsViewModel;
import dev.crosslens.app.sections.SectionsView;
import dev.crosslens.app.sections.SectionsViewModel;
import dev.crosslens.app.symbols.SymbolsView;
import dev.crosslens.app.symbols.SymbolsViewModel;

/**
 * The views of one binary that ship with the workbench, one line each. Other features register theirs the same
 * way from {@link WorkbenchApp} (findings, compare, graph, trace).
 */
public final class StandardViews {
    private StandardViews() {
    }

    /** The Overview's target picker: starts on the last target picked and remembers the next one. */
    static TargetPickerView targetPicker(Workbench wb, WorkbenchItem it) {
        TargetPickerViewModel vm = new TargetPickerViewModel(wb.executor(), f -> wb.reveal(Workbench.Reveal.finding(f)));
        Settings s = wb.settings();
        vm.intentTextProperty().set(s.lastIntent());
        String last = s.lastTarget();
        if (last != null) vm.targets().stream().filter(p -> p.id().equals(last)).findFirst().ifPresent(vm.targetProperty()::set);
        vm.targetProperty().addListener((o, a, t) -> s.setLastTarget(t == null ? null : t.id()));
        vm.intentTextProperty().addListener((o, a, t) -> s.setLastIntent(t));
        // a fat slice or archive member is checked on its own image, not the whole file
        dev.crosslens.model.BinaryFile f = it.file();
        vm.fileProperty().set(it.parent() == null ? f
                : new dev.crosslens.model.BinaryFile(f.path(), f.size(), f.sha256(), it.image()));
        return new TargetPickerView(vm);
    }

    public static void register(ViewRegistry r) {
        r.registerItemView("overview", "Overview",
                (wb, it) -> new OverviewView(new OverviewViewModel(it.file(), it.image()), wb, targetPicker(wb, it)));
        r.registerItemView("sections", "Sections", (wb, it) -> new SectionsView(new SectionsViewModel(it.image().core()), wb));
        r.registerItemView("symbols", "Symbols", (wb, it) -> new SymbolsView(new SymbolsViewModel(it.image().core().symbols()), wb));
        r.registerItemView("libraries", "Libraries", (wb, it) -> new LibrariesView(new LibrariesViewModel(it.image().core()), wb));
        r.registerItemView("relocations", "Relocations",
                (wb, it) -> new RelocationsView(new RelocationsViewModel(it.image().core().relocations()), wb));
        r.registerItemView("go", "Go", it -> it.image().core().go() != null,
                (wb, it) -> new GoView(new GoViewModel(it.image().core().go()), wb));
        r.registerItemView("hex", "Hex", it -> it.bytes() != null,
                (wb, it) -> new HexView(new HexViewModel(it.bytes()), wb));
    }
}
