package dev.crosslens.parsers.resolve;

import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeStatus;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/** Graphviz DOT for a graph: left-to-right, coloured by status, the count on every edge. */
public final class DotWriter {

    public void write(Graph g, PrintWriter out) {
        out.println("digraph \"" + esc(g.title()) + "\" {");
        out.println("  rankdir=LR; node [shape=box, style=\"rounded,filled\", fontname=\"monospace\", fontsize=10];");
        Map<String, Integer> ids = new HashMap<>();
        for (GraphNode n : g.nodes()) {
            int id = ids.size();
            ids.put(n.id(), id);
            out.println("  n" + id + " [label=\"" + esc(n.label()) + "\", fillcolor=\"" + fill(n.status()) + "\""
                    + (n.detail().isEmpty() ? "" : ", tooltip=\"" + esc(n.detail()) + "\"") + "];");
        }
        for (GraphEdge e : g.edges()) {
            Integer a = ids.get(e.from());
            Integer b = ids.get(e.to());
            if (a == null || b == null) continue;
            // every edge carries its count (1 too), after its own label when it has one
            String label = e.label().isEmpty() ? String.valueOf(e.count()) : e.label() + " (" + e.count() + ")";
            out.println("  n" + a + " -> n" + b + (label.isEmpty() ? "" : " [label=\"" + esc(label) + "\"]")
                    + (e.status() == NodeStatus.UNRESOLVED ? " [color=\"#c62828\"]" : "") + ";");
        }
        out.println("}");
        out.flush();
    }

    static String fill(NodeStatus s) {
        return switch (s) {
            case UNRESOLVED, REMOVED -> "#f8d7da";
            case WEAK, CHANGED -> "#fff3cd";
            case RESOLVED, ADDED -> "#d4edda";
            case NEUTRAL -> "#e8ecf3";
        };
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
