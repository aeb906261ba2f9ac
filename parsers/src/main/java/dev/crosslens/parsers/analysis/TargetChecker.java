package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Arch;
import dev.crosslens.model.ArchiveImage;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Extent;
import dev.crosslens.model.FatImage;
import dev.crosslens.model.FatSlice;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.Severity;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.finding.TargetReason;
import dev.crosslens.model.finding.TargetVerdict;
import dev.crosslens.model.finding.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers "will this file run on that target?": RUNS, WILL_FAIL or CANNOT_TELL, every reason a finding with
 * its evidence. A fat Mach-O runs when one of its slices does; archives and objects are not programs.
 */
public final class TargetChecker {
    static final RuleInfo NOT_A_PROGRAM = info("target.not-a-program", Severity.INFO,
            "Not a program or library", "Archives and relocatable objects are linked, not run.",
            "Check the program that links it.");
    static final RuleInfo OS_MISMATCH = info("target.os-mismatch", Severity.ERROR,
            "Built for another operating system", "The file's format, OS/ABI or Go build info names an OS the "
                    + "target does not run.", "Rebuild for the target OS (GOOS=<os>, or the right cross compiler).");
    static final RuleInfo OS_UNKNOWN = info("target.os-unknown", Severity.WARNING,
            "The file does not say which OS it is for", "A generic (System V) ELF without an interpreter or Go build "
                    + "info may be for any ELF system.", "Run it on the target once to be sure.");
    static final RuleInfo ARCH_MISMATCH = info("target.arch-mismatch", Severity.ERROR,
            "Built for another CPU architecture", "The target's CPU cannot execute this machine code "
                    + "('exec format error').", "Rebuild for the target: GOARCH=<arch>, or the <arch> cross compiler.");
    static final RuleInfo ARCH_COMPAT_LIBS = info("target.arch-needs-libraries", Severity.WARNING,
            "Runs through compatibility only with extra libraries", "The target runs this architecture (for "
                    + "example i386 on amd64) but a dynamically linked binary also needs that architecture's "
                    + "libraries, which are not installed by default.", "Install the multiarch libraries "
                    + "(dpkg --add-architecture i386; apt install libc6:i386) or link statically.");
    static final RuleInfo ARCH_DEPENDS_ON_HOST = info("target.arch-depends-on-host", Severity.WARNING,
            "Runs through compatibility only on some hosts", "The target can run this architecture only where the "
                    + "host provides it (a container runs on whatever kernel and CPU the host has).",
            "Build for the target's own architecture, or check the host (for 32-bit Arm on arm64: a CPU with "
                    + "AArch32 and a kernel with CONFIG_COMPAT).");
    static final RuleInfo PE32_NO_WOW64 = info("target.pe32-no-wow64", Severity.ERROR,
            "32-bit PE on a 64-bit-only Windows runtime", "This runtime has no WOW64 (a 64-bit-only Wine prefix): "
                    + "PE32 images do not start.", "Build a 64-bit image (GOARCH=amd64) or use a WoW64-capable Wine.");
    static final RuleInfo STATIC_ONLY = info("target.dynamic-on-static-only", Severity.ERROR,
            "Dynamically linked for a target without a C library", "The target (distroless static, scratch) has "
                    + "no loader and no libc: a binary with PT_INTERP or NEEDED entries fails with 'no such file or "
                    + "directory'.", "CGO_ENABLED=0 go build . / gcc -static / Rust --target *-linux-musl");
    static final RuleInfo LIBC_MISMATCH = info("target.libc-mismatch", Severity.ERROR,
            "Built against another C library", "A glibc binary on musl (Alpine) or a musl binary on a glibc "
                    + "distribution: the loader it names is missing, or the libc it needs is a different one.",
            "Build against the target's libc (CC=musl-gcc, --target x86_64-unknown-linux-musl, golang:alpine) or "
                    + "link statically; on Alpine, apk add gcompat helps only simple glibc programs.");
    static final RuleInfo GLIBC_TOO_OLD = info("target.glibc-too-old", Severity.ERROR,
            "Needs a newer glibc than the target has", "The binary uses a GLIBC_x.y symbol version newer than the "
                    + "target's glibc: it fails with 'version `GLIBC_x.y' not found'.",
            "Build on or against the target's release (a sysroot, a container of that release, zig cc -target "
                    + "<arch>-linux-gnu.<version>), or link statically with musl.");
    static final RuleInfo GLIBCXX_TOO_OLD = info("target.glibcxx-too-old", Severity.ERROR,
            "Needs a newer libstdc++ than the target has", "The binary uses a GLIBCXX_ or CXXABI_ symbol version "
                    + "newer than the target's libstdc++.so.6 provides: it fails with \"version `GLIBCXX_3.4.32' not "
                    + "found\".", "Build with the target's GCC (or a sysroot of that release), or link "
                    + "-static-libstdc++.");
    static final RuleInfo API_TOO_NEW = info("target.api-too-new", Severity.ERROR,
            "Imports a function or API set the target's Windows does not have", "The loader resolves every import "
                    + "when the program starts; a function (or an API set DLL) that first appeared in a later Windows "
                    + "stops it with 'The procedure entry point ... could not be located' (or a missing DLL).",
            "Build for the older Windows (an older Windows SDK / toolchain target, e.g. Rust's *-win7-windows-msvc), "
                    + "or load the function with GetProcAddress and fall back.");
    static final RuleInfo MISSING_LIBRARY = info("target.library-not-in-base", Severity.WARNING,
            "Needs a library a fresh target does not have", "The file needs shared libraries beyond the target's "
                    + "base system: it runs only where they are installed.", "Install the package that provides "
                    + "it, or link it statically.");
    static final RuleInfo GO_MIN_OS = info("target.go-min-os", Severity.ERROR,
            "The Go release that built it no longer supports this OS version", "Each Go release drops old OS "
                    + "versions; the binary needs at least the version its toolchain supports.",
            "Build with an older Go release (see resources/data/go/go-min-os.json for the floors).");
    static final RuleInfo MACOS_TOO_OLD = info("target.macos-too-old", Severity.ERROR,
            "Needs a newer macOS than the target", "The minimum OS version in the Mach-O header is above the target's "
                    + "macOS: dyld refuses to load it.", "-mmacosx-version-min=<target version>");
    static final RuleInfo UNSIGNED_ARM64 = info("target.unsigned-arm64", Severity.ERROR,
            "Unsigned arm64 code on Apple Silicon", "macOS on Apple Silicon kills arm64 code without a signature.",
            "codesign -s - --force FILE");
    static final RuleInfo CPU_LEVEL = info("target.cpu-level", Severity.ERROR,
            "Needs a newer CPU than the target", "GOARM/GOAMD64 ask for instructions the target CPU may not have.",
            "Rebuild with GOARM/GOAMD64 at the target's level.");
    static final RuleInfo CHECK_FAILED = info("target.check-failed", Severity.WARNING,
            "A step of the target check could not run", "A step of the target check met data it did not expect; "
                    + "the verdict cannot rest on it, and the other steps still ran.", "Report it with the file.");

