package dev.crosslens.app.bench;

import dev.crosslens.app.graph.GraphLayout;
import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Layout time of a resolution-flow-shaped graph of N nodes (default 5,000: binary -> 2 tables -> symbols ->
 * 40 libraries). Run by {@code ./bench graph}; prints the median of 5 runs after 2 warm-ups.
 */
public final class GraphLayoutBench {
    private GraphLayoutBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Graph g = flow(n - 43, 40);
        GraphLayout layout = new GraphLayout();
        for (int i = 0; i < 2; i++) layout.layout(g);
        long[] ms = new long[5];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            layout.layout(g);
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.println("graph layout: " + g.nodes().size() + " nodes, " + g.edges().size() + " edges: median "
                + ms[ms.length / 2] + " ms (runs " + Arrays.toString(ms) + "; target < 2000 ms)");
    }

    /** binary -> 2 relocation tables -> {@code symbols} symbols -> {@code libraries} libraries. */
    public static Graph flow(int symbols, int libraries) {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        nodes.add(GraphNode.of("bin", "a.out", NodeKind.BINARY));
        nodes.add(GraphNode.of("t1", ".rela.plt", NodeKind.TABLE));
        nodes.add(GraphNode.of("t2", ".rela.dyn", NodeKind.TABLE));
        edges.add(GraphEdge.of("bin", "t1"));
        edges.add(GraphEdge.of("bin", "t2"));
        for (int l = 0; l < libraries; l++) {
            nodes.add(GraphNode.of("lib" + l, "lib" + l + ".so", NodeKind.LIBRARY));
        }
        for (int i = 0; i < symbols; i++) {
            nodes.add(GraphNode.of("s" + i, "symbol_" + i + "@GLIBC_2.2.5", NodeKind.SYMBOL));
            edges.add(GraphEdge.of(i % 2 == 0 ? "t1" : "t2", "s" + i));
            edges.add(GraphEdge.of("s" + i, "lib" + (i % libraries)));
        }
        return new Graph("bench", nodes, edges);
    }
}
