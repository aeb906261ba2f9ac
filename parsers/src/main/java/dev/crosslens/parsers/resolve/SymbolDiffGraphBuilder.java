package dev.crosslens.parsers.resolve;

import dev.crosslens.model.Symbol;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.LibraryChange;
import dev.crosslens.model.diff.SymbolChange;
import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeKind;
import dev.crosslens.model.graph.NodeStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The symbol diff of two builds as a graph: old -> new at the root, then one group per library (imports) or per
 * Go package / C++ or Rust namespace (everything else), then the symbols added (green), removed (red) or changed
 * (amber). Groups start folded, so a diff of 10,000 symbols reads as a few dozen packages with counts.
 */
public final class SymbolDiffGraphBuilder {

    public Graph build(BuildDiff diff) {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        nodes.add(new GraphNode("root", diff.oldName() + " \u2192 " + diff.newName(), NodeKind.BINARY,
                NodeStatus.NEUTRAL, null, diff.count(ChangeKind.ADDED) + " added, " + diff.count(ChangeKind.REMOVED)
                + " removed, " + diff.count(ChangeKind.CHANGED) + " changed", 1, "", null));
        Map<String, List<SymbolChange>> groups = new LinkedHashMap<>();
        for (SymbolChange c : diff.symbols()) groups.computeIfAbsent(groupOf(c), k -> new ArrayList<>()).add(c);
        Map<String, LibraryChange> libs = new LinkedHashMap<>();
        for (LibraryChange l : diff.libraries()) libs.put(l.library(), l);
        int i = 0;
        for (Map.Entry<String, List<SymbolChange>> g : groups.entrySet()) {
            String gid = "p:" + g.getKey();
            LibraryChange lc = libs.remove(g.getKey());
            nodes.add(new GraphNode(gid, g.getKey(), lc != null ? NodeKind.LIBRARY : NodeKind.PACKAGE,
                    lc == null ? NodeStatus.NEUTRAL : status(lc.kind()), null, lc == null ? ""
                    : "library " + lc.kind().name().toLowerCase(java.util.Locale.ROOT), 0, g.getKey(), null));
            edges.add(new GraphEdge("root", gid, "", g.getValue().size(), NodeStatus.NEUTRAL));
            for (SymbolChange c : g.getValue()) {
                String id = "d:" + i++;
                nodes.add(new GraphNode(id, c.displayName(), NodeKind.SYMBOL, status(c.kind()), gid, detail(c), 1,
                        c.name(), null));
                edges.add(new GraphEdge(gid, id, "", 1, status(c.kind())));
            }
        }
        for (LibraryChange l : libs.values()) {
            String id = "p:" + l.library();
            nodes.add(new GraphNode(id, l.library(), NodeKind.LIBRARY, status(l.kind()), null,
                    "library " + l.kind().name().toLowerCase(java.util.Locale.ROOT), 1, l.library(), null));
            edges.add(new GraphEdge("root", id, "", 1, status(l.kind())));
        }
        return new Graph("symbol diff " + diff.oldName() + " \u2192 " + diff.newName(), nodes, edges);
    }

    /** The library an import comes from, else the Go package or namespace of the name, else its table. */
    static String groupOf(SymbolChange c) {
        Symbol s = c.newSymbol() != null ? c.newSymbol() : c.oldSymbol();
        if (c.isImport() && s.library() != null) return s.library();
        String name = s.displayName();
        int colons = name.lastIndexOf("::");
        int paren = name.indexOf('(');
        if (colons > 0 && (paren < 0 || colons < paren)) return name.substring(0, colons);
        int slash = name.lastIndexOf('/');
        int dot = name.indexOf('.', Math.max(0, slash));
        if (dot > 0 && !name.startsWith(".") && !name.startsWith("_")) return name.substring(0, dot);
        return c.isImport() ? "imports" : c.table().label();
    }

    private static String detail(SymbolChange c) {
        String base = c.kind().name().toLowerCase(java.util.Locale.ROOT) + " in " + c.table().label();
        if (!c.changedFields().isEmpty()) base += ": " + String.join(", ", c.changedFields());
        long d = c.sizeDelta();
        return d == 0 ? base : base + String.format(java.util.Locale.ROOT, " (%+d bytes)", d);
    }

    static NodeStatus status(ChangeKind k) {
        return switch (k) {
            case ADDED -> NodeStatus.ADDED;
            case REMOVED -> NodeStatus.REMOVED;
            case CHANGED -> NodeStatus.CHANGED;
        };
    }
}
