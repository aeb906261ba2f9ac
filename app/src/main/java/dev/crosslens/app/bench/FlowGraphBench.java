package dev.crosslens.app.bench;

import dev.crosslens.app.graph.GraphLayout;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.resolve.FlowGraphBuilder;
import dev.crosslens.parsers.resolve.GraphCollapse;
import dev.crosslens.parsers.resolve.ResolveOptions;
import dev.crosslens.parsers.resolve.Resolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real-graph figure: the resolution flow of the largest corpus binary (or FILE), every group expanded.
 * Prints resolve time, graph size, and the median layout time of 5 runs after 2 warm-ups.
 * Usage: {@code FlowGraphBench [FILE]} (default: the largest file in $CORPUS_DIR or ~/.cache/bdw-corpus).
 */
public final class FlowGraphBench {
    private FlowGraphBench() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : largestCorpusFile();
        long t0 = System.nanoTime();
        BinaryFile f = Binaries.open(file, ParseOptions.defaults().withGoAnalysis(false));
        long t1 = System.nanoTime();
        Resolution r = new Resolver().resolve(f, ResolveOptions.defaults());
        long t2 = System.nanoTime();
        Graph full = new FlowGraphBuilder().build(f.image().core(), r);
        Set<String> all = new HashSet<>();
        for (GraphNode n : full.nodes()) if (n.group() != null) all.add(n.group());
        Graph g = new GraphCollapse().collapse(full, all);
        GraphLayout layout = new GraphLayout();
        for (int i = 0; i < 2; i++) layout.layout(g);
        long[] ms = new long[5];
        for (int i = 0; i < ms.length; i++) {
            long s = System.nanoTime();
            layout.layout(g);
            ms[i] = (System.nanoTime() - s) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("flow graph of %s (%d bytes): parse %d ms, resolve %d ms (%d imports, %d unresolved); "
                        + "expanded graph %d nodes, %d edges: layout median %d ms (runs %s)%n",
                file.getFileName(), Files.size(file), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                r.symbols().size(), r.unresolved().size(), g.nodes().size(), g.edges().size(), ms[ms.length / 2],
                Arrays.toString(ms));
    }

    private static Path largestCorpusFile() throws IOException {
        String env = System.getenv("CORPUS_DIR");
        Path dir = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "bdw-corpus");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).max(Comparator.comparingLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return -1L;
                }
            })).orElseThrow(() -> new IOException("no corpus files in " + dir));
        }
    }
}