    /** Every rule id the target check may report, for SARIF and the GUI legend. */
    public static List<RuleInfo> infos() {
        return List.of(NOT_A_PROGRAM, OS_MISMATCH, OS_UNKNOWN, ARCH_MISMATCH, ARCH_COMPAT_LIBS, ARCH_DEPENDS_ON_HOST,
                PE32_NO_WOW64, STATIC_ONLY, LIBC_MISMATCH, GLIBC_TOO_OLD, GLIBCXX_TOO_OLD, API_TOO_NEW,
                MISSING_LIBRARY, GO_MIN_OS, MACOS_TOO_OLD, UNSIGNED_ARM64, CPU_LEVEL, CHECK_FAILED);
    }

    private static RuleInfo info(String id, Severity s, String title, String description, String fix) {
        return new RuleInfo(id, s, title, description, fix);
    }

    /** One step of the check of a plain image; false stops the later steps (the OS or the arch is wrong). */
    @FunctionalInterface
    interface Step {
        boolean check(RuleContext ctx, TargetProfile target, Reasons out);
    }

    /** A step and what it checks, for the reason a failing step becomes. */
    record NamedStep(String name, Step step) {
    }

    private final GoMinOs goMinOs;
    private final List<NamedStep> steps;

    public TargetChecker(GoMinOs goMinOs) {
        this(goMinOs, List.of());
    }

    /** The standard steps followed by {@code extra} ones (tests add a step that throws). */
    TargetChecker(GoMinOs goMinOs, List<NamedStep> extra) {
        this.goMinOs = goMinOs;
        List<NamedStep> all = new ArrayList<>(List.of(
                new NamedStep("OS", this::checkOs),
                new NamedStep("architecture", this::checkArch),
                new NamedStep("ELF linkage", (c, t, o) -> !Facts.isElf(c.core()) || checkElfLinkage(c, t, o)),
                new NamedStep("PE libraries", (c, t, o) -> !Facts.isPe(c.core()) || checkPeLibraries(c, t, o)),
                new NamedStep("Go minimum OS", this::checkGoMinOs),
                new NamedStep("CPU level", this::checkCpuLevel),
                new NamedStep("Mach-O", (c, t, o) -> !Facts.isMachO(c.core()) || checkMachO(c, t, o))));
        all.addAll(extra);
        this.steps = List.copyOf(all);
    }

