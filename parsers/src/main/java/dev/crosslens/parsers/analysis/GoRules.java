package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Arch;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Library;
import dev.crosslens.model.Severity;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.go.GoFacts;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.model.go.GoSetting;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Rules about Go binaries: cgo, the OS floor of the toolchain, time zones, build paths, symbols, CPU level. */
final class GoRules {
    /**
     * Symbols only runtime/cgo's C code defines. ({@code _cgo_init} itself is not one: the runtime declares it in
     * every Go binary and leaves it nil without cgo.)
     */
    private static final Set<String> CGO_SYMBOLS = Set.of("x_cgo_init", "crosscall2", "_cgo_sys_thread_start",
            "x_cgo_thread_start", "_cgo_try_pthread_create");

    private GoRules() {
    }

    static List<FindingRule> rules(GoMinOs minOs) {
        return List.of(
                Rule.of("go.cgo-enabled", Severity.WARNING, "CGO is on in a Go build",
                        "A Go binary that links cgo needs a C toolchain for its target when built and the target's "
                                + "C library (and its loader) when run. In a cross build this is usually an accident: "
                                + "the binary then fails with 'not found' (no loader) or a glibc version error.",
                        "CGO_ENABLED=0 GOOS=<os> GOARCH=<arch> go build .", GoRules::cgoEnabled),
                Rule.of("go.cgo-resolver", Severity.WARNING, "net or os/user uses the C library resolver",
                        "The net package resolves names (or os/user looks up users) through libc: the result "
                                + "depends on the target's NSS setup and the binary needs libc at run time.",
                        "go build -tags netgo,osusergo . (or CGO_ENABLED=0)", GoRules::cgoResolver),
                Rule.of("go.min-os", Severity.INFO, "Minimum OS version of this Go release",
                        "Each Go release stops running on older OS versions; the binary inherits the floor of "
                                + "the Go toolchain that built it.",
                        "Build with an older Go toolchain if the target is older than the floor.",
                        (ctx, self) -> minOsFinding(ctx, self, minOs)),
                Rule.of("go.tzdata-missing", Severity.WARNING, "Time zones are loaded but tzdata is not embedded",
                        "time.LoadLocation reads the zone database from the target (/usr/share/zoneinfo, or "
                                + "$GOROOT/lib/time/zoneinfo.zip). Minimal images (Alpine without tzdata, scratch) "
                                + "and Windows machines without Go have none, and LoadLocation fails at run time.",
                        "import _ \"time/tzdata\" in package main, or go build -tags timetzdata .",
                        GoRules::tzdata),
                Rule.of("go.no-trimpath", Severity.INFO, "Build paths are recorded in the binary",
                        "Without -trimpath the absolute paths of the build machine (home directory, GOROOT, "
                                + "module cache) are kept in the binary: builds are not reproducible across "
                                + "machines and the paths leak.",
                        "go build -trimpath .", GoRules::noTrimpath),
                Rule.of("go.stripped", Severity.INFO, "Built without symbols (-s -w)",
                        "The symbol table and DWARF were left out: stack traces still work, debuggers and "
                                + "profilers see no names.",
                        "Drop -s -w from -ldflags for a debuggable build.", GoRules::stripped),
                Rule.of("go.cpu-level", Severity.WARNING, "Go code needs a newer CPU than the baseline",
                        "GOAMD64 above v1 lets the compiler use newer instructions (v2: SSE4.2/POPCNT, v3: AVX2/"
                                + "BMI/FMA, v4: AVX-512): on an older CPU the binary dies with SIGILL.",
                        "GOAMD64=v1 go build .", GoRules::cpuLevel),
                Rule.of("go.buildinfo-header-mismatch", Severity.ERROR,
                        "Go build info disagrees with the file header",
                        "The GOOS/GOARCH recorded by the Go toolchain do not match the machine or OS in the file "
                                + "header: the file was patched, mislabelled or assembled from the wrong parts.",
                        "Rebuild with the intended GOOS/GOARCH and check the output path.",
                        GoRules::buildInfoMismatch),
                Rule.of("go.buildinfo-invalid-setting", Severity.WARNING,
                        "Go build info holds a setting value the go command never writes",
                        "GOARM, GOAMD64, GO386, GOARM64 and CGO_ENABLED take a few fixed values. Anything else "
                                + "(GOARM=99999999999, GOAMD64=v9) means the build info was crafted, patched or "
                                + "damaged: the CPU level and cgo facts read from it cannot be trusted.",
                        "Rebuild from source with the go command and compare with go version -m FILE.",
                        GoRules::invalidSettings));
    }

