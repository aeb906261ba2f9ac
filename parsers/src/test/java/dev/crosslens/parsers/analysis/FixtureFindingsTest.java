package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Severity;
import dev.crosslens.model.finding.BuildIntent;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.finding.TargetReason;
import dev.crosslens.model.finding.Verdict;
import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end over built fixtures, corpus files and crafted copies: every rule of the catalogue fires on a file made
 * to trigger it and stays quiet on a file that is like it but does not, and clean fixtures carry no finding other
 * than the facts every such build has.
 */
class FixtureFindingsTest {
    private static final Checker CHECKER = Checker.standard();
    private static final TargetProfiles PROFILES = TargetProfiles.bundled();

    @TempDir
    static Path crafted;

    /**
     * Where a file comes from: {@code fixture/file} (built by its recipe), {@code corpus:id}, or {@code crafted:name}
     * (a fixture copy with a few bytes changed, {@link CraftedFiles}).
     */
    private static Path resolve(String where) {
        if (where.startsWith("corpus:")) return Corpus.require(where.substring(7));
        if (where.startsWith("crafted:")) return CraftedFiles.make(where.substring(8), crafted);
        int slash = where.indexOf('/');
        return Fixtures.file(where.substring(0, slash), where.substring(slash + 1));
    }

    private static FileCheck check(String where, String target, String intent) {
        TargetProfile t = target == null || target.isEmpty() ? null : PROFILES.find(target).orElseThrow();
        BuildIntent i = intent == null || intent.isEmpty() ? BuildIntent.NONE : BuildIntents.parse(intent);
        FileCheck c = CHECKER.check(resolve(where), t, i);
        assertEquals(null, c.error(), where);
        return c;
    }

    /** Findings and, with a target, the verdict's reasons: every id a check reports. */
    private static List<Finding> reported(FileCheck c) {
        List<Finding> out = new ArrayList<>(c.findings());
        if (c.verdict() != null) c.verdict().reasons().stream().map(TargetReason::finding).forEach(out::add);
        return out;
    }

    /** A rule, a file it fires on and a file it must not fire on (each with the target and intent it needs). */
    record RuleCase(String rule, String trigger, String target, String intent, String quiet, String quietTarget,
                    String quietIntent, String why) {
        @Override
        public String toString() {
            return rule;
        }
    }