    public static TargetChecker standard() {
        return new TargetChecker(GoMinOs.bundled());
    }

    /**
     * The verdict for a whole file. Never throws for what the file holds: a step that fails on unexpected data is
     * a CANNOT_TELL reason ({@code target.check-failed}) naming the step and the error, and the other steps still run.
     */
    public TargetVerdict check(BinaryFile file, TargetProfile target) {
        try {
            return check(file.image(), target, "");
        } catch (RuntimeException e) {
            Reasons out = new Reasons("");
            out.failedStep("the whole file", e, file.image() == null ? Extent.NONE : file.image().core().extent());
            return out.verdict(target);
        }
    }

    public TargetVerdict check(BinaryImage image, TargetProfile target, String scope) {
        if (image instanceof FatImage) return checkFat((FatImage) image, target, scope);
        if (image instanceof ArchiveImage || image.core().kind() == BinaryKind.OBJECT
                || image.core().format() == BinaryFormat.COFF) {
            Finding f = make(NOT_A_PROGRAM, scope, image.core().kind().label() + ": nothing to run",
                    "An " + image.core().kind().label() + " is linked into a program; check that program instead.",
                    List.of(kindEvidence(image)));
            return new TargetVerdict(target.id(), target.name(), Verdict.CANNOT_TELL,
                    List.of(new TargetReason(Verdict.CANNOT_TELL, f)), List.of());
        }
        return check(RuleContext.of(null, image, scope, target, null, null), target);
    }

    /** Checks one plain image whose context (format facts included) is already built. */
    public TargetVerdict check(RuleContext ctx, TargetProfile target) {
        Reasons out = new Reasons(ctx.scope());
        for (NamedStep s : steps) {
            boolean more;
            try {
                more = s.step().check(ctx, target, out);
            } catch (RuntimeException e) {
                out.failedStep(s.name(), e, ctx.core().extent());
                more = true;
            }
            if (!more) break;
        }
        return out.verdict(target);
    }

    /**
     * A universal file runs the way the loader picks its slice: the slice of the target's own architecture when
     * there is one (macOS on Apple Silicon takes the arm64 slice and does not fall back to x86_64 under Rosetta
     * when that slice cannot run), else the first slice the target runs through compatibility (Rosetta 2), else
     * none: then every slice's reasons are given.
     */
    private TargetVerdict checkFat(FatImage fat, TargetProfile target, String scope) {
        FatSlice chosen = null;
        for (FatSlice s : fat.slices()) {
            if (s.image() != null && s.image().core().arch() == target.arch()) {
                chosen = s;
                break;
            }
        }
        if (chosen == null) {
            for (FatSlice s : fat.slices()) {
                if (s.image() != null && target.compat(s.image().core().arch()) != null) {
                    chosen = s;
                    break;
                }
            }
        }
        List<String> passed = new ArrayList<>();
        if (chosen != null) {
            TargetVerdict v = check(chosen.image(), target, join(scope, "slice " + chosen.arch().label()));
            passed.add("slice " + chosen.arch().label() + (chosen.image().core().arch() == target.arch()
                    ? ": the target's own architecture" : ": no " + target.arch().label() + " slice, so the loader "
                    + "takes this one"));
            for (FatSlice s : fat.slices()) {
                if (s != chosen) passed.add("slice " + s.arch().label() + " not used on " + target.name());
            }
            passed.addAll(v.passed());
            return new TargetVerdict(target.id(), target.name(), v.verdict(), v.reasons(), passed);
        }
        List<TargetReason> all = new ArrayList<>();
        Verdict worst = Verdict.RUNS;
        for (FatSlice s : fat.slices()) {
            if (s.image() == null) continue;
            TargetVerdict v = check(s.image(), target, join(scope, "slice " + s.arch().label()));
            all.addAll(v.reasons());
            worst = worst.worst(v.verdict());
        }
        if (all.isEmpty()) {
            return new TargetVerdict(target.id(), target.name(), Verdict.CANNOT_TELL, List.of(), List.of());
        }
        return new TargetVerdict(target.id(), target.name(), worst, all, passed);
    }

