package dev.crosslens.app.graph;

import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a wide graph readable: under a root with hundreds of children (a symbol diff grouped by Go package), the
 * largest children stay and the others go into one "N more groups" group, itself folded until unfolded. Pure
 * arithmetic on the graph records, no JavaFX.
 */
final class GraphFolding {
    static final String MORE = "more:";

    private GraphFolding() {
    }

    /**
     * The graph with the top-level children of {@code root} beyond the {@code keep} largest (by how many nodes
     * they hold) moved into one group node below the root; the graph itself when it has no more than
     * {@code keep + 1} of them.
     */
    static Graph foldSmallGroups(Graph g, String root, int keep) {
        Set<String> children = new HashSet<>();
        for (GraphEdge e : g.edges()) if (e.from().equals(root)) children.add(e.to());
        List<GraphNode> top = g.nodes().stream().filter(n -> n.group() == null && children.contains(n.id())).toList();
        if (top.size() <= keep + 1) return g;
        Map<String, Integer> size = new HashMap<>();
        for (GraphNode n : g.nodes()) if (n.group() != null) size.merge(n.group(), 1, Integer::sum);
        List<GraphNode> bySize = new ArrayList<>(top);
        bySize.sort(Comparator.comparingInt((GraphNode n) -> size.getOrDefault(n.id(), 1)).reversed());
        Set<String> folded = new HashSet<>();
        for (GraphNode n : bySize.subList(keep, bySize.size())) folded.add(n.id());
        int symbols = folded.stream().mapToInt(id -> size.getOrDefault(id, 1)).sum();

        List<GraphNode> nodes = new ArrayList<>(g.nodes().size() + 1);
        for (GraphNode n : g.nodes()) nodes.add(folded.contains(n.id()) ? n.inGroup(MORE) : n);
        nodes.add(new GraphNode(MORE, folded.size() + " smaller groups", NodeKind.PACKAGE, null, null,
                folded.size() + " groups with " + symbols + " changes in all; double-click to unfold", 0, "", null));
        List<GraphEdge> edges = new ArrayList<>(g.edges().size() + 1);
        edges.add(GraphEdge.of(root, MORE));
        for (GraphEdge e : g.edges()) {
            // root -> small group becomes more -> small group: unfolded, "more" is the parent they hang from
            edges.add(e.from().equals(root) && folded.contains(e.to())
                    ? new GraphEdge(MORE, e.to(), e.label(), e.count(), e.status()) : e);
        }
        return new Graph(g.title(), nodes, edges);
    }

    /** The graph with node {@code id} labelled {@code label} (its old label moves into its detail). */
    static Graph relabel(Graph g, String id, String label) {
        List<GraphNode> nodes = new ArrayList<>(g.nodes().size());
        for (GraphNode n : g.nodes()) {
            nodes.add(!n.id().equals(id) ? n : new GraphNode(n.id(), label, n.kind(), n.status(), n.group(),
                    n.label() + (n.detail().isEmpty() ? "" : "\n" + n.detail()), n.weight(), n.ref(), n.extent()));
        }
        return new Graph(g.title(), nodes, g.edges());
    }
}
