package dev.crosslens.app.graph;

import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.graph.Graph;
import dev.crosslens.parsers.resolve.SymbolDiffGraphBuilder;
import javafx.concurrent.Task;
import javafx.scene.layout.BorderPane;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The compare view's graph: the symbol diff of two builds, grouped by library or Go package (folded), added
 * green, removed red, changed amber. The graph is built and laid out off the FX thread. So that it reads
 * without zooming, only the largest groups are shown under the root (the others fold into one "N smaller
 * groups" node), the fit never goes below a readable scale, and the wheel scrolls (Ctrl+wheel zooms).
 */
public final class SymbolDiffGraphView extends BorderPane {
    /** Groups shown under the root before the rest fold into one node. */
    static final int SHOWN_GROUPS = 12;
    /** The smallest scale a fit goes to: 11 px labels stay readable. */
    static final double READABLE_SCALE = 0.85;

    private final GraphViewModel vm;
    private final GraphView view;
    private final ExecutorService executor;

    /** {@code select} receives the symbol or library name of a clicked node. */
    public SymbolDiffGraphView(BuildDiff diff, Consumer<String> select) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "crosslens-diff-graph");
            t.setDaemon(true);
            return t;
        });
        vm = new GraphViewModel(executor);
        vm.setOnSelect(n -> {
            if (select != null && !n.ref().isEmpty()) select.accept(n.ref());
        });
        view = new GraphView(vm);
        view.setMinFitScale(READABLE_SCALE);
        view.setWheelScrolls(true);
        setCenter(view);
        Task<Graph> build = new Task<>() {
            @Override
            protected Graph call() {
                Graph g = GraphFolding.foldSmallGroups(new SymbolDiffGraphBuilder().build(diff), "root", SHOWN_GROUPS);
                return GraphFolding.relabel(g, "root", fileName(diff.oldName()) + " \u2192 " + fileName(diff.newName()));
            }
        };
        build.setOnSucceeded(e -> vm.graphProperty().set(build.getValue()));
        executor.execute(build);
    }

    /** {@code /path/to/universal [x86_64]} reads {@code universal [x86_64]}: the root's label fits its box. */
    static String fileName(String name) {
        int end = name.indexOf(" [") < 0 ? name.length() - 1 : name.indexOf(" [");
        int slash = Math.max(name.lastIndexOf('/', end), name.lastIndexOf('\\', end));
        return slash < 0 ? name : name.substring(slash + 1);
    }

    public GraphViewModel viewModel() {
        return vm;
    }

    public GraphView graphView() {
        return view;
    }

    /** Stops the worker (the compare view is closed). */
    public void dispose() {
        executor.shutdownNow();
    }
}
