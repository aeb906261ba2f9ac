package dev.crosslens.parsers.resolve;

import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Section;
import dev.crosslens.model.Segment;
import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeKind;
import dev.crosslens.model.graph.NodeStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The section map as a graph: the file and memory views on the left, segments (ELF program headers, Mach-O
 * segments) in the middle, sections on the right under the first segment that holds them (a group, so a
 * segment folds into one node). An edge from "file" means bytes in the file, from "memory" a mapping; sections
 * no segment holds hang from "file" alone (not loaded). PE has no segments: its sections hang from both views.
 */
public final class SectionMapGraphBuilder {

    public Graph build(String name, ImageCore core) {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        long fileEnd = 0;
        long memSpan = 0;
        for (Section s : core.sections()) fileEnd = Math.max(fileEnd, s.fileOffset() + s.fileSize());
        for (Segment s : core.segments()) {
            fileEnd = Math.max(fileEnd, s.fileOffset() + s.fileSize());
            if (loads(s)) memSpan += s.memorySize();
        }
        if (core.segments().isEmpty()) for (Section s : core.sections()) memSpan += s.memorySize();
        nodes.add(new GraphNode("file", "file " + size(fileEnd), NodeKind.BINARY, NodeStatus.NEUTRAL, null,
                name + ": bytes in the file", 1, "", core.extent()));
        nodes.add(new GraphNode("memory", "memory " + size(memSpan), NodeKind.BINARY, NodeStatus.NEUTRAL, null,
                "bytes mapped by loadable segments", 1, "", null));
        List<Segment> segs = core.segments();
        for (Segment g : segs) {
            String id = "seg:" + g.index();
            nodes.add(new GraphNode(id, g.type() + " " + g.permissions().label() + " file " + size(g.fileSize())
                    + " / mem " + size(g.memorySize()), NodeKind.SEGMENT, NodeStatus.NEUTRAL, null,
                    String.format(Locale.ROOT, "offset 0x%x, address 0x%x", g.fileOffset(), g.address()), 1,
                    g.type(), g.extent()));
            if (g.fileSize() > 0) edges.add(new GraphEdge("file", id, "", 1, NodeStatus.NEUTRAL));
            if (loads(g) && g.memorySize() > 0) edges.add(new GraphEdge("memory", id, "", 1, NodeStatus.NEUTRAL));
        }
        for (Section s : core.sections()) {
            if (s.name().isEmpty() && s.memorySize() == 0 && s.fileSize() == 0) continue; // the null section
            String id = "sec:" + s.index();
            String group = null;
            List<String> holders = new ArrayList<>();
            for (Segment g : segs) {
                if (holds(g, s)) {
                    holders.add("seg:" + g.index());
                    if (group == null && loads(g)) group = "seg:" + g.index();
                }
            }
            nodes.add(new GraphNode(id, s.qualifiedName() + " " + size(Math.max(s.fileSize(), s.memorySize()))
                    + (s.fileSize() == 0 && s.memorySize() > 0 ? " (memory only)" : ""), NodeKind.SECTION,
                    NodeStatus.NEUTRAL, group, String.format(Locale.ROOT, "%s offset 0x%x, address 0x%x, file %d, "
                    + "memory %d bytes", s.type(), s.fileOffset(), s.address(), s.fileSize(), s.memorySize()), 1,
                    s.qualifiedName(), s.extent()));
            for (String h : holders) edges.add(new GraphEdge(h, id, "", 1, NodeStatus.NEUTRAL));
            if (holders.isEmpty()) {
                if (s.fileSize() > 0) edges.add(new GraphEdge("file", id, segs.isEmpty() ? "" : "not loaded", 1,
                        NodeStatus.NEUTRAL));
                if (segs.isEmpty() && s.memorySize() > 0) {
                    edges.add(new GraphEdge("memory", id, "", 1, NodeStatus.NEUTRAL));
                }
            }
        }
        return new Graph("sections " + name, nodes, edges);
    }

    private static boolean loads(Segment g) {
        return !g.type().startsWith("0x") && (g.type().equals("LOAD") || g.type().startsWith("__"));
    }

    /** A segment holds a section whose bytes lie in its file range, or whose addresses lie in its memory range. */
    private static boolean holds(Segment g, Section s) {
        if (s.fileSize() > 0 && g.fileSize() > 0 && s.fileOffset() >= g.fileOffset()
                && s.fileOffset() + s.fileSize() <= g.fileOffset() + g.fileSize()) {
            return true;
        }
        return s.fileSize() == 0 && s.memorySize() > 0 && s.address() != 0 && g.memorySize() > 0
                && Long.compareUnsigned(s.address(), g.address()) >= 0
                && Long.compareUnsigned(s.address() + s.memorySize(), g.address() + g.memorySize()) <= 0;
    }

    static String size(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