    /** rule | trigger | target | intent | quiet file | its target | its intent | what the quiet file shows */
    private static final String TABLE = """
            go.cgo-enabled | findings-go/cgo-linux-amd64 | | | go-variants/pie | | | CGO_ENABLED=0 -buildmode=pie: PT_INTERP without cgo
            go.cgo-resolver | findings-go/cgo-linux-amd64 | | | go-variants/netgo | | | CGO_ENABLED=1 but -tags netgo,osusergo
            go.min-os | findings-go/clean-linux-amd64 | | | findings-c/clean | | | not Go
            go.tzdata-missing | findings-go/tz-linux-amd64 | | | findings-go/tzdata-linux-amd64 | | | LoadLocation with -tags timetzdata
            go.no-trimpath | findings-go/notrim-linux-amd64 | | | findings-go/clean-linux-amd64 | | | -trimpath
            go.stripped | findings-go/stripped-windows-amd64.exe | | | go-cross/windows-amd64.exe | | | the same PE with COFF symbols and DWARF
            go.cpu-level | findings-go/goamd64v3-linux-amd64 | | | findings-go/clean-linux-amd64 | | | GOAMD64=v1
            go.buildinfo-header-mismatch | crafted:machine-arm64 | | | findings-go/clean-linux-amd64 | | | the unpatched file
            go.buildinfo-invalid-setting | crafted:goarm-invalid | | | findings-go/goarm7-linux-arm | | | the unpatched file
            elf.glibc-floor | findings-c/clean | | | findings-go/clean-linux-amd64 | | | static, no versioned symbols
            elf.no-pie | findings-c/nopie | | | findings-c/clean | | | -fPIE -pie
            elf.execstack | findings-c/execstack | | | findings-c/clean | | | PT_GNU_STACK RW
            elf.no-relro | findings-c/norelro | | | findings-c/clean | | | -z relro
            elf.rpath-absolute | findings-c/rpath | | | findings-c/clean | | | no RPATH
            elf.static-undefined | findings-c/static-undefined | | | findings-c/bare-static | | | static, everything defined
            pe.no-dynamic-base | findings-c/win-nodynbase.exe | | | findings-c/win-clean.exe | | | mingw defaults
            pe.no-high-entropy-va | findings-c/win-nohighentropy.exe | | | findings-c/win-clean.exe | | | mingw defaults
            pe.no-nx-compat | findings-c/win-nonx.exe | | | findings-c/win-clean.exe | | | mingw defaults
            pe.gui-subsystem | findings-go/windowsgui-amd64.exe | | | findings-go/console-amd64.exe | | | console subsystem
            pe.pe32 | go-cross/windows-386.exe | | | go-cross/windows-amd64.exe | | | PE32+
            pe.arm64 | go-cross/windows-arm64.exe | | | go-cross/windows-amd64.exe | | | AMD64
            pe.tls-callbacks | pe-mingw/tls.exe | | | findings-c/win-clean.exe | | | only the mingw-w64 CRT's __dyn_tls_init and __dyn_tls_dtor
            pe.stdcall-imports | findings-c/deco.exe | | | findings-c/win-clean.exe | | | undecorated imports
            pe.no-debug-directory | findings-c/win-clean.exe | | | corpus:biome-1.5.3-win32-x64 | | | a debug directory (POGO)
            pe.no-pdb | corpus:biome-1.5.3-win32-x64 | | | corpus:rollup-4.67.4-win32-x64-msvc | | | a CodeView entry
            pe.unsigned | findings-c/win-clean.exe | | | pe-signed/win-signed.exe | | | osslsigncode-signed
            macho.arm64-unsigned | crafted:unsigned-arm64 | | | go-cross/darwin-arm64 | | | ad-hoc signed by the Go linker
            macho.min-os | go-cross/darwin-arm64 | | | macho-objects/noversion-arm64.o | | | no LC_BUILD_VERSION
            arch.x86-only-symbols | findings-c/uses-ia32cap-aarch64.o | | | findings-c/ia32cap-x86_64.o | | | x86 defines it
            archive.mixed-members | findings-c/mixed.a | | | findings-c/clean-aarch64.a | | | two arm64 objects
            intent.goos | findings-go/windowsgui-amd64.exe | | GOOS=linux | findings-go/windowsgui-amd64.exe | | GOOS=windows | meant windows
            intent.goarch | findings-go/clean-linux-amd64 | | GOARCH=arm64 | findings-go/clean-linux-amd64 | | GOARCH=amd64 | meant amd64
            intent.goarm | findings-go/goarm6-linux-arm | | GOARM=7 | findings-go/goarm6-linux-arm | | GOARM=6 | meant 6
            intent.goamd64 | findings-go/goamd64v3-linux-amd64 | | GOAMD64=v1 | findings-go/goamd64v3-linux-amd64 | | GOAMD64=v3 | meant v3
            intent.cgo | findings-go/cgo-linux-amd64 | | CGO=0 | go-variants/netgo | | CGO=0 | CGO_ENABLED=1 recorded, no cgo linked
            intent.static | findings-go/cgo-linux-amd64 | | static | findings-go/clean-linux-amd64 | | static | static
            target.not-a-program | findings-c/mixed.a | debian-12-amd64 | | findings-c/clean | debian-12-amd64 | | a program
            target.os-mismatch | go-cross/windows-amd64.exe | debian-12-amd64 | | go-cross/linux-amd64 | debian-12-amd64 | | linux
            target.os-unknown | findings-c/bare-static | freebsd-14-amd64 | | findings-c/bare-static | debian-12-amd64 | | Linux runs a System V ELF
            target.arch-mismatch | go-cross/linux-arm64 | debian-12-amd64 | | go-cross/linux-arm64 | debian-12-arm64 | | native
            target.arch-needs-libraries | findings-c/dyn-i386 | debian-12-amd64 | | corpus:esbuild-0.17.19-linux-ia32 | debian-12-amd64 | | static i386
            target.arch-depends-on-host | go-cross/linux-arm | alpine-3.19-arm64 | | go-cross/linux-arm | raspios-12-arm64 | | AArch32 on a Pi
            target.pe32-no-wow64 | go-cross/windows-386.exe | wine64-only-x64 | | go-cross/windows-386.exe | windows-10-x64 | | WOW64
            target.dynamic-on-static-only | findings-go/cgo-linux-amd64 | distroless-static-amd64 | | findings-go/clean-linux-amd64 | distroless-static-amd64 | | static
            target.libc-mismatch | findings-c/clean | alpine-3.19-amd64 | | findings-c/clean | debian-12-amd64 | | glibc on glibc
            target.glibc-too-old | findings-c/clean | debian-11-amd64 | | findings-c/clean | debian-12-amd64 | | GLIBC_2.34 <= 2.36
            target.glibcxx-too-old | findings-c/cxx17 | ubuntu-20.04-amd64 | | findings-c/cxx17 | debian-12-amd64 | | GLIBCXX_3.4.29/CXXABI_1.3.13 <= 3.4.30/1.3.13
            target.api-too-new | corpus:rollup-4.67.4-win32-x64-msvc | windows-7-x64 | | corpus:rollup-4.67.4-win32-x64-msvc | windows-10-x64 | | Windows 10 has them
            target.library-not-in-base | corpus:biome-1.5.3-win32-x64 | windows-10-x64 | | corpus:rollup-4.67.4-win32-x64-msvc | windows-10-x64 | | system DLLs only
            target.go-min-os | corpus:esbuild-0.28.2-win32-x64 | windows-7-x64 | | corpus:esbuild-0.17.19-win32-x64 | windows-7-x64 | | Go 1.20 runs on Windows 7
            target.macos-too-old | corpus:esbuild-0.28.2-darwin-arm64 | macos-11-arm64 | | corpus:esbuild-0.28.2-darwin-arm64 | macos-14-arm64 | | macOS 14
            target.unsigned-arm64 | crafted:unsigned-arm64 | macos-14-arm64 | | go-cross/darwin-arm64 | macos-14-arm64 | | signed
            target.cpu-level | findings-go/goarm7-linux-arm | raspios-12-armv6 | | findings-go/goarm6-linux-arm | raspios-12-armv6 | | GOARM=6
            """;

