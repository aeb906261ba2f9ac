package dev.crosslens.app.cli;

import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.finding.TargetReason;
import dev.crosslens.model.finding.TargetVerdict;
import dev.crosslens.parsers.analysis.FileCheck;

import java.io.PrintWriter;
import java.util.List;

/** The readable output of {@code crosslens check}: per file, the verdict with its reasons, then the findings. */
final class CheckPrinter {
    private final PrintWriter out;

    CheckPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(List<FileCheck> checks) {
        for (FileCheck c : checks) {
            out.println(c.path());
            if (c.error() != null) {
                out.println("  cannot read: " + c.error());
                continue;
            }
            TargetVerdict v = c.verdict();
            if (v != null) {
                out.println("  " + v.verdict().name() + " on " + v.targetName() + " (" + v.targetId() + ")");
                for (TargetReason r : v.reasons()) {
                    out.println("    " + r.effect().label() + ": " + r.finding().title() + "  [" + r.finding().id()
                            + scope(r.finding()) + "]");
                    printEvidence(r.finding(), "      ");
                    if (!r.finding().fix().isEmpty()) out.println("      fix: " + r.finding().fix());
                }
                for (String p : v.passed()) out.println("    ok: " + p);
            }
            if (c.findings().isEmpty()) {
                out.println("  no findings");
            }
            for (Finding f : c.findings()) {
                out.println("  " + mark(f) + " " + f.id() + scope(f) + ": " + f.title());
                out.println("      " + f.explanation());
                printEvidence(f, "      ");
                if (!f.fix().isEmpty()) out.println("      fix: " + f.fix());
            }
        }
    }

    private void printEvidence(Finding f, String indent) {
        for (Evidence e : f.evidence()) {
            out.println(indent + "- " + e.label() + (e.value().isEmpty() ? "" : ": " + e.value())
                    + (e.extent().isKnown() ? "  @" + e.extent() : ""));
        }
    }

    private static String scope(Finding f) {
        return f.scope().isEmpty() ? "" : " in " + f.scope();
    }

    private static String mark(Finding f) {
        switch (f.severity()) {
            case ERROR: return "ERROR  ";
            case WARNING: return "WARNING";
            default: return "info   ";
        }
    }
}
