package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Library;
import dev.crosslens.model.Severity;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.finding.BuildIntent;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;

import java.util.ArrayList;
import java.util.List;

/** Where the file disagrees with what the person said they built ({@code --intent GOOS=linux,GOARCH=arm64,...}). */
final class IntentRules {
    private IntentRules() {
    }

    static List<FindingRule> rules() {
        return List.of(
                Rule.of("intent.goos", Severity.ERROR, "Built for another OS than intended",
                        "The file's OS (from its format, header or Go build info) is not the GOOS you meant.",
                        "GOOS=<intended> go build .", IntentRules::goos),
                Rule.of("intent.goarch", Severity.ERROR, "Built for another architecture than intended",
                        "The file's machine is not the GOARCH you meant.",
                        "GOARCH=<intended> go build .", IntentRules::goarch),
                Rule.of("intent.goarm", Severity.ERROR, "Built for another ARM version than intended",
                        "GOARM recorded in the build info differs from the one you meant.",
                        "GOARM=<intended> GOARCH=arm go build .", IntentRules::goarm),
                Rule.of("intent.goamd64", Severity.ERROR, "Built for another amd64 level than intended",
                        "GOAMD64 recorded in the build info differs from the one you meant.",
                        "GOAMD64=<intended> go build .", IntentRules::goamd64),
                Rule.of("intent.cgo", Severity.ERROR, "CGO setting differs from the intent",
                        "You meant CGO_ENABLED to be one thing; the file shows the other.",
                        "CGO_ENABLED=<intended> go build .", IntentRules::cgo),
                Rule.of("intent.static", Severity.ERROR, "Dynamically linked where a static binary was meant",
                        "The file has an ELF interpreter or NEEDED libraries although a static binary was meant: it "
                                + "will not start on a system without those (distroless/scratch images, another libc).",
                        "CGO_ENABLED=0 go build . (C: -static, Rust: --target x86_64-unknown-linux-musl)",
                        IntentRules::staticLinked));
    }

    private static boolean applies(RuleContext ctx) {
        ImageCore c = ctx.core();
        return !ctx.intent().isEmpty() && c.format() != BinaryFormat.ARCHIVE && c.format() != BinaryFormat.FAT_MACHO;
    }

    /** The GOOS the file is for, or null when the file does not say. */
    static String fileGoos(ImageCore c) {
        String g = Facts.goSetting(c, "GOOS");
        if (g != null) return g;
        if (c.format() == BinaryFormat.PE || c.format() == BinaryFormat.COFF) return "windows";
        if (c.format() == BinaryFormat.MACHO) return c.os() == TargetOs.IOS ? "ios" : "darwin";
        if (c.os() == TargetOs.UNKNOWN || c.os() == TargetOs.SYSV) {
            String interp = c.linkage().interpreter();
            if (Facts.isGlibcInterpreter(interp) || Facts.isMuslInterpreter(interp)) return "linux";
            return null;
        }
        return c.os().goos();
    }

    private static Evidence intentEvidence(String key, String value) {
        return Evidence.of("intent", key, value, null);
    }

    private static List<Finding> goos(RuleContext ctx, RuleInfo self) {
        BuildIntent in = ctx.intent();
        if (!applies(ctx) || in.goos() == null) return List.of();
        String actual = fileGoos(ctx.core());
        if (actual == null || actual.equals(in.goos())) return List.of();
        return List.of(Rule.finding(self, "GOOS is " + actual + ", meant " + in.goos(),
                "The file is a " + ctx.core().format().label() + " for " + actual + ", not " + in.goos() + ".",
                List.of(Facts.osEvidence(ctx, actual), intentEvidence("GOOS", in.goos())),
                "GOOS=" + in.goos() + (in.goarch() != null ? " GOARCH=" + in.goarch() : "") + " go build ."));
    }

    private static List<Finding> goarch(RuleContext ctx, RuleInfo self) {
        BuildIntent in = ctx.intent();
        if (!applies(ctx) || in.goarch() == null) return List.of();
        Arch a = ctx.core().arch();
        if (a == Arch.UNKNOWN || a == Arch.MULTI || in.goarch().equals(a.goarch())) return List.of();
        String actual = a.goarch() != null ? a.goarch() : a.label();
        return List.of(Rule.finding(self, "GOARCH is " + actual + ", meant " + in.goarch(),
                "The file's machine is " + (ctx.core().machineName().isEmpty() ? a.label() : ctx.core().machineName())
                        + ", which is GOARCH=" + actual + ", not " + in.goarch() + ".",
                List.of(Facts.machineEvidence(ctx), intentEvidence("GOARCH", in.goarch())),
                (in.goos() != null ? "GOOS=" + in.goos() + " " : "") + "GOARCH=" + in.goarch() + " go build ."));
    }

