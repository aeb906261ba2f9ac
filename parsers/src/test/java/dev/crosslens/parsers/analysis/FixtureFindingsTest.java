package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Severity;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.finding.Verdict;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end over the findings fixtures: each rule fires on its fixture, and clean fixtures have no warnings. */
class FixtureFindingsTest {
    private final Checker checker = Checker.standard();

    private FileCheck check(String fixture, String file, String target) {
        Path p = Fixtures.file(fixture, file);
        TargetProfile t = target == null || target.isEmpty() ? null : TargetProfiles.bundled().find(target).orElseThrow();
        FileCheck c = checker.check(p, t, null);
        Assumptions.assumeTrue(c.error() == null || !c.error().contains("not written yet"),
                "parser for " + file + " not merged yet: " + c.error());
        assertEquals(null, c.error(), file);
        return c;
    }

    private static String ids(FileCheck c, Severity atLeast) {
        return c.findings().stream().filter(f -> f.severity().atLeast(atLeast)).map(Finding::id).sorted()
                .collect(Collectors.joining(" "));
    }

    @ParameterizedTest(name = "{0}/{1} triggers {2}")
    @CsvSource({
            "findings-c, rpath, elf.rpath-absolute",
            "findings-c, execstack, elf.execstack",
            "findings-c, nopie, elf.no-pie",
            "findings-c, norelro, elf.no-relro",
            "findings-c, clean, elf.glibc-floor",
            "findings-c, win-nodynbase.exe, pe.no-dynamic-base",
            "findings-c, win-clean.exe, pe.tls-callbacks",
            "findings-c, uses-ia32cap-aarch64.o, arch.x86-only-symbols",
            "findings-c, mixed.a, archive.mixed-members",
            "findings-go, windowsgui-amd64.exe, pe.gui-subsystem",
            "findings-go, cgo-linux-amd64, go.cgo-enabled",
            "go-cross, windows-386.exe, pe.pe32",
            "go-cross, windows-arm64.exe, pe.arm64",
    })
    void ruleFiresOnItsFixture(String fixture, String file, String rule) {
        FileCheck c = check(fixture, file, null);
        assertTrue(c.findings().stream().anyMatch(f -> f.id().equals(rule)), file + ": " + c.findings());
        Finding f = c.findings().stream().filter(x -> x.id().equals(rule)).findFirst().orElseThrow();
        assertTrue(!f.fix().isEmpty() && !f.evidence().isEmpty(), rule + " has evidence and a fix");
    }

    /** The finding's title and evidence say exactly what was seen. */
    @ParameterizedTest(name = "{0}/{1}: {2} says {3}")
    @CsvSource(delimiter = '|', value = {
            "go-variants | cgo | go.cgo-enabled | cgo is linked in: needs libc.so.6 and /lib64/ld-linux-x86-64.so.2 at run time",
            "findings-go | stripped-linux-amd64 | go.stripped | No symbol table and no DWARF (-s -w)",
            "findings-go | stripped-windows-amd64.exe | go.stripped | No symbol table and no DWARF (-s -w)",
            "findings-go | stripped-darwin-arm64 | go.stripped | No DWARF debug info (-w)",
    })
    void findingSaysWhatItSaw(String fixture, String file, String rule, String title) {
        Finding f = check(fixture, file, null).findings().stream().filter(x -> x.id().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError(rule + " did not fire on " + file));
        assertEquals(title, f.title());
        for (var e : f.evidence()) {
            if (!e.kind().equals("build-setting") && !e.kind().equals("go-fact")) {
                assertTrue(e.extent().isKnown(), e.toString());
            }
        }
    }

    /** Rules that must stay quiet on these fixtures (each has a fixture where it fires, above). */
    @ParameterizedTest(name = "{0}/{1} does not trigger {2}")
    @CsvSource({
            "go-variants, pie, go.cgo-enabled",       // CGO_ENABLED=0 -buildmode=pie: PT_INTERP without cgo
            "go-variants, netgo, go.cgo-enabled",     // CGO_ENABLED=1, but static and runtime/cgo not linked
            "go-variants, plain, go.cgo-enabled",
            "findings-go, clean-linux-amd64, go.stripped",
            "go-cross, windows-amd64.exe, go.stripped",
            "go-cross, darwin-arm64, go.stripped",
    })
    void ruleStaysQuiet(String fixture, String file, String rule) {
        FileCheck c = check(fixture, file, null);
        assertTrue(c.findings().stream().noneMatch(f -> f.id().equals(rule)), file + ": " + c.findings());
    }

    @ParameterizedTest(name = "{0}/{1} has no warnings or errors")
    @CsvSource({
            "findings-c, clean", "findings-c, win-clean.exe", "findings-c, clean-aarch64.a",
            "findings-c, ia32cap-x86_64.o", "findings-go, clean-linux-arm64", "findings-go, clean-linux-amd64",
            "findings-go, console-amd64.exe", "findings-go, tzdata-linux-amd64", "go-cross, linux-arm64",
            "go-cross, darwin-arm64", "go-cross, windows-amd64.exe",
    })
    void cleanFixtureHasNoWarnings(String fixture, String file) {
        assertEquals("", ids(check(fixture, file, null), Severity.WARNING), file);
    }

    @ParameterizedTest(name = "{0}/{1} on {2}: {3}")
    @CsvSource({
            "findings-c, clean, debian-12-amd64, RUNS",
            "findings-c, clean, debian-11-amd64, WILL_FAIL",
            "findings-c, clean, alpine-3.19-amd64, WILL_FAIL",
            "findings-c, clean, distroless-static-amd64, WILL_FAIL",
            "findings-go, clean-linux-arm64, alpine-3.19-arm64, RUNS",
            "findings-go, clean-linux-arm64, debian-12-amd64, WILL_FAIL",
            "findings-go, clean-linux-amd64, distroless-static-amd64, RUNS",
            "findings-go, cgo-linux-amd64, distroless-static-amd64, WILL_FAIL",
            "go-cross, windows-386.exe, wine64-only-x64, WILL_FAIL",
            "go-cross, windows-386.exe, windows-10-x64, RUNS",
            "findings-c, mixed.a, debian-12-amd64, CANNOT_TELL",
    })
    void verdictOnTarget(String fixture, String file, String target, Verdict expected) {
        FileCheck c = check(fixture, file, target);
        assertEquals(expected, c.verdict().verdict(), file + " on " + target + ": " + c.verdict().reasons());
        if (expected != Verdict.RUNS) {
            assertTrue(!c.verdict().reasons().isEmpty(), "a verdict other than RUNS has a reason");
        }
    }

    @ParameterizedTest(name = "intent {1} on {0}")
    @CsvSource(delimiter = '|', value = {
            "clean-linux-amd64 | GOOS=linux,GOARCH=arm64 | intent.goarch",
            "cgo-linux-amd64 | GOOS=linux,GOARCH=amd64,static | intent.static",
            "windowsgui-amd64.exe | GOOS=linux | intent.goos",
    })
    void intentDisagreement(String file, String intent, String rule) {
        Path p = Fixtures.file("findings-go", file);
        FileCheck c = checker.check(p, null, BuildIntents.parse(intent));
        List<String> got = c.findings().stream().map(Finding::id).toList();
        assertTrue(got.contains(rule), got.toString());
    }
}
