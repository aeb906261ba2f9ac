package dev.crosslens.app.graph;

import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeKind;
import dev.crosslens.parsers.resolve.GraphCollapse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GraphFoldingTest {
    /** root -> 30 groups; group i holds i + 1 symbols (as SymbolDiffGraphBuilder builds a symbol diff). */
    private static Graph wide() {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        nodes.add(GraphNode.of("root", "a -> b", NodeKind.BINARY));
        for (int i = 0; i < 30; i++) {
            // a group counts none itself (weight 0), as the symbol diff's groups
            nodes.add(new GraphNode("g" + i, "pkg" + i, NodeKind.PACKAGE, null, null, "", 0, "", null));
            edges.add(GraphEdge.of("root", "g" + i));
            for (int k = 0; k <= i; k++) {
                nodes.add(GraphNode.of("s" + i + "." + k, "f", NodeKind.SYMBOL).inGroup("g" + i));
                edges.add(GraphEdge.of("g" + i, "s" + i + "." + k));
            }
        }
        return new Graph("t", nodes, edges);
    }

    @Test
    void theLargestGroupsStayAndTheRestFoldIntoOne() {
        Graph g = GraphFolding.foldSmallGroups(wide(), "root", 5);
        Graph shown = new GraphCollapse().collapse(g, Set.of());
        assertThat(shown.nodes()).extracting(GraphNode::id)
                .containsExactlyInAnyOrder("root", "g29", "g28", "g27", "g26", "g25", GraphFolding.MORE);
        GraphNode more = shown.node(GraphFolding.MORE);
        assertThat(more.label()).isEqualTo("25 smaller groups (325)"); // 1 + 2 + ... + 25 symbols
        // unfolded, the small groups hang from it
        Graph open = new GraphCollapse().collapse(g, Set.of(GraphFolding.MORE));
        assertThat(open.edges()).contains(new GraphEdge(GraphFolding.MORE, "g0", "", 1,
                dev.crosslens.model.graph.NodeStatus.NEUTRAL));
        assertThat(open.nodes()).hasSize(1 + 30 + 1);
    }

    @Test
    void aNarrowGraphIsLeftAsItIs() {
        Graph g = wide();
        assertThat(GraphFolding.foldSmallGroups(g, "root", 29)).isSameAs(g);
    }

    @Test
    void theRootOfASymbolDiffIsNamedByItsFiles() {
        assertThat(SymbolDiffGraphView.fileName("/root/.cache/bdw-corpus/esbuild-0.17.19-linux-x64"))
                .isEqualTo("esbuild-0.17.19-linux-x64");
        assertThat(SymbolDiffGraphView.fileName("/x/fat/universal [x86_64]")).isEqualTo("universal [x86_64]");
        assertThat(SymbolDiffGraphView.fileName("C:\\b\\app.exe")).isEqualTo("app.exe");
        Graph g = GraphFolding.relabel(wide(), "root", "old \u2192 new");
        assertThat(g.node("root").label()).isEqualTo("old \u2192 new");
        assertThat(g.node("root").detail()).startsWith("a -> b");
    }
}
