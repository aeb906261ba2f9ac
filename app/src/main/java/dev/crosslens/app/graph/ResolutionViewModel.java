package dev.crosslens.app.graph;

import dev.crosslens.app.control.Plural;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.model.resolve.ResolutionState;
import dev.crosslens.parsers.resolve.DependencyGraphBuilder;
import dev.crosslens.parsers.resolve.FlowGraphBuilder;
import dev.crosslens.parsers.resolve.ResolveOptions;
import dev.crosslens.parsers.resolve.Resolver;
import dev.crosslens.parsers.resolve.SectionMapGraphBuilder;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * State of the resolution tab of one binary: which graph (flow, dependency tree, section map), which sysroot,
 * the resolution computed off the FX thread (a newer request cancels and drops an older one), and the graph
 * handed to a {@link GraphViewModel}. A click on a symbol or library node calls {@code select} with its name.
 */
public final class ResolutionViewModel {
    /** The graphs this tab can show. */
    public enum Kind {
        FLOW("Resolution flow"), DEPENDENCIES("Dependency tree"), SECTIONS("Section map");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final BinaryFile file;
    private final ExecutorService executor;
    private final GraphViewModel graph;
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.FLOW);
    private final ObjectProperty<Path> sysroot = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Resolution> resolution = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private Task<Graph> current;
    private Resolution cached;
    private Path cachedFor;
    private long generation;

    /** For the workbench: its own daemon worker thread. */
    public ResolutionViewModel(BinaryFile file, Consumer<String> select) {
        this(file, select, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "crosslens-resolve");
            t.setDaemon(true);
            return t;
        }));
    }

    public ResolutionViewModel(BinaryFile file, Consumer<String> select, ExecutorService executor) {
        this.file = Objects.requireNonNull(file, "file");
        this.executor = executor;
        this.graph = new GraphViewModel(executor);
        Consumer<String> target = select == null ? s -> { } : select;
        graph.setOnSelect(n -> {
            if (!n.ref().isEmpty()) target.accept(n.ref());
        });
        kind.addListener((o, a, b) -> refresh());
        sysroot.addListener((o, a, b) -> refresh());
    }

    public BinaryFile file() {
        return file;
    }

    public GraphViewModel graph() {
        return graph;
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** Null: the default (this machine's {@code /} for ELF, Wine's DLLs for PE). */
    public ObjectProperty<Path> sysrootProperty() {
        return sysroot;
    }

    public ReadOnlyObjectProperty<Resolution> resolutionProperty() {
        return resolution.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Recomputes the graph for the current kind and sysroot; call once after building the view. */
    public void refresh() {
        if (current != null) current.cancel(true);
        long mine = ++generation;
        Kind k = kind.get();
        Path root = sysroot.get();
        Resolution reuse = Objects.equals(root, cachedFor) ? cached : null;
        running.set(true);
        summary.set(k == Kind.SECTIONS ? "reading sections\u2026" : "resolving against "
                + (root == null ? "the default sysroot" : root) + "\u2026");
        Task<Graph> task = new Task<>() {
            private Resolution computed;

            @Override
            protected Graph call() throws Exception {
                String name = Path.of(file.path()).getFileName().toString();
                if (k == Kind.SECTIONS) return new SectionMapGraphBuilder().build(name, file.image().core());
                computed = reuse != null ? reuse
                        : new Resolver().resolve(file, ResolveOptions.defaults().withSysroot(root));
                return k == Kind.FLOW ? new FlowGraphBuilder().build(file.image().core(), computed)
                        : new DependencyGraphBuilder().build(computed);
            }

            @Override
            protected void succeeded() {
                if (mine != generation) return;
                running.set(false);
                if (computed != null) {
                    cached = computed;
                    cachedFor = root;
                    resolution.set(computed);
                    summary.set(summarize(computed));
                } else {
                    summary.set(Plural.of(file.image().core().sections().size(), "section", "sections") + ", "
                            + Plural.of(file.image().core().segments().size(), "segment", "segments"));
                }
                graph.graphProperty().set(getValue());
            }

            @Override
            protected void failed() {
                if (mine != generation) return;
                running.set(false);
                Throwable t = getException();
                summary.set("cannot resolve: " + (t.getMessage() == null ? t.toString() : t.getMessage()));
            }

            @Override
            protected void cancelled() {
                if (mine == generation) running.set(false);
            }
        };
        current = task;
        executor.execute(task);
    }

    static String summarize(Resolution r) {
        long libsMissing = r.libraries().stream().filter(l -> l.state().isError()).count();
        return Plural.of(r.symbols().size(), "import", "imports") + " from "
                + Plural.of(r.libraries().size(), "library", "libraries") + ": "
                + r.count(ResolutionState.RESOLVED) + " resolved, " + r.count(ResolutionState.UNRESOLVED)
                + " unresolved, " + r.count(ResolutionState.WEAK_MISSING) + " weak and missing"
                + (r.count(ResolutionState.UNCHECKED) > 0 ? ", " + r.count(ResolutionState.UNCHECKED) + " not checked"
                : "") + (libsMissing > 0 ? "; " + Plural.of(libsMissing, "library", "libraries") + " not found" : "")
                + (r.sysroot().isEmpty() ? "" : " \u2014 against " + r.sysroot());
    }

    /** Stops the worker (the tab is closed). */
    public void dispose() {
        if (current != null) current.cancel(true);
        executor.shutdownNow();
    }
}