    /** Ids with a unit test of their own instead: they report that a rule or step itself failed. */
    private static final Map<String, String> TESTED_ELSEWHERE = Map.of(
            "crosslens.rule-failed", "CheckRobustnessTest.aRuleThatThrowsIsReportedNotDropped",
            "target.check-failed", "CheckRobustnessTest.aStepThatThrowsIsAReasonAndTheOtherStepsStillRun");

    static List<RuleCase> ruleCases() {
        List<RuleCase> out = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length != 8) throw new IllegalStateException("bad row: " + line);
            out.add(new RuleCase(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim(), f[4].trim(), f[5].trim(),
                    f[6].trim(), f[7].trim()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleCases")
    void everyRuleFiresOnItsTriggerAndNotOnItsLookAlike(RuleCase r) {
        List<Finding> fired = reported(check(r.trigger(), r.target(), r.intent())).stream()
                .filter(f -> f.id().equals(r.rule())).toList();
        assertTrue(!fired.isEmpty(), r.rule() + " did not fire on " + r.trigger());
        for (Finding f : fired) {
            assertTrue(!f.fix().isEmpty() && !f.evidence().isEmpty(), r.rule() + " has evidence and a fix: " + f);
        }
        List<String> quiet = reported(check(r.quiet(), r.quietTarget(), r.quietIntent())).stream().map(Finding::id)
                .filter(id -> id.equals(r.rule())).toList();
        assertEquals(List.of(), quiet, r.rule() + " fired on " + r.quiet() + " (" + r.why() + ")");
    }

    @Test
    void theTableCoversEveryRuleOfTheCatalogue() {
        Set<String> covered = ruleCases().stream().map(RuleCase::rule).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>();
        for (RuleInfo r : Rules.catalogue()) {
            if (!covered.contains(r.id()) && !TESTED_ELSEWHERE.containsKey(r.id())) missing.add(r.id());
        }
        assertEquals(Set.of(), missing, "rules without a trigger and a look-alike");
        Set<String> known = Rules.catalogue().stream().map(RuleInfo::id).collect(Collectors.toSet());
        assertEquals(Set.of(), covered.stream().filter(id -> !known.contains(id)).collect(Collectors.toSet()),
                "table rows for rules the catalogue does not have");
        assertEquals(covered.size(), ruleCases().size(), "one row per rule");
    }

    /**
     * INFO findings that are facts of every build of that kind, so a clean fixture may carry them: they say what the
     * binary needs (the glibc floor, the Go release's OS floor, the minimum macOS) or what it lacks by default (no
     * signature; no debug directory from mingw without -g, nor from Go). Anything else on a clean fixture is noise.
     */
    private static final Set<String> FACTS_OF_EVERY_BUILD = Set.of("elf.glibc-floor", "go.min-os", "macho.min-os",
            "pe.unsigned", "pe.no-debug-directory");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "findings-c/clean, elf.glibc-floor",
            "findings-c/win-clean.exe, pe.no-debug-directory pe.unsigned",
            "findings-c/clean-aarch64.a, ",
            "findings-c/ia32cap-x86_64.o, ",
            "findings-go/clean-linux-arm64, go.min-os",
            "findings-go/clean-linux-amd64, go.min-os",
            "findings-go/console-amd64.exe, go.min-os pe.no-debug-directory pe.unsigned",
            "findings-go/tzdata-linux-amd64, go.min-os",
            "go-cross/linux-arm64, go.min-os",
            "go-cross/darwin-arm64, go.min-os macho.min-os",
            "go-cross/windows-amd64.exe, go.min-os pe.no-debug-directory pe.unsigned",
            "pe-signed/win-signed.exe, pe.no-debug-directory",
    })
    void cleanFixtureCarriesOnlyFactsOfEveryBuild(String where, String expected) {
        FileCheck c = check(where, null, null);
        String got = c.findings().stream().map(Finding::id).distinct().sorted().collect(Collectors.joining(" "));
        assertEquals(expected == null ? "" : expected, got, where + ": " + c.findings());
        for (Finding f : c.findings()) {
            assertTrue(FACTS_OF_EVERY_BUILD.contains(f.id()) && f.severity() == Severity.INFO, f.toString());
        }
    }

