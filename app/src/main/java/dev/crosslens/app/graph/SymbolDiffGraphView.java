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
 * green, removed red, changed amber. The graph is built and laid out off the FX thread.
 */
public final class SymbolDiffGraphView extends BorderPane {
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
        setCenter(view);
        Task<Graph> build = new Task<>() {
            @Override
            protected Graph call() {
                return new SymbolDiffGraphBuilder().build(diff);
            }
        };
        build.setOnSucceeded(e -> vm.graphProperty().set(build.getValue()));
        executor.execute(build);
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