    private static final List<String> LEVEL_KEYS = List.of("GOARM", "GOAMD64", "GO386", "GOARM64", "CGO_ENABLED");

    private static List<Finding> invalidSettings(RuleContext ctx, RuleInfo self) {
        if (!ctx.isGo() || ctx.go().buildInfo() == null) return List.of();
        List<Evidence> ev = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (GoSetting s : ctx.go().buildInfo().settings()) {
            if (!LEVEL_KEYS.contains(s.key())) continue;
            GoLevels.Level l = GoLevels.read(s.key(), s.value() == null ? "" : s.value());
            if (l.valid()) continue;
            problems.add(l.problem());
            ev.add(Evidence.of("build-setting", s.key(), GoLevels.shown(l.raw()), Facts.goBuildInfoExtent(ctx.core())));
        }
        if (ev.isEmpty()) return List.of();
        return List.of(Rule.finding(self, "Invalid " + ev.get(0).label() + " in the build info",
                String.join("; ", problems) + ". The build info was not written by the go command as it stands; "
                        + "what it says about the CPU level or cgo is not a fact about the code.", ev, self.fix()));
    }

    /**
     * What links cgo into a Go image, each with its bytes: runtime/cgo functions in the pclntab, the C side's own
     * symbols ({@code x_cgo_init}, {@code crosscall2}, ...), and for ELF a libc NEEDED entry. PT_INTERP is not among
     * them (a pure-Go {@code -buildmode=pie} binary has one), nor is {@code CGO_ENABLED=1} (recorded even when no
     * package imports "C", as in a {@code -tags netgo,osusergo} build). {@code runtimeNeeds} is what the linked C code
     * needs at run time: the libc NEEDED entries and the loader, empty for a static link.
     */
    record Cgo(List<Evidence> linked, List<Evidence> runtimeNeeds, Evidence setting) {
        boolean isLinked() {
            return !linked.isEmpty();
        }
    }

    static Cgo cgo(RuleContext ctx) {
        ImageCore c = ctx.core();
        List<Evidence> linked = new ArrayList<>();
        List<Evidence> needs = new ArrayList<>();
        Symbol runtimeCgo = null;
        Symbol cSide = null;
        for (Symbol s : c.symbols()) {
            if (runtimeCgo == null && s.type() == SymbolType.FUNC && s.name().startsWith("runtime/cgo.")) runtimeCgo = s;
            if (cSide == null && CGO_SYMBOLS.contains(s.name())) cSide = s;
            if (runtimeCgo != null && cSide != null) break;
        }
        GoFacts f = ctx.isGo() ? ctx.go().facts() : null;
        Integer cgoFunctions = ctx.isGo() && ctx.go().pclntab() != null
                ? ctx.go().pclntab().functionsPerPackage().get("runtime/cgo") : null;
        if (runtimeCgo != null) {
            linked.add(Evidence.of("symbol", "runtime/cgo in the " + runtimeCgo.table().label(),
                    (cgoFunctions == null ? "" : cgoFunctions + " functions, first ") + runtimeCgo.name(),
                    runtimeCgo.extent()));
        }
        if (cSide != null) linked.add(Facts.symbolEvidence(cSide));
        if (linked.isEmpty() && f != null && f.cgo()) {
            for (String e : f.evidence()) {
                if (e.startsWith("cgo: ") && !e.contains("CGO_ENABLED")) {
                    linked.add(Evidence.of("go-fact", "cgo", e.substring(5), Extent.NONE));
                }
            }
        }
        if (Facts.isElf(c)) {
            for (Library l : Facts.needed(c)) {
                if (Facts.isGlibcLibc(l.name()) || Facts.isMuslLibc(l.name())) needs.add(Facts.libraryEvidence(l));
            }
            // Go's own linker never writes a libc NEEDED entry without cgo (or -linkmode=external, which needs cgo).
            linked.addAll(needs);
            if (!linked.isEmpty() && c.linkage().interpreter() != null) needs.add(Facts.interpreterEvidence(c));
        }
        String setting = Facts.goSetting(c, "CGO_ENABLED");
        return new Cgo(linked, needs, setting == null ? null : Facts.goSettingEvidence(c, "CGO_ENABLED"));
    }

