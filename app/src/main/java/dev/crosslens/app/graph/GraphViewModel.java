package dev.crosslens.app.graph;

import dev.crosslens.app.control.Plural;
import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.parsers.resolve.GraphCollapse;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * State of one graph view: the full graph, which groups are expanded, the laid-out drawing (computed off the
 * FX thread; a newer request drops an older result), the search and the selection.
 */
public final class GraphViewModel {
    private final ObjectProperty<Graph> graph = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<GraphLayout.Layout> layout = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<GraphNode> selected = new SimpleObjectProperty<>();
    private final Set<String> expanded = new HashSet<>();
    private final Executor executor;
    private final GraphLayout engine = new GraphLayout();
    private Consumer<GraphNode> onSelect = n -> { };
    private long generation;

    public GraphViewModel(Executor executor) {
        this.executor = executor;
        graph.addListener((obs, old, g) -> {
            expanded.clear();
            relayout();
        });
        selected.addListener((obs, old, n) -> {
            if (n != null) onSelect.accept(n);
        });
    }

    public ObjectProperty<Graph> graphProperty() {
        return graph;
    }

    public ReadOnlyObjectProperty<GraphLayout.Layout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<GraphNode> selectedProperty() {
        return selected;
    }

    /** Called with the node a user clicks, so other views can select the symbol or library it names. */
    public void setOnSelect(Consumer<GraphNode> handler) {
        onSelect = handler == null ? n -> { } : handler;
    }

    public boolean isGroup(GraphNode n) {
        Graph g = graph.get();
        return g != null && g.nodes().stream().anyMatch(m -> n.id().equals(m.group()));
    }

    public boolean isExpanded(String id) {
        return expanded.contains(id);
    }

    public void toggle(GraphNode group) {
        if (!expanded.remove(group.id())) expanded.add(group.id());
        relayout();
    }

    public void expandAll() {
        Graph g = graph.get();
        if (g == null) return;
        for (GraphNode n : g.nodes()) if (n.group() != null) expanded.add(n.group());
        relayout();
    }

    public void collapseAll() {
        expanded.clear();
        relayout();
    }

    /** Nodes of the current drawing whose label or detail contains the search text (case-insensitive). */
    public List<GraphNode> matches() {
        GraphLayout.Layout l = layout.get();
        String q = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        List<GraphNode> out = new ArrayList<>();
        if (l == null || q.isEmpty()) return out;
        for (GraphLayout.Box b : l.boxes()) {
            if (b.node().label().toLowerCase(Locale.ROOT).contains(q)
                    || b.node().detail().toLowerCase(Locale.ROOT).contains(q)) {
                out.add(b.node());
            }
        }
        return out;
    }

    private void relayout() {
        Graph g = graph.get();
        long mine = ++generation;
        if (g == null) {
            layout.set(null);
            return;
        }
        Set<String> open = Set.copyOf(expanded);
        status.set("laying out " + Plural.of(g.nodes().size(), "node", "nodes") + "\u2026");
        Task<GraphLayout.Layout> task = new Task<>() {
            @Override
            protected GraphLayout.Layout call() {
                Graph shown = new GraphCollapse().collapse(g, open);
                return engine.layout(shown);
            }
        };
        task.setOnSucceeded(e -> {
            if (mine != generation) return; // a newer request has started: drop this one
            GraphLayout.Layout l = task.getValue();
            layout.set(l);
            status.set(Plural.of(l.boxes().size(), "node", "nodes") + ", " + Plural.of(l.lines().size(), "edge", "edges")
                    + (l.boxes().size() < g.nodes().size() ? " (" + g.nodes().size() + " when expanded)" : ""));
        });
        task.setOnFailed(e -> {
            if (mine == generation) status.set("layout failed: " + task.getException().getMessage());
        });
        executor.execute(task);
    }
}