    private static List<Finding> goarm(RuleContext ctx, RuleInfo self) {
        BuildIntent in = ctx.intent();
        if (!applies(ctx) || in.goarm() == null || ctx.core().arch() != Arch.ARM) return List.of();
        String raw = Facts.goSetting(ctx.core(), "GOARM");
        if (raw == null) return List.of();
        GoLevels.Level actual = GoLevels.goarm(raw);
        GoLevels.Level meant = GoLevels.goarm(in.goarm());
        if (actual.valid() && actual.level() == meant.level()) return List.of();
        String explanation = actual.valid()
                ? "Built for ARMv" + actual.level() + ", meant ARMv" + meant.level() + "."
                : actual.problem() + "; you meant ARMv" + meant.level() + ".";
        return List.of(Rule.finding(self, actual.shown() + ", meant " + in.goarm(), explanation,
                List.of(Facts.goSettingEvidence(ctx.core(), "GOARM"), intentEvidence("GOARM", in.goarm())),
                "GOARCH=arm GOARM=" + in.goarm() + " go build ."));
    }

    private static List<Finding> goamd64(RuleContext ctx, RuleInfo self) {
        BuildIntent in = ctx.intent();
        if (!applies(ctx) || in.goamd64() == null || ctx.core().arch() != Arch.X86_64 || !ctx.isGo()) return List.of();
        String raw = Facts.goSetting(ctx.core(), "GOAMD64");
        if (raw == null || raw.equals(in.goamd64())) return List.of();
        GoLevels.Level actual = GoLevels.goamd64(raw);
        return List.of(Rule.finding(self, actual.shown() + ", meant " + in.goamd64(),
                actual.valid() ? "The build info records GOAMD64=" + raw + "."
                        : actual.problem() + "; you meant " + in.goamd64() + ".",
                List.of(Facts.goSettingEvidence(ctx.core(), "GOAMD64"), intentEvidence("GOAMD64", in.goamd64())),
                "GOAMD64=" + in.goamd64() + " go build ."));
    }

    /**
     * Linked code decides: runtime/cgo, the C side's symbols, a libc NEEDED entry ({@link GoRules#cgo}). The
     * recorded CGO_ENABLED decides only when nothing is known about the code (no function table and no cgo
     * symbols): it is also recorded as 1 for a build in which no package imports "C".
     */
    private static List<Finding> cgo(RuleContext ctx, RuleInfo self) {
        BuildIntent in = ctx.intent();
        if (!applies(ctx) || in.cgo() == null || !ctx.isGo()) return List.of();
        GoRules.Cgo cgo = GoRules.cgo(ctx);
        String setting = Facts.goSetting(ctx.core(), "CGO_ENABLED");
        boolean knowsCode = ctx.go().pclntab() != null || cgo.isLinked();
        if (!knowsCode && setting == null) return List.of();
        boolean actual = knowsCode ? cgo.isLinked() : "1".equals(setting);
        if (actual == in.cgo()) return List.of();
        List<Evidence> ev = new ArrayList<>(cgo.linked());
        if (cgo.setting() != null) ev.add(cgo.setting());
        if (!actual && knowsCode) {
            ev.add(Evidence.of("go-fact", "runtime/cgo", "not in the function table",
                    ctx.go().pclntab() == null ? Extent.NONE : ctx.go().pclntab().extent()));
        }
        ev.add(intentEvidence("CGO", in.cgo() ? "1" : "0"));
        String explanation;
        if (actual) {
            explanation = "cgo is linked in (" + ev.get(0).label() + ": " + ev.get(0).value()
                    + ") although you meant a pure-Go build.";
        } else if ("1".equals(setting)) {
            explanation = "CGO_ENABLED=1 is recorded, but no cgo code is linked (no package imports \"C\" in this "
                    + "build, for example with -tags netgo,osusergo): the binary is pure Go although you meant cgo on.";
        } else {
            explanation = "cgo is off although you meant it on.";
        }
        return List.of(Rule.finding(self, "cgo " + (actual ? "linked" : "not linked") + ", meant CGO_ENABLED="
                        + (in.cgo() ? "1" : "0"), explanation,
                ev, (in.cgo() ? "CGO_ENABLED=1 CC=<cross-gcc> " : "CGO_ENABLED=0 ")
                        + Facts.goBuildCommand(ctx.core(), "").replace("CGO_ENABLED=0 ", "")));
    }

    private static List<Finding> staticLinked(RuleContext ctx, RuleInfo self) {
        BuildIntent in = ctx.intent();
        ImageCore c = ctx.core();
        if (!applies(ctx) || !Boolean.TRUE.equals(in.staticLinked()) || !Facts.isElf(c) || Facts.elfStatic(c)
                || !Facts.isProgramOrLibrary(c)) {
            return List.of();
        }
        List<Evidence> ev = new ArrayList<>();
        if (c.linkage().interpreter() != null) ev.add(Facts.interpreterEvidence(c));
        for (Library l : Facts.needed(c)) ev.add(Facts.libraryEvidence(l));
        ev.add(intentEvidence("static", "true"));
        String fix = ctx.isGo() ? Facts.goBuildCommand(c, "-trimpath")
                : "gcc -static (or -static-pie); Rust: cargo build --target <arch>-unknown-linux-musl";
        return List.of(Rule.finding(self, "Dynamically linked: " + ev.get(0).label() + " " + ev.get(0).value(),
                "You meant a static binary, but it needs " + ev.get(0).value()
                        + (ev.size() > 2 ? " and " + (ev.size() - 2) + " more" : "") + " at run time.", ev, fix));
    }
}