    /** The field that says what kind of image this is (e_type, Characteristics, filetype); an archive is all of it. */
    private static Evidence kindEvidence(BinaryImage image) {
        HeaderFacts h = FormatFacts.header(image);
        Extent where = h.kind().isKnown() ? h.kind() : image instanceof ArchiveImage ? image.core().extent() : Extent.NONE;
        return Evidence.of("header", h.kind().isKnown() ? h.kindLabel() : "kind", image.core().kind().label(), where);
    }

    static String join(String scope, String part) {
        return scope.isEmpty() ? part : scope + " / " + part;
    }

    /** Gathers reasons and passed checks for one image. */
    static final class Reasons {
        final String scope;
        final List<TargetReason> reasons = new ArrayList<>();
        final List<String> passed = new ArrayList<>();

        Reasons(String scope) {
            this.scope = scope;
        }

        /** A step that threw: the verdict cannot rest on it, so it is an open question with the error as evidence. */
        void failedStep(String step, RuntimeException e, Extent where) {
            unsure(CHECK_FAILED, "The " + step + " check could not run",
                    "The " + step + " check stopped with " + e.getClass().getName() + ": " + e.getMessage()
                            + "; the verdict does not rest on it.",
                    List.of(Evidence.of("check", "step", step, where)));
        }

        void fail(RuleInfo info, String title, String explanation, List<Evidence> ev) {
            reasons.add(new TargetReason(Verdict.WILL_FAIL, make(info, scope, title, explanation, ev)));
        }

        void unsure(RuleInfo info, String title, String explanation, List<Evidence> ev) {
            Finding f = new Finding(info.id(), Severity.WARNING, title, explanation, ev, info.fix(), scope);
            reasons.add(new TargetReason(Verdict.CANNOT_TELL, f));
        }

        void pass(String what) {
            passed.add(what);
        }

        TargetVerdict verdict(TargetProfile t) {
            Verdict v = Verdict.RUNS;
            for (TargetReason r : reasons) v = v.worst(r.effect());
            return new TargetVerdict(t.id(), t.name(), v, reasons, passed);
        }
    }

    private static Finding make(RuleInfo info, String scope, String title, String explanation, List<Evidence> ev) {
        return new Finding(info.id(), info.severity(), title, explanation, ev, info.fix(), scope);
    }

    private static Evidence targetEvidence(TargetProfile t, String label, String value) {
        return Evidence.of("target", label, value, null);
    }

    private static String formatOs(ImageCore c) {
        if (c.format() == BinaryFormat.PE) return "windows";
        if (c.format() == BinaryFormat.MACHO) return c.os() == TargetOs.MACOS || c.os() == TargetOs.UNKNOWN ? "darwin" : c.os().goos();
        return IntentRules.fileGoos(c);
    }

    private boolean checkOs(RuleContext ctx, TargetProfile t, Reasons out) {
        ImageCore c = ctx.core();
        String fileOs = formatOs(c);
        String goos = Facts.goSetting(c, "GOOS");
        if (goos != null && c.format() == BinaryFormat.ELF) fileOs = goos;
        if (fileOs == null) {
            if (t.os() == TargetOs.LINUX && Facts.isElf(c)) {
                out.pass("a generic ELF: Linux runs System V ELF");
                return true;
            }
            out.unsure(OS_UNKNOWN, "ELF does not name its OS",
                    "OS/ABI is System V and there is no interpreter or Go build info that names an OS; "
                            + t.name() + " may or may not run it.",
                    List.of(Facts.osEvidence(ctx, c.os().goos()), targetEvidence(t, "target OS", t.os().goos())));
            return true;
        }
        if (fileOs.equals(t.os().goos()) || (fileOs.equals("android") && t.os() == TargetOs.LINUX)) {
            out.pass("OS " + fileOs);
            return true;
        }
        List<Evidence> ev = new ArrayList<>();
        if (goos != null) ev.add(Facts.goSettingEvidence(c, "GOOS"));
        ev.add(Facts.osEvidence(ctx, c.format().label() + " for " + fileOs));
        ev.add(targetEvidence(t, "target OS", t.os().goos()));
        out.fail(OS_MISMATCH, "Built for " + fileOs + ", target runs " + t.os().goos(),
                "This is a " + c.format().label() + " for " + fileOs + "; " + t.name() + " cannot run it.", ev);
        return false;
    }

