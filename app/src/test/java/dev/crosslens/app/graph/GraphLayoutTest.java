package dev.crosslens.app.graph;

import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GraphLayoutTest {

    /** A resolution-flow-shaped graph: binary -> tables -> symbols -> libraries. */
    static Graph flow(int symbols, int libraries) {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        nodes.add(GraphNode.of("bin", "a.out", NodeKind.BINARY));
        nodes.add(GraphNode.of("t1", ".rela.plt", NodeKind.TABLE));
        nodes.add(GraphNode.of("t2", ".rela.dyn", NodeKind.TABLE));
        edges.add(GraphEdge.of("bin", "t1"));
        edges.add(GraphEdge.of("bin", "t2"));
        for (int l = 0; l < libraries; l++) nodes.add(GraphNode.of("lib" + l, "lib" + l + ".so", NodeKind.LIBRARY));
        for (int i = 0; i < symbols; i++) {
            nodes.add(GraphNode.of("s" + i, "symbol_number_" + i + "@GLIBC_2.2.5", NodeKind.SYMBOL));
            edges.add(GraphEdge.of(i % 2 == 0 ? "t1" : "t2", "s" + i));
            edges.add(GraphEdge.of("s" + i, "lib" + (i % libraries)));
        }
        return new Graph("flow", nodes, edges);
    }

    @Test
    void everyNodeGetsABoxAndNoBoxesOverlap() {
        GraphLayout.Layout l = new GraphLayout().layout(flow(40, 3));
        assertThat(l.boxes()).hasSize(46);
        assertThat(l.lines()).hasSize(82);
        for (int i = 0; i < l.boxes().size(); i++) {
            for (int j = i + 1; j < l.boxes().size(); j++) {
                GraphLayout.Box a = l.boxes().get(i);
                GraphLayout.Box b = l.boxes().get(j);
                boolean overlap = a.x() < b.x() + b.width() && b.x() < a.x() + a.width()
                        && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
                assertThat(overlap).as(a.node().id() + " overlaps " + b.node().id()).isFalse();
            }
        }
        // left to right: the binary is left of the tables, the tables left of the symbols
        double bin = l.boxes().get(0).x();
        assertThat(l.boxes().get(1).x()).isGreaterThan(bin);
        assertThat(l.boxes().get(5).x()).isGreaterThan(l.boxes().get(1).x());
        assertThat(l.lines()).allSatisfy(line -> assertThat(line.points().length).isGreaterThanOrEqualTo(4));
    }
}
