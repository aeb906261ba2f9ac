package dev.crosslens.app.cli;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.HardeningCheck;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Library;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.model.go.GoFacts;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.model.go.GoModule;
import dev.crosslens.model.go.GoSetting;
import dev.crosslens.model.go.GoUnrecordedSetting;
import dev.crosslens.parsers.report.AnalysisReport;

import java.io.PrintWriter;

/** The readable form of {@code analyze}: one block per file, nested images indented. */
final class SummaryPrinter {
    private final PrintWriter out;

    SummaryPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(AnalysisReport report) {
        for (AnalysisReport.Entry e : report.entries()) {
            if (e.error() != null) {
                out.println(e.path() + ": error: " + e.error().message());
            } else {
                print(e.file());
            }
            out.println();
        }
    }

    private void print(BinaryFile f) {
        out.println(f.path());
        out.println("  size " + f.size() + " bytes, sha256 " + f.sha256());
        print(f.image(), "  ");
    }

    private void print(BinaryImage img, String in) {
        ImageCore c = img.core();
        out.println(in + Verdicts.headline(c));
        if (c.entry() != null) out.println(in + "entry 0x" + Long.toHexString(c.entry()));
        if (c.linkage().interpreter() != null) out.println(in + "interpreter " + c.linkage().interpreter());
        if (!c.rpaths().isEmpty()) out.println(in + "rpath " + String.join(":", c.rpaths()));
        out.println(in + c.sections().size() + " sections, " + c.segments().size() + " segments, "
                + c.symbols().size() + " symbols, " + c.relocations().total() + " relocations");
        for (Library l : c.libraries()) {
            out.println(in + "needs " + l.name() + " (" + l.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + (l.imports().isEmpty() ? "" : ", " + l.imports().size() + " symbols") + ")");
        }
        if (!c.hardening().isEmpty()) {
            StringBuilder sb = new StringBuilder(in + "hardening:");
            for (HardeningCheck h : c.hardening()) {
                sb.append(' ').append(h.id()).append('=').append(h.state().name().toLowerCase(java.util.Locale.ROOT));
            }
            out.println(sb);
        }
        printGo(c.go(), in);
        for (Diagnostic d : c.diagnostics()) {
            out.println(in + d.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + d.code() + " at "
                    + d.extent() + ": " + d.message());
        }
        for (BinaryImage child : img.children()) {
            out.println(in + "--");
            print(child, in + "  ");
        }
    }

    private void printGo(GoInfo go, String in) {
        if (go == null) return;
        out.println(in + "Go " + (go.version() == null ? "(version unknown)" : go.version())
                + (go.hasBuildInfo() ? "" : ", no build info"));
        GoBuildInfo bi = go.buildInfo();
        if (bi != null) {
            out.println(in + "  path " + bi.path());
            if (bi.main() != null) out.println(in + "  mod  " + bi.main().path() + " " + bi.main().version());
            for (GoModule d : bi.deps()) {
                out.println(in + "  dep  " + d.path() + " " + d.version()
                        + (d.replacement() == null ? "" : " => " + d.replacement().path() + " "
                        + d.replacement().version()));
            }
            for (GoSetting s : bi.settings()) {
                out.println(in + "  build " + s.key() + "=" + s.value());
            }
            for (GoUnrecordedSetting u : bi.unrecorded()) {
                out.println(in + "  " + u.key() + " " + u.reason());
            }
            if (bi.setting("-ldflags") == null && bi.unrecordedReason("-ldflags") == null) {
                out.println(in + "  -ldflags none");
            }
        }
        if (go.pclntab() != null) {
            out.println(in + "  pclntab " + go.pclntab().layout() + " (" + go.pclntab().foundBy() + "), "
                    + go.pclntab().functionCount() + " functions in " + go.pclntab().functionsPerPackage().size()
                    + " packages");
        }
        GoFacts f = go.facts();
        if (f != null) {
            out.println(in + "  cgo=" + f.cgo() + " net-resolver=" + f.netResolver() + " os/user=" + f.osUser()
                    + " tzdata=" + f.tzdataEmbedded() + " time-zones=" + f.usesTimeZones()
                    + " build-mode=" + (f.buildMode().isEmpty() ? "unknown" : f.buildMode()));
        }
    }
}
