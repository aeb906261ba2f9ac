package dev.crosslens.app.cli;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.analysis.FileBytes;
import dev.crosslens.parsers.analysis.FindingsEngine;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.parsers.diff.BuildDiffer;
import dev.crosslens.parsers.diff.DiffGate;
import dev.crosslens.parsers.diff.DiffSide;
import dev.crosslens.parsers.report.DiffReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code crosslens diff OLD NEW}: every semantic difference between two builds, and a CI gate.
 * Exit 0 when nothing chosen with {@code --fail-on} changed, 1 when something did, 2 on error.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two builds: identity, symbols, sections, libraries, Go settings and modules, hardening.",
        footer = {"", "Gate rules for --fail-on (comma-separated, or 'all'):",
                "  removed-exports, new-imports, new-libraries, hardening-regression, new-findings, arch-change,",
                "  cgo-change, linkage-change, go-version-change, removed-symbols"})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OLD")
    Path oldPath;

    @Parameters(index = "1", paramLabel = "NEW")
    Path newPath;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "the crosslens.diff JSON document") boolean json;
        @Option(names = "--markdown", description = "Markdown, for pull-request comments") boolean markdown;
        @Option(names = "--html", description = "one self-contained HTML page") boolean html;
        @Option(names = "--sarif", description = "SARIF 2.1.0 (gate rules as reporting rules)") boolean sarif;
    }

    @Option(names = "--pretty", description = "with --json or --sarif: indent the document for people (default: one line)")
    boolean pretty;

    @Option(names = "--fail-on", paramLabel = "RULES", description = "exit 1 when any of these changed")
    String failOn;

    @Option(names = "--old-slice", paramLabel = "ARCH", description = "slice of a universal OLD (default: NEW's arch)")
    String oldSlice;

    @Option(names = "--new-slice", paramLabel = "ARCH", description = "slice of a universal NEW (default: OLD's arch)")
    String newSlice;

    @Option(names = "--limit", defaultValue = "50", description = "rows per area in text/Markdown (default ${DEFAULT-VALUE})")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<DiffGate.Rule> rules;
        try {
            rules = DiffGate.parse(failOn);
        } catch (IllegalArgumentException e) {
            err.println("crosslens diff: " + e.getMessage());
            return CrosslensCli.EXIT_USAGE;
        }
        // the two files, and then their findings, on two cores
        ExecutorService other = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "crosslens-diff");
            t.setDaemon(true);
            return t;
        });
        BuildDiff diff;
        try {
            BinaryFile[] files;
            try {
                files = openBoth(other);
            } catch (IOException e) {
                err.println("crosslens diff: " + CliErrors.describe(e));
                return CrosslensCli.EXIT_USAGE;
            }
            BinaryFile a = files[0];
            BinaryFile b = files[1];
            DiffSide oldSide;
            DiffSide newSide;
            try {
                oldSide = DiffSide.pick(a, oldSlice, b.image());
                newSide = DiffSide.pick(b, newSlice, oldSide.image());
            } catch (IllegalArgumentException e) {
                err.println("crosslens diff: " + e.getMessage());
                return CrosslensCli.EXIT_USAGE;
            }
            CompletableFuture<List<Finding>> oldFindings = CompletableFuture.supplyAsync(() -> findings(a, oldSide),
                    other);
            List<Finding> newFindings = findings(b, newSide);
            diff = new BuildDiffer().diff(oldSide, newSide, oldFindings.join(), newFindings);
        } finally {
            other.shutdownNow();
        }
        List<DiffGate.Hit> hits = new DiffGate().evaluate(diff, rules);
        DiffReport report = new DiffReport(diff, rules, hits);
        try {
            if (format.json) report.writeJson(out, pretty);
            else if (format.markdown) report.writeMarkdown(out, limit);
            else if (format.html) report.writeHtml(out);
            else if (format.sarif) report.writeSarif(out, CrosslensCli.VERSION, pretty);
            else report.writeText(out, limit);
        } catch (IOException e) {
            err.println("crosslens diff: cannot write the report: " + e.getMessage());
            return CrosslensCli.EXIT_USAGE;
        }
        out.flush();
        return report.gateFailed() ? CrosslensCli.EXIT_FAILED : CrosslensCli.EXIT_OK;
    }

    /**
     * What a diff reads: everything but the relocation entries, which it does not compare (their counts per table
     * and type are still read). Mach-O rebases and fixup chains are most of a Go binary's parse.
     */
    private static final ParseOptions PARSE = ParseOptions.defaults().withRelocationEntries(false);

    /** OLD parsed on {@code other} while NEW is parsed here; when both fail, OLD's error is the one told. */
    private BinaryFile[] openBoth(ExecutorService other) throws IOException {
        Future<BinaryFile> oldFile = other.submit(() -> Binaries.open(oldPath, PARSE));
        BinaryFile newFile = null;
        IOException newError = null;
        try {
            newFile = Binaries.open(newPath, PARSE);
        } catch (IOException e) {
            newError = e;
        }
        BinaryFile oldOne = CliErrors.await(oldFile);
        if (newError != null) throw newError;
        return new BinaryFile[] {oldOne, newFile};
    }

    /** The findings of the compared image (the picked slice of a fat file), for the findings diff. */
    static List<Finding> findings(BinaryFile file, DiffSide side) {
        BinaryFile compared = file.image() == side.image() ? file
                : new BinaryFile(file.path(), side.fileSize(), file.sha256(), side.image());
        try (FileBytes bytes = file.image() == side.image() ? FileBytes.open(Path.of(file.path())) : null) {
            return FindingsEngine.standard().run(compared, null, null, bytes);
        } catch (IOException e) {
            return FindingsEngine.standard().run(compared, null, null, null); // byte-level rules stay quiet
        }
    }
}
