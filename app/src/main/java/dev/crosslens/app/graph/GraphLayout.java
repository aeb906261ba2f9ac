package dev.crosslens.app.graph;

import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.GreedySwitchType;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays a graph out left to right with ELK Layered. Pure computation (no JavaFX), so the CLI's SVG export and
 * the window share it; the window runs it off the FX thread. Node sizes come from the label length in a
 * monospace font, the same estimate everywhere.
 */
public final class GraphLayout {
    public static final double CHAR_WIDTH = 7.2;
    public static final double NODE_HEIGHT = 24;
    private static final double PADDING = 16;

    /** A laid-out node. */
    public record Box(GraphNode node, double x, double y, double width, double height) {
    }

    /** A laid-out edge: a polyline from the source to the target. */
    public record Line(GraphEdge edge, double[] points) {
    }

    /** The whole drawing. */
    public record Layout(Graph graph, List<Box> boxes, List<Line> lines, double width, double height) {
        public Layout {
            boxes = List.copyOf(boxes);
            lines = List.copyOf(lines);
        }
    }

    public GraphLayout() {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    public static double width(GraphNode n) {
        return Math.max(48, Math.min(60, n.label().length()) * CHAR_WIDTH + PADDING);
    }

    public Layout layout(Graph g) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 8.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 48.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE, 6.0);
        if (g.nodes().size() > 1500) {
            // big graphs: fewer crossing-minimisation sweeps keep layout time linear-ish
            root.setProperty(LayeredOptions.THOROUGHNESS, 1);
            root.setProperty(LayeredOptions.LAYERING_STRATEGY, LayeringStrategy.LONGEST_PATH);
            root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.SIMPLE);
            root.setProperty(LayeredOptions.CROSSING_MINIMIZATION_GREEDY_SWITCH_TYPE, GreedySwitchType.OFF);
        }
        Map<String, ElkNode> elk = new HashMap<>();
        for (GraphNode n : g.nodes()) {
            ElkNode e = ElkGraphUtil.createNode(root);
            e.setDimensions(width(n), NODE_HEIGHT);
            elk.put(n.id(), e);
        }
        List<ElkEdge> elkEdges = new ArrayList<>();
        List<GraphEdge> kept = new ArrayList<>();
        for (GraphEdge e : g.edges()) {
            ElkNode a = elk.get(e.from());
            ElkNode b = elk.get(e.to());
            if (a == null || b == null) continue;
            elkEdges.add(ElkGraphUtil.createSimpleEdge(a, b));
            kept.add(e);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        List<Box> boxes = new ArrayList<>(g.nodes().size());
        for (GraphNode n : g.nodes()) {
            ElkNode e = elk.get(n.id());
            boxes.add(new Box(n, e.getX(), e.getY(), e.getWidth(), e.getHeight()));
        }
        List<Line> lines = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            lines.add(new Line(kept.get(i), points(elkEdges.get(i))));
        }
        return new Layout(g, boxes, lines, root.getWidth(), root.getHeight());
    }

    private static double[] points(ElkEdge e) {
        if (e.getSections().isEmpty()) return new double[0];
        ElkEdgeSection s = e.getSections().get(0);
        double[] p = new double[4 + 2 * s.getBendPoints().size()];
        int k = 0;
        p[k++] = s.getStartX();
        p[k++] = s.getStartY();
        for (ElkBendPoint b : s.getBendPoints()) {
            p[k++] = b.getX();
            p[k++] = b.getY();
        }
        p[k++] = s.getEndX();
        p[k] = s.getEndY();
        return p;
    }
}