    private static List<Finding> cgoEnabled(RuleContext ctx, RuleInfo self) {
        if (!ctx.isGoBinary()) return List.of();
        Cgo cgo = cgo(ctx);
        if (!cgo.isLinked()) return List.of();
        List<Evidence> ev = new ArrayList<>(cgo.linked());
        for (Evidence e : cgo.runtimeNeeds()) {
            if (!ev.contains(e)) ev.add(e);
        }
        if (cgo.setting() != null) ev.add(cgo.setting());
        Evidence first = cgo.linked().get(0);
        String saw = first.label() + ": " + first.value();
        List<String> needs = new ArrayList<>();
        for (Evidence e : cgo.runtimeNeeds()) needs.add(e.value());
        String title;
        String explanation;
        if (needs.isEmpty()) {
            title = "cgo is linked in, statically";
            explanation = "This Go binary links C code through cgo (" + saw + "), linked statically: it does not "
                    + "load the target's C library, but building it needed a C cross toolchain for the target, and a "
                    + "static glibc still loads NSS modules for name and user lookups at run time.";
        } else {
            title = "cgo is linked in: needs " + String.join(" and ", needs) + " at run time";
            explanation = "This Go binary links C code through cgo (" + saw + ") and is dynamically linked against "
                    + String.join(" and ", needs) + ": it starts only where that C library and loader exist (not "
                    + "on musl, distroless/static or scratch for a glibc build), and cross-built it usually does not "
                    + "run there.";
        }
        return List.of(Rule.finding(self, title, explanation, ev, Facts.goBuildCommand(ctx.core(), "-trimpath")));
    }

    private static List<Finding> cgoResolver(RuleContext ctx, RuleInfo self) {
        if (!ctx.isGo() || ctx.go().facts() == null) return List.of();
        GoFacts f = ctx.go().facts();
        List<Evidence> ev = new ArrayList<>();
        List<String> what = new ArrayList<>();
        if ("cgo".equals(f.netResolver())) {
            what.add("net");
            ev.add(Evidence.of("go-fact", "net resolver", "cgo", Extent.NONE));
        }
        if ("cgo".equals(f.osUser())) {
            what.add("os/user");
            ev.add(Evidence.of("go-fact", "os/user", "cgo", Extent.NONE));
        }
        if (ev.isEmpty()) return List.of();
        for (Symbol s : ctx.core().symbols()) {
            String n = s.name();
            if (n.contains("_Cfunc_getaddrinfo") || n.contains("_Cfunc_mygetpwuid_r") || n.contains("_Cfunc_getpwnam")
                    || n.equals("net._C2func_getaddrinfo")) {
                ev.add(Facts.symbolEvidence(s));
            }
        }
        return List.of(Rule.finding(self, String.join(" and ", what) + " use the C library",
                String.join(" and ", what) + " go through libc (getaddrinfo/getpwuid_r): name and user lookups "
                        + "follow the target's NSS configuration (/etc/nsswitch.conf and its modules), not Go's own "
                        + "resolver, and need the C library there.",
                ev, "go build -tags netgo,osusergo -trimpath .  (or " + Facts.goBuildCommand(ctx.core(), "") + ")"));
    }

    private static List<Finding> minOsFinding(RuleContext ctx, RuleInfo self, GoMinOs table) {
        if (!ctx.isGo() || ctx.go().version() == null) return List.of();
        String goos = Facts.goosOf(ctx.core());
        GoMinOs.Row row = table.floor(ctx.go().version(), goos);
        if (row == null) return List.of();
        return List.of(Rule.finding(self, ctx.go().version() + " needs at least " + row.label(),
                "Built by " + ctx.go().version() + ": Go " + row.go() + " and newer need " + row.label()
                        + " or later (" + row.source() + ").",
                List.of(Evidence.of("go-version", "Go version", ctx.go().version(), Facts.goBuildInfoExtent(ctx.core())),
                        Evidence.of("reference", "release notes", row.source(), Extent.NONE)),
                "Nothing to do unless the target is older than " + row.label()
                        + "; then build with a Go release before " + row.go() + "."));
    }

