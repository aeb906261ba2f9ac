package dev.crosslens.parsers.resolve;

import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeKind;
import dev.crosslens.model.graph.NodeStatus;
import dev.crosslens.model.resolve.DependencyNode;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.model.resolve.ResolutionState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dependency tree as a graph: one node per library file (a library needed by several is drawn once and
 * reached by several edges), missing libraries red, cycle edges marked {@code cycle}, libraries whose children
 * were cut by the depth limit say so.
 */
public final class DependencyGraphBuilder {

    public Graph build(Resolution r) {
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        Map<String, GraphEdge> edges = new LinkedHashMap<>();
        Map<String, String> ids = new HashMap<>();
        DependencyNode root = r.tree();
        String rootId = "d:0";
        ids.put(key(root), rootId);
        nodes.put(rootId, new GraphNode(rootId, root.name(), NodeKind.BINARY, NodeStatus.NEUTRAL, null,
                root.path() == null ? "" : root.path(), 1, root.name(), null));
        walk(root, rootId, nodes, edges, ids);
        return new Graph("dependencies " + r.binary(), new ArrayList<>(nodes.values()),
                new ArrayList<>(edges.values()));
    }

    private static void walk(DependencyNode parent, String parentId, Map<String, GraphNode> nodes,
                             Map<String, GraphEdge> edges, Map<String, String> ids) {
        for (DependencyNode c : parent.children()) {
            String k = key(c);
            String id = ids.get(k);
            if (id == null) {
                id = "d:" + ids.size();
                ids.put(k, id);
            }
            GraphNode existing = nodes.get(id);
            if (existing == null || (!c.repeated() && !c.cycle())) {
                NodeStatus st = FlowGraphBuilder.status(c.state());
                String detail = c.state() == ResolutionState.RESOLVED
                        ? (c.path() == null ? "" : c.path()) + (c.truncated() ? "; " + c.reason() : "") : c.reason();
                nodes.put(id, new GraphNode(id, c.name() + (c.truncated() ? " \u2026" : ""), NodeKind.LIBRARY,
                        st, null, detail, 1, c.name(), null));
            }
            String ek = parentId + "->" + id;
            if (c.cycle()) {
                edges.put(ek, new GraphEdge(parentId, id, "cycle", 1, NodeStatus.WEAK));
            } else {
                edges.putIfAbsent(ek, new GraphEdge(parentId, id, "", 1, c.state() == ResolutionState.UNRESOLVED
                        ? NodeStatus.UNRESOLVED : NodeStatus.NEUTRAL));
            }
            walk(c, id, nodes, edges, ids);
        }
    }

    private static String key(DependencyNode n) {
        return n.path() != null ? "p:" + n.path() : "n:" + n.name();
    }
}
