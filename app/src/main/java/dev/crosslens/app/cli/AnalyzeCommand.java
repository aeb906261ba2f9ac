package dev.crosslens.app.cli;

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

    @Option(names = "--json", description = "print the crosslens.analysis JSON document (schema in README)")
    boolean json;

    @Option(names = "--no-relocations", description = "count relocations only, do not read every entry")
    boolean noRelocations;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AnalysisReport report = AnalysisReport.analyze(files, !noRelocations);
        if (json) {
            report.writeJson(out);
        } else {
            new SummaryPrinter(out).print(report);
        }
        out.flush();
        for (AnalysisReport.Entry e : report.entries()) {
            if (e.error() != null) err.println("crosslens: " + e.path() + ": " + e.error().message());
        }
        err.flush();
        return report.anyFailed() ? CrosslensCli.EXIT_FAILED : CrosslensCli.EXIT_OK;
    }
}
