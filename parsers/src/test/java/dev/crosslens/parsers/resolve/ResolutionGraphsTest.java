package dev.crosslens.parsers.resolve;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeKind;
import dev.crosslens.model.graph.NodeStatus;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.diff.BuildDiffer;
import dev.crosslens.parsers.diff.DiffSide;
import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ResolutionGraphsTest {

    @Test
    void rollupFlowFoldsIntoOneNodePerLibraryWithTheNapiGroupRed() throws Exception {
        BinaryFile f = Binaries.open(Corpus.require("rollup-4.67.4-linux-x64-gnu"), ParseOptions.defaults());
        Resolution r = new Resolver().resolve(f, ResolveOptions.defaults());
        Graph g = new FlowGraphBuilder().build(f.image().core(), r);
        assertThat(g.nodes()).filteredOn(n -> n.kind() == NodeKind.SYMBOL).hasSize(r.symbols().size());
        Graph folded = new GraphCollapse().collapse(g, Set.of());
        assertThat(folded.nodes()).noneMatch(n -> n.kind() == NodeKind.SYMBOL);
        GraphNode libc = folded.node("l:libc.so.6");
        assertThat(libc.status()).isEqualTo(NodeStatus.RESOLVED);
        assertThat(libc.label()).matches("libc\\.so\\.6 \\([0-9]+\\)");
        GraphNode missing = folded.node("l:" + FlowGraphBuilder.NOT_FOUND);
        assertThat(missing.status()).isEqualTo(NodeStatus.UNRESOLVED);
        assertThat(missing.label()).isEqualTo("not found (" + r.unresolved().size() + ")");
        // one node per library that provides something: libc, libgcc_s, ld-linux (the pthread ones moved to libc)
        assertThat(folded.nodes()).filteredOn(n -> n.kind() == NodeKind.LIBRARY).extracting(GraphNode::label)
                .anyMatch(l -> l.startsWith("libgcc_s.so.1 ("));
        assertThat(folded.edges()).anySatisfy(e -> {
            assertThat(e.from()).isEqualTo("t:.rela.plt");
            assertThat(e.to()).isEqualTo("l:libc.so.6");
            assertThat(e.count()).isGreaterThan(10);
        });
        assertThat(folded.edges()).anySatisfy(e -> {
            assertThat(e.from()).isEqualTo("l:" + FlowGraphBuilder.NOT_FOUND);
            assertThat(e.to()).isEqualTo("st:UNRESOLVED");
            assertThat(e.status()).isEqualTo(NodeStatus.UNRESOLVED);
        });
        StringWriter dot = new StringWriter();
        new DotWriter().write(folded, new PrintWriter(dot));
        assertThat(dot.toString()).startsWith("digraph").contains("not found (").contains("#f8d7da");
    }

    /** Expanded, every group node is connected: the "not found" groups lead to their outcome. */
    @Test
    void expandedFlowHasNoIsolatedNodesAndEveryEdgeItsCount() throws Exception {
        Path app = Fixtures.file("resolve-elf", "app-missing");
        BinaryFile f = Binaries.open(app, ParseOptions.defaults());
        Resolution r = new Resolver().resolve(f, ResolveOptions.defaults());
        Graph g = new FlowGraphBuilder().build(f.image().core(), r);
        java.util.Set<String> all = new java.util.HashSet<>();
        for (GraphNode n : g.nodes()) if (n.group() != null) all.add(n.group());
        for (Graph shown : java.util.List.of(new GraphCollapse().collapse(g, all), new GraphCollapse().collapse(g, Set.of()))) {
            java.util.Set<String> linked = new java.util.HashSet<>();
            for (GraphEdge e : shown.edges()) {
                linked.add(e.from());
                linked.add(e.to());
            }
            assertThat(shown.nodes()).allMatch(n -> linked.contains(n.id()), "no isolated node");
            GraphNode nf = shown.node("l:" + FlowGraphBuilder.NOT_FOUND);
            assertThat(shown.edges()).anyMatch(e -> e.from().equals(nf.id()) && e.to().equals("st:UNRESOLVED")
                    && e.status() == NodeStatus.UNRESOLVED);
            assertThat(shown.edges()).anyMatch(e -> e.from().equals("l:" + FlowGraphBuilder.WEAK_NOT_FOUND)
                    && e.to().equals("st:WEAK_MISSING"));
            StringWriter dot = new StringWriter();
            new DotWriter().write(shown, new PrintWriter(dot));
            for (String line : dot.toString().split("\n")) {
                if (line.contains(" -> ")) assertThat(line).containsPattern("label=\"([a-z]+ \\()?\\d+\\)?\"");
            }
        }
    }

    /** Delay imports have their own table in the flow, and their symbols say they are delay-loaded. */
    @Test
    void flowMarksDelayImports() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ResolveOptions.wineDllDir(true) != null, "wine64 is not installed");
        BinaryFile f = Binaries.open(Fixtures.file("resolve-pe", "app-delay.exe"), ParseOptions.defaults());
        Resolution r = new Resolver().resolve(f, ResolveOptions.defaults());
        Graph g = new FlowGraphBuilder().build(f.image().core(), r);
        GraphNode table = g.node("t:delay import plugin.dll");
        assertThat(table).isNotNull();
        assertThat(g.edges()).anyMatch(e -> e.from().equals("fmt") && e.to().equals(table.id()) && e.count() == 2);
        assertThat(g.nodes()).filteredOn(n -> n.kind() == NodeKind.SYMBOL && n.label().startsWith("plugin_"))
                .hasSize(2).allMatch(n -> n.detail().contains("delay-loaded"));
        assertThat(g.node("t:import KERNEL32.dll")).isNotNull();
        Graph folded = new GraphCollapse().collapse(g, Set.of());
        assertThat(folded.edges()).anyMatch(e -> e.from().equals(table.id()) && e.to().equals("l:plugin.dll"));
    }

    @Test
    void dependencyGraphDrawsEachLibraryOnceAndMarksTheCycle() throws Exception {
        Path app = Fixtures.file("resolve-elf", "app-cycle");
        Resolution r = new Resolver().resolve(Binaries.open(app, ParseOptions.defaults()), ResolveOptions.defaults());
        Graph g = new DependencyGraphBuilder().build(r);
        assertThat(g.nodes()).filteredOn(n -> n.label().equals("libc.so.6")).hasSize(1);
        assertThat(g.edges()).filteredOn(e -> e.label().equals("cycle")).singleElement().satisfies(e -> {
            assertThat(g.node(e.from()).label()).isEqualTo("libbaz.so.1");
            assertThat(g.node(e.to()).label()).isEqualTo("libbar.so.1");
        });
    }

    @Test
    void sectionMapPutsSectionsUnderTheirSegments() throws Exception {
        BinaryFile f = Binaries.open(Corpus.require("rollup-4.67.4-linux-x64-gnu"), ParseOptions.defaults());
        Graph g = new SectionMapGraphBuilder().build("rollup", f.image().core());
        GraphNode text = g.nodes().stream().filter(n -> n.label().startsWith(".text ")).findFirst().orElseThrow();
        assertThat(text.group()).isNotNull();
        assertThat(g.node(text.group()).label()).startsWith("LOAD r-x");
        GraphNode bss = g.nodes().stream().filter(n -> n.label().startsWith(".bss ")).findFirst().orElseThrow();
        assertThat(bss.label()).endsWith("(memory only)");
        assertThat(g.edges()).anySatisfy(e -> assertThat(e.label()).isEqualTo("not loaded"));
        assertThat(g.node("file").label()).startsWith("file 2.1 MiB");
    }

    @Test
    void symbolDiffGroupsGoSymbolsByPackage() throws Exception {
        // the same Go program for two arches: the runtime's arch-specific symbols differ
        BinaryFile a = Binaries.open(Fixtures.file("go-cross", "linux-amd64"), ParseOptions.defaults());
        BinaryFile b = Binaries.open(Fixtures.file("go-cross", "linux-arm64"), ParseOptions.defaults());
        BuildDiff d = new BuildDiffer().diff(DiffSide.of(a), DiffSide.of(b));
        Graph g = new SymbolDiffGraphBuilder().build(d);
        assertThat(g.nodes()).filteredOn(n -> n.kind() == NodeKind.SYMBOL).hasSize(d.symbols().size());
        assertThat(g.nodes()).anySatisfy(n -> {
            assertThat(n.id()).isEqualTo("p:runtime");
            assertThat(n.kind()).isEqualTo(NodeKind.PACKAGE);
        });
        assertThat(g.nodes()).anyMatch(n -> n.status() == NodeStatus.ADDED)
                .anyMatch(n -> n.status() == NodeStatus.REMOVED);
        Graph folded = new GraphCollapse().collapse(g, Set.of());
        assertThat(folded.nodes().size()).isLessThan(g.nodes().size() / 10);
        int total = folded.edges().stream().filter(e -> e.from().equals("root")).mapToInt(GraphEdge::count).sum();
        assertThat(total).isGreaterThanOrEqualTo(d.symbols().size());
    }
}
