package dev.crosslens.app.graph;

import dev.crosslens.app.bench.GraphLayoutBench;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GraphLayoutTest {

    @Test
    void everyNodeGetsABoxAndNoBoxesOverlap() {
        GraphLayout.Layout l = new GraphLayout().layout(GraphLayoutBench.flow(40, 3));
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