    private static List<Finding> tzdata(RuleContext ctx, RuleInfo self) {
        if (!ctx.isGo()) return List.of();
        GoFacts f = ctx.go().facts();
        boolean uses = f != null && f.usesTimeZones();
        boolean embedded = f != null && f.tzdataEmbedded();
        Symbol load = Facts.symbol(ctx.core(), "time.LoadLocation");
        if (f == null && load != null) uses = true;
        if (Facts.symbol(ctx.core(), "time/tzdata.init") != null || Facts.symbol(ctx.core(), "time/tzdata.init.0") != null) {
            embedded = true;
        }
        if (!uses || embedded) return List.of();
        List<Evidence> ev = new ArrayList<>();
        if (load != null) ev.add(Facts.symbolEvidence(load));
        if (f != null) {
            for (String s : f.evidence()) {
                if (s.toLowerCase().contains("tz") || s.contains("LoadLocation")) {
                    int colon = s.indexOf(": ");
                    ev.add(Evidence.of("go-fact", colon > 0 ? s.substring(0, colon) : "time zones",
                            colon > 0 ? s.substring(colon + 2) : s, Extent.NONE));
                }
            }
        }
        if (ev.isEmpty()) ev.add(Evidence.of("go-fact", "time zones", "time.LoadLocation reachable", Extent.NONE));
        return List.of(Rule.finding(self, "time.LoadLocation without embedded tzdata",
                "The program loads time zones by name but does not carry the zone database: on a target without "
                        + "/usr/share/zoneinfo (Alpine without the tzdata package, scratch, distroless/static-less "
                        + "images, Windows without Go installed) LoadLocation returns an error.",
                ev, "Add import _ \"time/tzdata\" to package main (or go build -tags timetzdata .); "
                        + "or install tzdata on the target (apk add tzdata)."));
    }

    private static final byte[] GOROOT_FILE = "/src/runtime/proc.go".getBytes(StandardCharsets.US_ASCII);

    private static List<Finding> noTrimpath(RuleContext ctx, RuleInfo self) {
        if (!ctx.isGo()) return List.of();
        GoInfo go = ctx.go();
        boolean recordedTrim = go.buildInfo() != null && go.buildInfo().trimpath();
        if (recordedTrim) return List.of();
        List<Evidence> ev = new ArrayList<>();
        if (ctx.bytes() != null) {
            long at = ctx.bytes().find(GOROOT_FILE, ctx.core().extent());
            if (at >= 0) {
                Extent run = ctx.bytes().printableRunAround(at, 512);
                String path = ctx.bytes().text(run);
                if (path.startsWith("/") || (path.length() > 2 && path.charAt(1) == ':')) {
                    ev.add(Evidence.of("string", "build path", path, run));
                }
            }
        }
        if (go.buildInfo() != null) {
            ev.add(Evidence.of("build-setting", "-trimpath", "not set", go.buildInfo().extent()));
        }
        // Without build info, only a path found in the bytes proves it.
        if (ev.isEmpty() || (go.buildInfo() == null && ev.stream().noneMatch(e -> e.kind().equals("string")))) {
            return List.of();
        }
        String shown = ev.get(0).kind().equals("string") ? ": " + ev.get(0).value() : "";
        return List.of(Rule.finding(self, "Built without -trimpath" + shown,
                "The binary keeps the absolute file paths of the machine that built it" + shown
                        + ". They show in panics and leak user and directory names, and make builds differ "
                        + "between machines.",
                ev, "go build -trimpath ."));
    }

    /**
     * Decided from the image for every format (-ldflags are not recorded under -trimpath): the static symbol table
     * ({@code .symtab}, COFF symbols, Mach-O nlist entries of its own) and DWARF ({@code .debug_info} and the
     * compressed {@code .zdebug_info} of older Go, {@code __debug_info} in Mach-O).
     */
    private static List<Finding> stripped(RuleContext ctx, RuleInfo self) {
        if (!ctx.isGo()) return List.of();
        ImageCore c = ctx.core();
        // Only the format's own records say what is absent; an image without them (built by hand) says nothing.
        if (ctx.elf() == null && ctx.pe() == null && ctx.macho() == null) return List.of();
        HeaderFacts h = ctx.header();
        if (h.symbolTable() && h.dwarf()) return List.of();
        List<Evidence> ev = new ArrayList<>();
        if (!h.symbolTable()) ev.add(Evidence.of("header", "symbol table", h.symbolTableLabel(), h.symbolTableExtent()));
        if (!h.dwarf()) ev.add(Evidence.of("section", "DWARF", h.dwarfLabel(), h.dwarfExtent()));
        String ldflags = Facts.goSetting(c, "-ldflags");
        if (ldflags != null) {
            for (String t : ldflags.split("[\\s\"']+")) {
                if (t.equals("-s") || t.equals("-w")) {
                    ev.add(Facts.goSettingEvidence(c, "-ldflags"));
                    break;
                }
            }
        }
        String title;
        String what;
        if (!h.symbolTable() && !h.dwarf()) {
            title = "No symbol table and no DWARF (-s -w)";
            what = "Built with the symbol table and the DWARF debug info left out";
        } else if (!h.symbolTable()) {
            title = "No symbol table (-s)";
            what = "Built with the symbol table left out (DWARF is there)";
        } else {
            title = "No DWARF debug info (-w)";
            what = "Built without DWARF debug info (the symbol table is there)";
        }
        return List.of(Rule.finding(self, title, what + ": " + ev.get(0).value()
                        + ". Smaller, but debuggers, profilers and crash tools see fewer names and no source lines "
                        + "(Go's own stack traces still work: they use the pclntab).",
                ev, "Build without -ldflags=\"-s -w\" when you need to debug it."));
    }

