package dev.crosslens.app.cli;

import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.report.AnalysisReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code crosslens analyze FILE...}: a readable summary per file, or the versioned JSON document. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Summarise binaries: format, arch, kind, linkage, libraries, hardening, Go build info.")
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "ELF, PE/COFF, Mach-O (fat too) or ar files")
    List<Path> files;

    @Option(names = "--json", description = "print the crosslens.analysis JSON document (schema in README), on one line")
    boolean json;

    @Option(names = "--pretty", description = "with --json: indent the document for people")
    boolean pretty;

    @Option(names = "--no-relocations", description = "count relocations only, do not read every entry")
    boolean noRelocations;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    CrosslensCli cli;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<AnalysisReport.Entry> failed;
        if (json) {
            // written as each file is done, in order: the parses and their JSON are never all held at once
            out.flush();
            failed = AnalysisReport.streamJson(files, ParseOptions.defaults().withRelocationEntries(!noRelocations),
                    Runtime.getRuntime().availableProcessors(), cli.bytesOut(), pretty);
        } else {
            AnalysisReport report = AnalysisReport.analyze(files, !noRelocations);
            new SummaryPrinter(out).print(report);
            failed = report.entries().stream().filter(e -> e.error() != null).toList();
        }
        out.flush();
        for (AnalysisReport.Entry e : failed) err.println("crosslens: " + e.path() + ": " + e.error().message());
        err.flush();
        return failed.isEmpty() ? CrosslensCli.EXIT_OK : CrosslensCli.EXIT_FAILED;
    }
}
