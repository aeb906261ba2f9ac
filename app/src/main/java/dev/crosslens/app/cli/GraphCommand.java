package dev.crosslens.app.cli;

import dev.crosslens.app.graph.GraphLayout;
import dev.crosslens.app.graph.SvgExport;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.report.JsonSupport;
import dev.crosslens.parsers.resolve.DependencyGraphBuilder;
import dev.crosslens.parsers.resolve.DotWriter;
import dev.crosslens.parsers.resolve.FlowGraphBuilder;
import dev.crosslens.parsers.resolve.GraphCollapse;
import dev.crosslens.parsers.resolve.ResolveOptions;
import dev.crosslens.parsers.resolve.Resolver;
import dev.crosslens.parsers.resolve.SectionMapGraphBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code crosslens graph FILE}: the resolution flow, the dependency tree or the section map as DOT, SVG or JSON. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Draw a binary's resolution flow, dependency tree or section map (DOT, SVG or JSON).")
final class GraphCommand implements Callable<Integer> {
    enum Kind { flow, deps, sections }

    enum Format { dot, svg, json }

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--sysroot", paramLabel = "DIR", description = "as for 'resolve' (flow and deps)")
    Path sysroot;

    @Option(names = "--kind", defaultValue = "flow", description = "flow, deps or sections (default ${DEFAULT-VALUE})")
    Kind kind;

    @Option(names = "--pretty", description = "with --format json: indent the document for people (default: one line)")
    boolean pretty;

    @Option(names = "--format", defaultValue = "dot", description = "dot, svg or json (default ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--expand", paramLabel = "all", description = "'all' unfolds every group (default: folded)")
    String expand;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of stdout")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (expand != null && !expand.equals("all")) {
            err.println("crosslens graph: --expand takes 'all'");
            return CrosslensCli.EXIT_USAGE;
        }
        if (sysroot != null && !java.nio.file.Files.isDirectory(sysroot)) {
            err.println("crosslens graph: --sysroot " + sysroot + ": no such directory");
            return CrosslensCli.EXIT_USAGE;
        }
        Graph g;
        try {
            BinaryFile f = Binaries.open(file, ParseOptions.defaults().withGoAnalysis(false));
            g = build(f);
        } catch (IOException e) {
            err.println("crosslens graph: " + CliErrors.describe(e));
            return CrosslensCli.EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println("crosslens graph: " + e.getMessage());
            return CrosslensCli.EXIT_USAGE;
        }
        Set<String> open = new HashSet<>();
        if (expand != null) for (GraphNode n : g.nodes()) if (n.group() != null) open.add(n.group());
        Graph shown = new GraphCollapse().collapse(g, open);
        try (PrintWriter w = output == null ? null : new PrintWriter(output.toFile(), StandardCharsets.UTF_8)) {
            PrintWriter out = w != null ? w : spec.commandLine().getOut();
            switch (format) {
                case svg -> new SvgExport().write(new GraphLayout().layout(shown), out);
                case json -> {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("schema", "crosslens.graph");
                    doc.put("schemaVersion", 1);
                    doc.put("graph", shown);
                    JsonSupport.write(out, doc, pretty);
                }
                default -> new DotWriter().write(shown, out);
            }
            out.flush();
        } catch (IOException e) {
            err.println("crosslens graph: cannot write: " + e.getMessage());
            return CrosslensCli.EXIT_USAGE;
        }
        return CrosslensCli.EXIT_OK;
    }

    private Graph build(BinaryFile f) throws IOException {
        String name = file.getFileName().toString();
        if (kind == Kind.sections) return new SectionMapGraphBuilder().build(name, f.image().core());
        Resolution r = new Resolver().resolve(f, ResolveOptions.defaults().withSysroot(sysroot));
        return kind == Kind.deps ? new DependencyGraphBuilder().build(r)
                : new FlowGraphBuilder().build(f.image().core(), r);
    }
}
