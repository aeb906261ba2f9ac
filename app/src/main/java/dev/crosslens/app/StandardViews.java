package dev.crosslens.app;

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

    public static void register(ViewRegistry r) {
        r.registerItemView("overview", "Overview",
                (wb, it) -> new OverviewView(new OverviewViewModel(it.file(), it.image()), wb));
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
