package dev.crosslens.model.graph;

import java.util.List;

/**
 * A graph to draw: the resolution flow, the dependency tree, a section map, a symbol diff. Group nodes
 * (nodes named by other nodes' {@code group}) can be collapsed into one node by the view.
 */
public record Graph(String title, List<GraphNode> nodes, List<GraphEdge> edges) {
    public Graph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public GraphNode node(String id) {
        for (GraphNode n : nodes) {
            if (n.id().equals(id)) return n;
        }
        return null;
    }
}