    /** The finding's title and evidence say exactly what was seen. */
    @ParameterizedTest(name = "{0}: {1} says {2}")
    @CsvSource(delimiter = '|', value = {
            "go-variants/cgo | go.cgo-enabled | cgo is linked in: needs libc.so.6 and /lib64/ld-linux-x86-64.so.2 at run time",
            "findings-go/stripped-linux-amd64 | go.stripped | No symbol table and no DWARF (-s -w)",
            "findings-go/stripped-windows-amd64.exe | go.stripped | No symbol table and no DWARF (-s -w)",
            "findings-go/stripped-darwin-arm64 | go.stripped | No DWARF debug info (-w)",
            "corpus:esbuild-0.17.19-win32-x64 | go.stripped | No symbol table and no DWARF (-s -w)",
            "pe-mingw/tls.exe | pe.tls-callbacks | 3 TLS callbacks: more than the mingw-w64 runtime's 2",
            "findings-c/deco.exe | pe.stdcall-imports | Decorated import _FooInit@12 = FooInit (stdcall, 12 bytes of arguments)",
            "corpus:biome-1.5.3-win32-x64 | pe.no-pdb | No CodeView entry in the debug directory (POGO): no PDB",
    })
    void findingSaysWhatItSaw(String where, String rule, String title) {
        Finding f = check(where, null, null).findings().stream().filter(x -> x.id().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError(rule + " did not fire on " + where));
        assertEquals(title, f.title());
        for (Evidence e : f.evidence()) {
            if (!e.kind().equals("build-setting") && !e.kind().equals("go-fact")) {
                assertTrue(e.extent().isKnown(), e.toString());
            }
        }
    }

    @Test
    void decoratedImportsOfEveryConventionAreNamed() {
        Finding f = check("findings-c/deco.exe", null, null).findings().stream()
                .filter(x -> x.id().equals("pe.stdcall-imports")).findFirst().orElseThrow();
        assertEquals(List.of("_FooInit@12 = FooInit (stdcall, 12 bytes of arguments)",
                "@FastAdd@8 = FastAdd (fastcall, 8 bytes of arguments)",
                "VecMul@@16 = VecMul (vectorcall, 16 bytes of arguments)"),
                f.evidence().stream().map(Evidence::value).toList());
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
            "findings-c/clean, debian-12-amd64, RUNS",
            "findings-c/clean, debian-11-amd64, WILL_FAIL",
            "findings-c/clean, alpine-3.19-amd64, WILL_FAIL",
            "findings-c/clean, distroless-static-amd64, WILL_FAIL",
            "findings-c/cxx17, debian-11-amd64, WILL_FAIL",
            "findings-c/cxx17, ubuntu-22.04-amd64, RUNS",
            "findings-c/cxx17, ubuntu-24.04-amd64, RUNS",
            "findings-c/dyn-i386, debian-12-amd64, CANNOT_TELL",
            "findings-c/bare-static, freebsd-14-amd64, CANNOT_TELL",
            "findings-go/clean-linux-arm64, alpine-3.19-arm64, RUNS",
            "findings-go/clean-linux-arm64, debian-12-amd64, WILL_FAIL",
            "findings-go/clean-linux-amd64, distroless-static-amd64, RUNS",
            "findings-go/cgo-linux-amd64, distroless-static-amd64, WILL_FAIL",
            "findings-go/goarm7-linux-arm, raspios-12-armv6, WILL_FAIL",
            "findings-go/goarm7-linux-arm, raspios-12-armhf, RUNS",
            "findings-go/goarm6-linux-arm, raspios-12-armv6, RUNS",
            "findings-go/goamd64v3-linux-amd64, debian-12-amd64, CANNOT_TELL",
            "go-cross/linux-arm, alpine-3.19-arm64, CANNOT_TELL",
            "go-cross/windows-386.exe, wine64-only-x64, WILL_FAIL",
            "go-cross/windows-386.exe, windows-10-x64, RUNS",
            "findings-c/mixed.a, debian-12-amd64, CANNOT_TELL",
    })
    void verdictOnTarget(String where, String target, Verdict expected) {
        FileCheck c = check(where, target, null);
        assertEquals(expected, c.verdict().verdict(), where + " on " + target + ": " + c.verdict().reasons());
        if (expected != Verdict.RUNS) {
            assertTrue(!c.verdict().reasons().isEmpty(), "a verdict other than RUNS has a reason");
        }
    }
}
