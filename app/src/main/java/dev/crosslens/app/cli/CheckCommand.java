package dev.crosslens.app.cli;

import dev.crosslens.model.Severity;
import dev.crosslens.model.finding.BuildIntent;
import dev.crosslens.model.finding.Verdict;
import dev.crosslens.parsers.analysis.BuildIntents;
import dev.crosslens.parsers.analysis.CheckJson;
import dev.crosslens.parsers.analysis.Checker;
import dev.crosslens.parsers.analysis.FileCheck;
import dev.crosslens.parsers.analysis.SarifReport;
import dev.crosslens.parsers.analysis.TargetProfile;
import dev.crosslens.parsers.analysis.TargetProfiles;
import dev.crosslens.parsers.report.JsonSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code crosslens check FILE... [--target ID] [--intent K=V,...] [--json|--sarif] [--fail-on LEVEL]}: findings and,
 * with a target, the verdict. Exit 1 when a file cannot be read (missing, unreadable, not a binary, malformed: its
 * entry says why and the other files are still checked), when a verdict is WILL_FAIL, or when a finding at the
 * --fail-on level exists; 2 on usage errors. {@code --fail-on} is about findings only: {@code none} does not turn
 * off the verdict, which is what --target asks for.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Find what will make binaries fail on their target; with --target, say whether they run there.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every file was read, no verdict is WILL_FAIL and no finding is at the --fail-on level",
                "1:a file could not be read (missing, unreadable, not a binary, malformed), a verdict is WILL_FAIL "
                        + "(whatever --fail-on says), or a finding is at the --fail-on level",
                "2:usage error (unknown option, no FILE, unknown --target, bad --intent or --fail-on)"})
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "FILE", description = "ELF, PE/COFF, Mach-O (fat too) or ar files")
    List<Path> files;

    @CommandLine.Option(names = "--list-targets", description = "list the target profiles and exit")
    boolean listTargets;

    @Option(names = "--target", paramLabel = "ID", description = "target profile id (--list-targets shows them)")
    String target;

    @Option(names = "--intent", paramLabel = "K=V,...",
            description = "what you meant to build: GOOS=linux,GOARCH=arm64,GOARM=7,GOAMD64=v1,CGO=0,static")
    String intent;

    @Option(names = "--json", description = "print the crosslens.check JSON document")
    boolean json;

    @Option(names = "--pretty", description = "with --json or --sarif: indent the document for people (default: one line)")
    boolean pretty;

    @Option(names = "--sarif", description = "print SARIF 2.1.0")
    boolean sarif;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "exit 1 when a finding of this severity or worse exists: error, warning, info, none "
                    + "(default: ${DEFAULT-VALUE}). Findings only: a WILL_FAIL verdict or a file that cannot be read "
                    + "exits 1 even with none")
    String failOn;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (listTargets) {
            for (TargetProfile p : TargetProfiles.bundled().all()) {
                out.printf(Locale.ROOT, "%-26s %s%n", p.id(), p.name());
            }
            out.flush();
            return CrosslensCli.EXIT_OK;
        }
        if (files == null || files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'FILE'");
        }
        if (json && sarif) throw new CommandLine.ParameterException(spec.commandLine(), "--json and --sarif exclude each other");
        Severity threshold = parseFailOn();
        BuildIntent buildIntent;
        try {
            buildIntent = BuildIntents.parse(intent);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--intent: " + e.getMessage());
        }
        TargetProfile profile = null;
        if (target != null) {
            TargetProfiles profiles = TargetProfiles.bundled();
            profile = profiles.find(target).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "unknown target '" + target + "'; known: " + String.join(", ", profiles.ids())));
        }
        List<FileCheck> checks = Checker.standard().check(files, profile, buildIntent);
        String intentLabel = buildIntent.isEmpty() ? null : buildIntent.label();
        if (sarif || json) {
            Object doc = sarif ? new SarifReport(CrosslensCli.VERSION).build(checks, target, intentLabel)
                    : CheckJson.build(checks, target, intentLabel);
            JsonSupport.write(out, doc, pretty);
        } else {
            new CheckPrinter(out).print(checks);
        }
        out.flush();
        return exitCode(checks, threshold);
    }

    private Severity parseFailOn() {
        switch (failOn.toLowerCase(Locale.ROOT)) {
            case "error": return Severity.ERROR;
            case "warning": return Severity.WARNING;
            case "info": return Severity.INFO;
            case "none": return null;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--fail-on must be error, warning, info or none, got '" + failOn + "'");
        }
    }

    static int exitCode(List<FileCheck> checks, Severity threshold) {
        for (FileCheck c : checks) {
            if (c.error() != null) return CrosslensCli.EXIT_FAILED;
            if (c.verdict() != null && c.verdict().verdict() == Verdict.WILL_FAIL) return CrosslensCli.EXIT_FAILED;
            if (threshold != null && c.hasFindingAtLeast(threshold)) return CrosslensCli.EXIT_FAILED;
        }
        return CrosslensCli.EXIT_OK;
    }
}
