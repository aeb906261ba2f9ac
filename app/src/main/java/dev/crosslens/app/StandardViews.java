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
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.scene.Node;

/**
 * The views of one binary that ship with the workbench, one line each. Other features register theirs the same
 * way from {@link WorkbenchApp} (findings, compare, graph, trace). Each of these views is split in two: its view
 * model (the per-row work: search keys, layouts, trees) is {@link Prepared prepared} off the FX thread as soon as
 * the binary's workspace exists, and only the Node is built on the FX thread, when its tab is first shown.
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

    /** The Overview's prepared model, with its item: the target picker is made with the view, on the FX thread. */
    private record OverviewModel(OverviewViewModel vm, WorkbenchItem item) {
    }

    /**
     * An item view whose model can be built ahead, off the FX thread. {@link ItemWorkspace} calls
     * {@link #model} on a worker right after the parse and {@link #view} on the FX thread when the tab is shown.
     */
    public static final class Prepared<M> implements ViewRegistry.ItemViewFactory {
        private final Function<WorkbenchItem, M> model;
        private final BiFunction<M, Workbench, Node> view;

        Prepared(Function<WorkbenchItem, M> model, BiFunction<M, Workbench, Node> view) {
            this.model = model;
            this.view = view;
        }

        /** Builds the view model; pure, safe on any thread (the item is loaded and no longer changes). */
        public M model(WorkbenchItem item) {
            return model.apply(item);
        }

        /** Builds the Node around a prepared model; FX thread. */
        @SuppressWarnings("unchecked")
        public Node view(Object preparedModel, Workbench workbench) {
            return view.apply((M) preparedModel, workbench);
        }

        /** Both at once, on the calling thread (a caller that does not prepare ahead). */
        @Override
        public Node create(Workbench workbench, WorkbenchItem item) {
            return view.apply(model.apply(item), workbench);
        }
    }

    private static <M> Prepared<M> prepared(Function<WorkbenchItem, M> model, BiFunction<M, Workbench, Node> view) {
        return new Prepared<>(model, view);
    }

    public static void register(ViewRegistry r) {
        r.registerItemView("overview", "Overview",
                prepared(it -> new OverviewModel(new OverviewViewModel(it.file(), it.image()), it),
                        (m, wb) -> new OverviewView(m.vm(), wb, targetPicker(wb, m.item()))));
        r.registerItemView("sections", "Sections", prepared(it -> new SectionsViewModel(it.image().core()),
                (vm, wb) -> new SectionsView(vm, wb)));
        r.registerItemView("symbols", "Symbols", prepared(it -> new SymbolsViewModel(it.image().core().symbols()),
                (vm, wb) -> new SymbolsView(vm, wb)));
        r.registerItemView("libraries", "Libraries", prepared(it -> new LibrariesViewModel(it.image().core()),
                (vm, wb) -> new LibrariesView(vm, wb)));
        r.registerItemView("relocations", "Relocations",
                prepared(it -> new RelocationsViewModel(it.image(), it.bytes()),
                        (vm, wb) -> new RelocationsView(vm, wb)));
        r.registerItemView("go", "Go", it -> it.image().core().go() != null,
                prepared(it -> new GoViewModel(it.image().core().go(), it.image().core().symbols(),
                        it.image().core().sections()), (vm, wb) -> new GoView(vm, wb)));
        r.registerItemView("hex", "Hex", it -> it.bytes() != null,
                prepared(it -> new HexViewModel(it.bytes()), (vm, wb) -> new HexView(vm, wb)));
    }
}