    private boolean checkArch(RuleContext ctx, TargetProfile t, Reasons out) {
        ImageCore c = ctx.core();
        Arch a = c.arch();
        Evidence header = Facts.machineEvidence(ctx);
        if (a == t.arch()) {
            out.pass("architecture " + a.label());
            return true;
        }
        TargetProfile.ArchCompat compat = t.compat(a);
        if (compat != null) {
            boolean dynamic = Facts.isElf(c) && !Facts.elfStatic(c);
            if (compat.condition() != null) {
                out.unsure(ARCH_DEPENDS_ON_HOST, a.label() + " runs through " + compat.how() + " only on some hosts",
                        t.name() + " runs " + a.label() + " code only if " + compat.condition() + ".",
                        List.of(header, targetEvidence(t, "alsoRuns", a.label() + " if " + compat.condition())));
            } else if (compat.staticOnly() && dynamic) {
                out.unsure(ARCH_COMPAT_LIBS, a.label() + " runs through " + compat.how() + " but needs "
                                + a.label() + " libraries",
                        t.name() + " runs " + a.label() + " code (" + compat.how() + "), but this dynamically linked "
                                + "file also needs the " + a.label() + " loader and libraries.",
                        List.of(header, Facts.interpreterEvidence(c), targetEvidence(t, "alsoRuns", a.label())));
            } else {
                out.pass("architecture " + a.label() + " through " + compat.how());
            }
            return true;
        }
        boolean pe32 = Facts.isPe(c) && a == Arch.X86 && t.os() == TargetOs.WINDOWS;
        RuleInfo info = pe32 ? PE32_NO_WOW64 : ARCH_MISMATCH;
        out.fail(info, (pe32 ? "PE32 (i386) without WOW64 on " : a.label() + " code on ") + t.name(),
                pe32 ? t.name() + " runs only 64-bit Windows images; this is a 32-bit PE."
                        : "The file is " + a.label() + " machine code; " + t.name() + " runs " + t.arch().label()
                        + (t.alsoRuns().isEmpty() ? "" : " (and " + compatLabels(t) + ")") + ".",
                List.of(header, targetEvidence(t, "target arch", t.arch().label())));
        return false;
    }

    private static String compatLabels(TargetProfile t) {
        List<String> out = new ArrayList<>();
        for (TargetProfile.ArchCompat c : t.alsoRuns()) out.add(c.arch().label() + " via " + c.how());
        return String.join(", ", out);
    }

    private boolean checkElfLinkage(RuleContext ctx, TargetProfile t, Reasons out) {
        ImageCore c = ctx.core();
        if (Facts.elfStatic(c)) {
            out.pass("statically linked: no loader or libc needed");
            return true;
        }
        if (c.arch() != t.arch()) {
            // Code of another architecture (i386 on amd64) needs that architecture's loader and libraries, which the
            // profile's loaders, libc and base libraries are not: the architecture step already said so.
            out.pass(c.arch().label() + " linkage: not compared with the target's " + t.arch().label() + " libraries");
            return true;
        }
        List<Evidence> linkEv = new ArrayList<>();
        if (c.linkage().interpreter() != null) linkEv.add(Facts.interpreterEvidence(c));
        for (Library l : Facts.needed(c)) {
            if (Facts.isGlibcLibc(l.name()) || Facts.isMuslLibc(l.name())) linkEv.add(Facts.libraryEvidence(l));
        }
        if (linkEv.isEmpty() && !Facts.needed(c).isEmpty()) linkEv.add(Facts.libraryEvidence(Facts.needed(c).get(0)));
        if (t.libc() == LibcFlavor.NONE) {
            List<Evidence> ev = new ArrayList<>(linkEv);
            ev.add(targetEvidence(t, "libc", "none"));
            out.fail(STATIC_ONLY, "Dynamically linked; " + t.name() + " has no C library",
                    "It needs " + (linkEv.isEmpty() ? "shared libraries" : linkEv.get(0).value())
                            + " to start; " + t.name() + " has no loader and no libc.", ev);
            return true;
        }
        LibcFlavor wants = Facts.elfLibc(c);
        if ((wants == LibcFlavor.GLIBC || wants == LibcFlavor.MUSL) && t.libc() != LibcFlavor.UNKNOWN
                && wants != t.libc()) {
            List<Evidence> ev = new ArrayList<>(linkEv);
            ev.add(targetEvidence(t, "libc", t.libc().label() + (t.libcVersion() == null ? "" : " " + t.libcVersion())));
            String what = c.linkage().interpreter() != null ? "its loader " + c.linkage().interpreter()
                    : "the " + wants.label() + " C library";
            out.fail(LIBC_MISMATCH, wants.label() + " binary on " + t.libc().label() + " (" + t.name() + ")",
                    "Built against " + wants.label() + "; " + t.name() + " has " + t.libc().label() + ", so " + what
                            + " is missing there.", ev);
            return true;
        }
        if (t.os() == TargetOs.LINUX && wants == t.libc()) out.pass("C library " + wants.label());
        if (c.linkage().interpreter() != null && !t.loaders().isEmpty() && !t.loaders().contains(c.linkage().interpreter())) {
            out.fail(LIBC_MISMATCH, "Loader " + c.linkage().interpreter() + " does not exist on " + t.name(),
                    "The kernel starts the program through " + c.linkage().interpreter() + ", which " + t.name()
                            + " does not have (it has " + String.join(", ", t.loaders()) + ").",
                    List.of(Facts.interpreterEvidence(c), targetEvidence(t, "loaders", String.join(", ", t.loaders()))));
            return true;
        }
        if (t.libc() == LibcFlavor.GLIBC && t.libcVersion() != null) {
            Facts.VersionedNeed need = Facts.highest(Facts.versionedNeeds(c, "GLIBC_"));
            if (need != null && Versions.compare(need.version(), t.libcVersion()) > 0) {
                out.fail(GLIBC_TOO_OLD, "Needs " + need.version() + "; " + t.name() + " has glibc " + t.libcVersion(),
                        need.label() + " is newer than the target's glibc " + t.libcVersion()
                                + ": the loader stops with \"version `" + need.version() + "' not found\".",
                        List.of(Evidence.of("symbol", "needs " + need.version(), need.label(), need.extent()),
                                targetEvidence(t, "glibc", t.libcVersion())));
            } else if (need != null) {
                out.pass("glibc floor " + need.version() + " <= " + t.libcVersion());
            }
        }
        checkCxx(c, t, out, "GLIBCXX_", t.glibcxx());
        checkCxx(c, t, out, "CXXABI_", t.cxxabi());
        checkBaseLibraries(c, t, out);
        return true;
    }