    private static List<Finding> cpuLevel(RuleContext ctx, RuleInfo self) {
        if (!ctx.isGo()) return List.of();
        String raw = Facts.goSetting(ctx.core(), "GOAMD64");
        if (raw == null) return List.of();
        GoLevels.Level level = GoLevels.goamd64(raw);
        // An invalid value is go.buildinfo-invalid-setting's to report; v1 is the baseline every x86-64 CPU has.
        if (!level.valid() || level.level() == 1) return List.of();
        String needs;
        switch (level.level()) {
            case 2: needs = "SSE4.2, SSSE3, POPCNT, CMPXCHG16B (x86-64-v2: Nehalem 2008 or later)"; break;
            case 3: needs = "AVX2, BMI1/2, FMA, MOVBE (x86-64-v3: Haswell 2013 / Excavator or later)"; break;
            default: needs = "AVX-512 (x86-64-v4: Skylake-X or later)"; break;
        }
        return List.of(Rule.finding(self, "GOAMD64=" + raw + ": needs " + needs,
                "Built for x86-64 micro-architecture level " + raw + "; on a CPU without " + needs
                        + " the program stops with SIGILL (illegal instruction), often only in some code paths.",
                List.of(Facts.goSettingEvidence(ctx.core(), "GOAMD64")),
                "GOAMD64=v1 " + Facts.goBuildCommand(ctx.core(), "").replace("CGO_ENABLED=0 ", "")));
    }

    private static List<Finding> buildInfoMismatch(RuleContext ctx, RuleInfo self) {
        if (!ctx.isGo()) return List.of();
        ImageCore c = ctx.core();
        List<Evidence> ev = new ArrayList<>();
        List<String> what = new ArrayList<>();
        String goarch = Facts.goSetting(c, "GOARCH");
        if (goarch != null && c.arch() != Arch.UNKNOWN && c.arch() != Arch.MULTI) {
            Arch fromGo = Arch.fromGoarch(goarch);
            if (fromGo != Arch.UNKNOWN && fromGo != c.arch()) {
                what.add("GOARCH=" + goarch + " but the header says " + c.arch().label());
                ev.add(Facts.goSettingEvidence(c, "GOARCH"));
                ev.add(Facts.machineEvidence(ctx));
            }
        }
        String goos = Facts.goSetting(c, "GOOS");
        if (goos != null && c.os() != TargetOs.UNKNOWN && c.os() != TargetOs.SYSV) {
            TargetOs fromGo = TargetOs.fromGoos(goos);
            if (fromGo != TargetOs.UNKNOWN && !sameOsFamily(fromGo, c.os())) {
                what.add("GOOS=" + goos + " but the header says " + c.os().goos());
                ev.add(Facts.goSettingEvidence(c, "GOOS"));
                ev.add(Facts.osEvidence(ctx, c.os().goos()));
            }
        }
        if (what.isEmpty()) return List.of();
        return List.of(Rule.finding(self, String.join("; ", what),
                "The Go toolchain recorded one target (" + String.join("; ", what) + "). A file like this was "
                        + "renamed, patched or put together from the wrong build output.",
                ev, "Rebuild: GOOS=" + (goos == null ? "<os>" : goos) + " GOARCH=" + (goarch == null ? "<arch>" : goarch)
                        + " go build -o <name> . and check which file the packaging step picks up."));
    }

    private static boolean sameOsFamily(TargetOs a, TargetOs b) {
        if (a == b) return true;
        return (a == TargetOs.LINUX && b == TargetOs.ANDROID) || (a == TargetOs.ANDROID && b == TargetOs.LINUX)
                || (a == TargetOs.MACOS && b == TargetOs.IOS) || (a == TargetOs.IOS && b == TargetOs.MACOS);
    }
}
