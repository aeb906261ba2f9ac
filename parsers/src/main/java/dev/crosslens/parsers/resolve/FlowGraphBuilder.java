package dev.crosslens.parsers.resolve;

import dev.crosslens.model.ImageCore;
import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeKind;
import dev.crosslens.model.graph.NodeStatus;
import dev.crosslens.model.resolve.LibraryResolution;
import dev.crosslens.model.resolve.RelocationUse;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.model.resolve.ResolutionState;
import dev.crosslens.model.resolve.SymbolResolution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolution flow of one binary: binary -> format -> relocation sections / import descriptors / bind tables
 * -> symbols (each in the group of the library that defines it, so thousands fold into one node per library)
 * -> library -> resolved / unresolved / weak, with counts on the edges. Each library node is the group of its
 * symbols, so folded the flow reads binary -> format -> table -> library (N) -> outcome; symbols no library
 * defines are grouped the same way under "not found" and "weak, not found". PE delay imports have their own table
 * ({@code delay import X.dll}) and their symbols and library say "delay-loaded".
 */
public final class FlowGraphBuilder {
    public static final String NOT_FOUND = "(not found)";
    public static final String WEAK_NOT_FOUND = "(weak, not found)";
    private static final String NO_RELOCATION = "(no relocation)";

    public Graph build(ImageCore core, Resolution r) {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        nodes.add(new GraphNode("bin", r.binary(), NodeKind.BINARY, NodeStatus.NEUTRAL, null,
                r.sysroot().isEmpty() ? String.join("; ", r.notes()) : "resolved against " + r.sysroot(), 1,
                "", core.extent()));
        nodes.add(new GraphNode("fmt", formatLabel(core), NodeKind.FORMAT, NodeStatus.NEUTRAL, null,
                core.machineName(), 1, "", null));
        edges.add(GraphEdge.of("bin", "fmt"));

        Map<String, LibraryResolution> libs = new LinkedHashMap<>();
        for (LibraryResolution l : r.libraries()) libs.putIfAbsent(l.name(), l);
        Map<String, Integer> tableCounts = new LinkedHashMap<>();
        Map<String, List<SymbolResolution>> byGroup = new LinkedHashMap<>();
        for (SymbolResolution s : r.symbols()) {
            byGroup.computeIfAbsent(groupOf(s), k -> new ArrayList<>()).add(s);
            if (s.relocations().isEmpty()) tableCounts.merge(NO_RELOCATION, 1, Integer::sum);
            for (RelocationUse u : s.relocations()) tableCounts.merge(u.section(), u.count(), Integer::sum);
        }
        for (Map.Entry<String, Integer> t : tableCounts.entrySet()) {
            nodes.add(new GraphNode("t:" + t.getKey(), t.getKey(), NodeKind.TABLE, NodeStatus.NEUTRAL, null,
                    t.getValue() + " entries naming imported symbols", 1, t.getKey(), null));
            edges.add(new GraphEdge("fmt", "t:" + t.getKey(), "", t.getValue(), NodeStatus.NEUTRAL));
        }
        Map<ResolutionState, Integer> totals = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, List<SymbolResolution>> g : byGroup.entrySet()) {
            String lib = g.getKey();
            String libId = "l:" + lib;
            String groupId = libId; // the library is the group: folded, it stands for its symbols
            boolean notFound = lib.equals(NOT_FOUND) || lib.equals(WEAK_NOT_FOUND);
            if (notFound) {
                boolean weak = lib.equals(WEAK_NOT_FOUND);
                nodes.add(new GraphNode(libId, weak ? "weak, not found" : "not found", NodeKind.SYMBOL_GROUP,
                        weak ? NodeStatus.WEAK : NodeStatus.UNRESOLVED, null, weak
                        ? "weak references no library defines: left null by the loader"
                        : "defined by no library of the scope", 0, "", null));
            } else {
                LibraryResolution lr = libs.get(lib);
                NodeStatus st = lr == null ? NodeStatus.RESOLVED : status(lr.state());
                String detail = lr == null ? "found in the global scope (needed by a dependency)"
                        : lr.state() == ResolutionState.RESOLVED ? lr.path() : lr.reason();
                nodes.add(new GraphNode(libId, lib, NodeKind.LIBRARY, st, null, detail, 0, lib, null));
            }
            Map<ResolutionState, Integer> outcome = new LinkedHashMap<>();
            for (SymbolResolution s : g.getValue()) {
                String id = "s:" + i++;
                nodes.add(new GraphNode(id, s.label(), NodeKind.SYMBOL, status(s.state()), groupId, detail(s), 1,
                        s.name() == null ? s.label() : s.name(), null));
                if (s.relocations().isEmpty()) edges.add(GraphEdge.of("t:" + NO_RELOCATION, id));
                for (RelocationUse u : s.relocations()) {
                    edges.add(new GraphEdge("t:" + u.section(), id, "", u.count(), NodeStatus.NEUTRAL));
                }
                NodeStatus es = s.state() == ResolutionState.UNRESOLVED ? NodeStatus.UNRESOLVED : NodeStatus.NEUTRAL;
                // a "not found" group is drawn like a library: its symbols lead to it and it to the outcome, so it
                // is connected whether folded or expanded
                edges.add(new GraphEdge(id, libId, "", 1, es));
                outcome.merge(s.state(), 1, Integer::sum);
                totals.merge(s.state(), 1, Integer::sum);
            }
            for (Map.Entry<ResolutionState, Integer> o : outcome.entrySet()) {
                edges.add(new GraphEdge(libId, statusId(o.getKey()), "", o.getValue(), status(o.getKey()) ==
                        NodeStatus.UNRESOLVED ? NodeStatus.UNRESOLVED : NodeStatus.NEUTRAL));
            }
        }
        for (LibraryResolution l : r.libraries()) {
            if (byGroup.containsKey(l.name())) continue; // drawn with its symbols
            String libId = "l:" + l.name();
            nodes.add(new GraphNode(libId, l.name() + (l.state() == ResolutionState.RESOLVED ? " (0)" : ""),
                    NodeKind.LIBRARY, status(l.state()), null,
                    l.state() == ResolutionState.RESOLVED ? l.path() + " (no symbol resolved to it)" : l.reason(), 1,
                    l.name(), null));
            edges.add(new GraphEdge("fmt", libId, "needed", 1, NodeStatus.NEUTRAL));
            if (l.state() != ResolutionState.RESOLVED) {
                edges.add(new GraphEdge(libId, statusId(l.state()), "", 1, status(l.state())));
                totals.merge(l.state(), 0, Integer::sum);
            }
        }
        for (Map.Entry<ResolutionState, Integer> t : totals.entrySet()) {
            nodes.add(new GraphNode(statusId(t.getKey()), stateLabel(t.getKey()) + " " + t.getValue(),
                    NodeKind.STATUS, status(t.getKey()), null, "", 1, "", null));
        }
        return new Graph("flow " + r.binary(), nodes, edges);
    }

    static String groupOf(SymbolResolution s) {
        if (s.provider() != null) return s.provider();
        if (s.library() != null) return s.library();
        return s.state() == ResolutionState.WEAK_MISSING ? WEAK_NOT_FOUND : NOT_FOUND;
    }

    private static String detail(SymbolResolution s) {
        StringBuilder b = new StringBuilder();
        b.append(s.binding());
        if (s.provider() != null) b.append(", from ").append(s.provider());
        if (s.target() != null) b.append(", forwarded to ").append(s.target());
        if (s.delayLoad()) b.append(", delay-loaded");
        if (!s.reason().isEmpty()) b.append(": ").append(s.reason());
        return b.toString();
    }

    static String formatLabel(ImageCore core) {
        return core.format() + (core.bits() > 0 ? String.valueOf(core.bits()) : "") + " " + core.arch().label() + " "
                + core.kind();
    }

    static String statusId(ResolutionState s) {
        return "st:" + s.name();
    }

    static String stateLabel(ResolutionState s) {
        return switch (s) {
            case RESOLVED -> "resolved";
            case UNRESOLVED -> "unresolved";
            case WEAK_MISSING -> "weak, missing";
            case UNCHECKED -> "not checked";
        };
    }

    static NodeStatus status(ResolutionState s) {
        return switch (s) {
            case RESOLVED -> NodeStatus.RESOLVED;
            case UNRESOLVED -> NodeStatus.UNRESOLVED;
            case WEAK_MISSING -> NodeStatus.WEAK;
            case UNCHECKED -> NodeStatus.NEUTRAL;
        };
    }
}