    /** The highest {@code prefix} version needed (GLIBCXX_3.4.30, CXXABI_1.3.13) against the target's libstdc++. */
    private static void checkCxx(ImageCore c, TargetProfile t, Reasons out, String prefix, String has) {
        Facts.VersionedNeed need = Facts.highest(Facts.versionedNeeds(c, prefix));
        if (need == null) return;
        if (has == null) {
            if (t.libc() == LibcFlavor.GLIBC) {
                out.pass(need.version() + " needed; the profile does not state its libstdc++ " + prefix + " version");
            }
            return;
        }
        if (Versions.compare(need.version(), prefix + has) > 0) {
            out.fail(GLIBCXX_TOO_OLD, "Needs " + need.version() + "; " + t.name() + " has " + prefix + has,
                    need.label() + " is newer than the target's libstdc++ (" + prefix + has + "): the loader stops "
                            + "with \"version `" + need.version() + "' not found (required by ...)\".",
                    List.of(Evidence.of("symbol", "needs " + need.version(), need.label(), need.extent()),
                            targetEvidence(t, "libstdc++", prefix + has)));
        } else {
            out.pass("libstdc++ floor " + need.version() + " <= " + prefix + has);
        }
    }

    private static void checkBaseLibraries(ImageCore c, TargetProfile t, Reasons out) {
        checkBaseLibraries(c, t, out, java.util.Set.of());
    }

    /** {@code known}: libraries another reason already covers (an API set older than its floor), left out here. */
    private static void checkBaseLibraries(ImageCore c, TargetProfile t, Reasons out, java.util.Set<String> known) {
        if (t.baseLibraries().isEmpty()) return;
        List<Evidence> missing = new ArrayList<>();
        for (Library l : c.libraries()) {
            if (l.kind() == LibraryKind.DELAY_IMPORT || l.kind() == LibraryKind.LOAD_WEAK_DYLIB) continue;
            if (known.contains(l.name().toLowerCase(java.util.Locale.ROOT))) continue;
            TargetProfile.ApiFloor floor = t.apiFloor(l.name(), null);
            if (floor != null && t.osVersion() != null && Versions.compare(floor.minVersion(), t.osVersion()) <= 0) {
                continue; // an API set contract the target's version has
            }
            if (!t.hasBaseLibrary(l.name())) missing.add(Facts.libraryEvidence(l));
        }
        if (missing.isEmpty()) {
            out.pass(known.isEmpty() ? "every needed library is in the base system"
                    : "every other needed library is in the base system");
            return;
        }
        List<String> names = new ArrayList<>();
        for (Evidence e : missing) names.add(e.value());
        out.unsure(MISSING_LIBRARY, "Needs " + String.join(", ", names),
                String.join(", ", names) + (names.size() == 1 ? " is" : " are") + " not part of a fresh " + t.name()
                        + ": it runs only where " + (names.size() == 1 ? "it is" : "they are") + " installed.",
                missing);
    }

