package dev.crosslens.parsers.resolve;

import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds every group that is not expanded into its group node (3,000 imports become one node per library),
 * re-routing edges to the group and adding up their counts. The group takes the worst status of its members,
 * so an unresolved symbol stays red when folded.
 */
public final class GraphCollapse {

    public Graph collapse(Graph g, Set<String> expanded) {
        Map<String, GraphNode> byId = new HashMap<>();
        Map<String, Integer> members = new HashMap<>();
        for (GraphNode n : g.nodes()) {
            byId.put(n.id(), n);
            if (n.group() != null) members.merge(n.group(), 1, Integer::sum);
        }
        Map<String, String> rep = new HashMap<>();
        for (GraphNode n : g.nodes()) rep.put(n.id(), representative(n, byId, expanded));
        Map<String, Integer> weight = new HashMap<>();
        Map<String, NodeStatus> worst = new HashMap<>();
        for (GraphNode n : g.nodes()) {
            String r = rep.get(n.id());
            if (r.equals(n.id())) continue;
            weight.merge(r, n.weight(), Integer::sum);
            worst.merge(r, n.status(), GraphCollapse::worse);
        }
        List<GraphNode> nodes = new ArrayList<>();
        for (GraphNode n : g.nodes()) {
            if (!rep.get(n.id()).equals(n.id())) continue;
            Integer w = weight.get(n.id());
            if (w == null) {
                nodes.add(n);
            } else {
                NodeStatus s = worse(n.status(), worst.get(n.id()));
                nodes.add(new GraphNode(n.id(), n.label() + " (" + w + ")", n.kind(), s, n.group(),
                        n.detail().isEmpty() ? w + " folded; expand to see them" : n.detail(), w, n.ref(),
                        n.extent()));
            }
        }
        Map<String, GraphEdge> edges = new LinkedHashMap<>();
        for (GraphEdge e : g.edges()) {
            String from = rep.getOrDefault(e.from(), e.from());
            String to = rep.getOrDefault(e.to(), e.to());
            if (from.equals(to)) continue;
            edges.merge(from + "\u0000" + to, new GraphEdge(from, to, e.label(), e.count(), e.status()),
                    (a, b) -> new GraphEdge(from, to, a.label().equals(b.label()) ? a.label() : "",
                            a.count() + b.count(), worse(a.status(), b.status())));
        }
        return new Graph(g.title(), nodes, new ArrayList<>(edges.values()));
    }

    /** The top-most folded group above {@code n}, or {@code n} itself. */
    private static String representative(GraphNode n, Map<String, GraphNode> byId, Set<String> expanded) {
        String result = n.id();
        GraphNode cur = n;
        int guard = 0;
        while (cur.group() != null && guard++ < 64) {
            GraphNode parent = byId.get(cur.group());
            if (parent == null) break;
            if (!expanded.contains(parent.id())) result = parent.id();
            cur = parent;
        }
        return result;
    }

    static NodeStatus worse(NodeStatus a, NodeStatus b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(NodeStatus s) {
        return switch (s) {
            case UNRESOLVED, REMOVED -> 4;
            case WEAK, CHANGED -> 3;
            case ADDED -> 2;
            case RESOLVED -> 1;
            case NEUTRAL -> 0;
        };
    }
}