    /**
     * Windows: the imported functions and API set contracts the profile knows a first version of, against the
     * target's version, then the base libraries. A function the target lacks stops the program at start
     * (WILL_FAIL); delay-loaded, it fails only when first called (CANNOT_TELL). An API set contract newer than the
     * target is not in its schema, but a file of that name may exist as a forwarder (the Universal CRT update
     * installs some on Windows 7), so the DLL alone is CANNOT_TELL: its functions decide.
     */
    private boolean checkPeLibraries(RuleContext ctx, TargetProfile t, Reasons out) {
        ImageCore c = ctx.core();
        java.util.Set<String> covered = new java.util.HashSet<>();
        if (t.osVersion() != null && !t.apiFloors().isEmpty()) {
            for (Library l : c.libraries()) {
                boolean delay = l.kind() == LibraryKind.DELAY_IMPORT;
                TargetProfile.ApiFloor dll = t.apiFloor(l.name(), null);
                if (dll != null && Versions.compare(dll.minVersion(), t.osVersion()) > 0) {
                    covered.add(l.name().toLowerCase(java.util.Locale.ROOT));
                    out.unsure(API_TOO_NEW, l.name() + " is an API set of " + dll.label() + " and later",
                            l.name() + " first appeared in " + dll.label() + " (NT " + dll.minVersion() + ", " + dll.source()
                                    + "); " + t.name() + " (NT " + t.osVersion() + ") does not define it, and only a "
                                    + "forwarder DLL of that name (some runtimes install one) could satisfy it.",
                            List.of(Facts.libraryEvidence(l), targetEvidence(t, "OS version", t.osVersion())));
                }
                for (ImportedSymbol i : l.imports()) {
                    if (i.name() == null) continue;
                    TargetProfile.ApiFloor fn = t.apiFloor(l.name(), i.name());
                    if (fn == null) continue;
                    if (Versions.compare(fn.minVersion(), t.osVersion()) <= 0) {
                        out.pass(i.name() + " (" + l.name() + ") exists since " + fn.label());
                        continue;
                    }
                    String title = i.name() + " needs " + fn.label() + "; " + t.name() + " does not have it";
                    String why = l.name() + "!" + i.name() + " first appeared in " + fn.label() + " (NT "
                            + fn.minVersion() + "; " + fn.source() + "). " + t.name() + " is NT " + t.osVersion()
                            + (delay ? ": the import is delay-loaded, so the program fails when it first calls it."
                            : ": the loader stops the program at start (\"The procedure entry point " + i.name()
                            + " could not be located\").");
                    List<Evidence> ev = List.of(Evidence.of("symbol", "import from " + l.name(), i.name(), i.extent()),
                            targetEvidence(t, "OS version", t.osVersion()));
                    if (delay) out.unsure(API_TOO_NEW, title, why, ev);
                    else out.fail(API_TOO_NEW, title, why, ev);
                }
            }
        }
        checkBaseLibraries(c, t, out, covered);
        return true;
    }

    private boolean checkGoMinOs(RuleContext ctx, TargetProfile t, Reasons out) {
        if (!ctx.isGo() || ctx.go().version() == null || t.osVersion() == null) return true;
        GoMinOs.Row row = goMinOs.floor(ctx.go().version(), t.os().goos());
        if (row == null) return true;
        if (Versions.compare(row.minVersion(), t.osVersion()) > 0) {
            out.fail(GO_MIN_OS, ctx.go().version() + " needs " + row.label() + "; target is " + t.name(),
                    "Go " + row.go() + " and newer need " + row.label() + " or later (" + row.source() + "); "
                            + t.name() + " is " + t.os().goos() + " " + t.osVersion() + ".",
                    List.of(Evidence.of("go-version", "Go version", ctx.go().version(),
                            Facts.goBuildInfoExtent(ctx.core())), targetEvidence(t, "OS version", t.osVersion())));
        } else {
            out.pass(ctx.go().version() + " supports " + t.os().goos() + " " + t.osVersion());
        }
        return true;
    }

    private boolean checkCpuLevel(RuleContext ctx, TargetProfile t, Reasons out) {
        ImageCore c = ctx.core();
        String goarm = Facts.goSetting(c, "GOARM");
        if (c.arch() == Arch.ARM && goarm != null && t.armVersion() != null) {
            GoLevels.Level wanted = GoLevels.goarm(goarm);
            List<Evidence> ev = List.of(Facts.goSettingEvidence(c, "GOARM"),
                    targetEvidence(t, "armVersion", "" + t.armVersion()));
            if (!wanted.valid()) {
                out.unsure(CPU_LEVEL, wanted.shown() + " is not an ARM version",
                        wanted.problem() + ", so whether the code fits the ARMv" + t.armVersion() + " CPU of "
                                + t.name() + " cannot be told from the build info.", ev);
            } else if (wanted.level() > t.armVersion()) {
                out.fail(CPU_LEVEL, wanted.shown() + " on an ARMv" + t.armVersion() + " CPU",
                        "Built for ARMv" + wanted.level() + "; " + t.name() + " has ARMv" + t.armVersion()
                                + ": the Go runtime refuses to start or the CPU stops at an illegal instruction.", ev);
            } else {
                out.pass(wanted.shown() + " fits ARMv" + t.armVersion());
            }
        }
        String goamd64 = Facts.goSetting(c, "GOAMD64");
        if (c.arch() == Arch.X86_64 && goamd64 != null) {
            GoLevels.Level wanted = GoLevels.goamd64(goamd64);
            String has = amd64Level(t);
            if (!wanted.valid()) {
                out.unsure(CPU_LEVEL, wanted.shown() + " is not an x86-64 level",
                        wanted.problem() + ", so which CPUs run the code cannot be told from the build info.",
                        List.of(Facts.goSettingEvidence(c, "GOAMD64")));
            } else if (wanted.level() == 1) {
                out.pass("GOAMD64=v1: the x86-64 baseline");
            } else if (has == null) {
                out.unsure(CPU_LEVEL, wanted.shown() + ": depends on the target's CPU",
                        "The profile does not state a CPU level (see the targets README for why); any x86-64 CPU "
                                + "below x86-64-" + goamd64 + " stops the program with SIGILL.",
                        List.of(Facts.goSettingEvidence(c, "GOAMD64")));
            } else if (wanted.level() > GoLevels.goamd64(has).level()) {
                out.fail(CPU_LEVEL, wanted.shown() + " on a CPU that runs x86-64-" + has,
                        t.name() + " runs x86-64 code only up to level " + has + " (" + amd64LevelSource(t)
                                + "); code built for " + goamd64 + " stops with SIGILL.",
                        List.of(Facts.goSettingEvidence(c, "GOAMD64"), targetEvidence(t, "goamd64", has)));
            } else {
                out.pass(wanted.shown() + " fits x86-64-" + has);
            }
        }
        return true;
    }

    /** The x86-64 level the target runs amd64 code at: its own CPU's, or its emulator's; null when not stated. */
    private static String amd64Level(TargetProfile t) {
        if (t.arch() == Arch.X86_64) return t.goamd64();
        TargetProfile.ArchCompat c = t.compat(Arch.X86_64);
        return c == null ? null : c.goamd64();
    }

    private static String amd64LevelSource(TargetProfile t) {
        if (t.arch() == Arch.X86_64) return "the profile's goamd64";
        TargetProfile.ArchCompat c = t.compat(Arch.X86_64);
        return c == null ? "" : c.how() + (c.source().isEmpty() ? "" : ": " + c.source());
    }

    private boolean checkMachO(RuleContext ctx, TargetProfile t, Reasons out) {
        MachOFacts m = ctx.macho();
        if (m == null) return true;
        if (m.minOs() != null && t.osVersion() != null) {
            if (Versions.compare(m.minOs(), t.osVersion()) > 0) {
                out.fail(MACOS_TOO_OLD, "Needs macOS " + m.minOs() + "; target is macOS " + t.osVersion(),
                        "The Mach-O minimum OS " + m.minOs() + " is newer than " + t.name() + ".",
                        List.of(Evidence.of("load-command", "minimum OS", m.minOs(), m.minOsExtent()),
                                targetEvidence(t, "OS version", t.osVersion())));
            } else {
                out.pass("minimum macOS " + m.minOs() + " <= " + t.osVersion());
            }
        }
        if (t.requiresSignedArm64() && ctx.core().arch() == Arch.ARM64 && Boolean.FALSE.equals(m.codeSignature())) {
            out.fail(UNSIGNED_ARM64, "arm64 without a code signature on " + t.name(),
                    "Apple Silicon kills unsigned arm64 code.",
                    List.of(Evidence.of("load-command", "LC_CODE_SIGNATURE", "missing from the load commands",
                            ctx.header().loadCommands())));
        }
        return true;
    }
}
