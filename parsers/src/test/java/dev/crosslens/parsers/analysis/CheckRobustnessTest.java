package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Severity;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.finding.TargetReason;
import dev.crosslens.model.finding.TargetVerdict;
import dev.crosslens.model.finding.Verdict;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.model.go.GoFacts;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.model.go.GoSetting;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Build info is bytes of the file: a crafted value must come out as a finding or CANNOT_TELL with its reason, never
 * as an exception, and a check that fails on one file must not cost the other files of the run their output.
 */
class CheckRobustnessTest {
    private final TargetProfiles profiles = TargetProfiles.bundled();

    private static ImageCore goImage(Arch arch, String key, String value) {
        List<GoSetting> s = List.of(new GoSetting("GOOS", "linux"), new GoSetting("GOARCH", arch.goarch()),
                new GoSetting("CGO_ENABLED", "0"), new GoSetting("-trimpath", "true"), new GoSetting(key, value));
        GoBuildInfo bi = new GoBuildInfo("go1.22.1", "example.com/x", null, List.of(), s, "inline", Extent.of(0x5000, 200));
        GoInfo go = new GoInfo("go1.22.1", bi, null, new GoFacts(false, false, false, "none", "none", "exe", List.of()));
        return ImageCore.builder(BinaryFormat.ELF).arch(arch).bits(arch == Arch.ARM ? 32 : 64).os(TargetOs.LINUX)
                .kind(BinaryKind.EXECUTABLE).extent(Extent.of(0, 4096)).go(go).build();
    }

    @ParameterizedTest(name = "{1}={2} on {3}: {4}")
    @CsvSource(delimiter = '|', value = {
            "arm    | GOARM       | 99999999999 | raspios-12-armhf  | CANNOT_TELL",
            "arm    | GOARM       | 8           | raspios-12-armhf  | CANNOT_TELL",
            "arm    | GOARM       | ''          | raspios-12-armhf  | CANNOT_TELL",
            "arm    | GOARM       | 7,softfloat | raspios-12-armhf  | RUNS",
            "amd64  | GOAMD64     | v9          | debian-12-amd64   | CANNOT_TELL",
            "amd64  | GOAMD64     | 3           | debian-12-amd64   | CANNOT_TELL",
            "amd64  | GOAMD64     | v99999999999| debian-12-amd64   | CANNOT_TELL",
            "386    | GO386       | 387         | debian-12-amd64   | RUNS",
            "arm64  | GOARM64     | v10.0       | debian-12-arm64   | RUNS",
            "amd64  | CGO_ENABLED | 2           | debian-12-amd64   | RUNS",
    })
    void aCraftedSettingIsAFindingAndNeverAnException(String goarch, String key, String value, String target,
                                                      Verdict expected) {
        ImageCore c = goImage(Arch.fromGoarch(goarch), key, value);
        List<Finding> fs = FindingsEngine.standard().run(RuleContext.of(null, new ElfImage(c, null), "", null, null, null));
        List<String> ids = fs.stream().map(Finding::id).toList();
        assertTrue(!ids.contains("crosslens.rule-failed"), fs.toString());
        boolean valid = GoLevels.read(key, value).valid();
        assertEquals(!valid, ids.contains("go.buildinfo-invalid-setting"), key + "=" + value + ": " + ids);
        TargetVerdict v = TargetChecker.standard().check(new ElfImage(c, null), profiles.find(target).orElseThrow(), "");
        assertEquals(expected, v.verdict(), v.reasons().toString());
        for (TargetReason r : v.reasons()) {
            assertTrue(!r.finding().id().equals("target.check-failed"), r.toString());
        }
        if (expected == Verdict.CANNOT_TELL) {
            TargetReason r = v.reasons().get(0);
            assertEquals("target.cpu-level", r.finding().id());
            assertTrue(r.finding().explanation().contains("not a value the go command writes"), r.finding().explanation());
        }
    }

    @Test
    void aCraftedFileDoesNotCostTheOtherFilesTheirOutput(@TempDir Path dir) {
        Path crafted = CraftedFiles.make(CraftedFiles.GOARM_INVALID, dir);
        Path clean = Fixtures.file("findings-go", "goarm6-linux-arm");
        List<FileCheck> checks = Checker.standard().check(List.of(crafted, clean),
                profiles.find("raspios-12-armhf").orElseThrow(), null);
        assertEquals(2, checks.size());
        FileCheck bad = checks.get(0);
        assertNull(bad.error());
        assertEquals(Verdict.CANNOT_TELL, bad.verdict().verdict(), bad.verdict().reasons().toString());
        Finding cpu = bad.verdict().reasons().get(0).finding();
        assertEquals("target.cpu-level", cpu.id());
        assertTrue(cpu.title().contains("GOARM=999999999999999999"), cpu.title());
        assertTrue(cpu.evidence().get(0).extent().isKnown(), "the build info bytes are the evidence");
        assertTrue(bad.findings().stream().anyMatch(f -> f.id().equals("go.buildinfo-invalid-setting")),
                bad.findings().toString());
        assertEquals(Verdict.RUNS, checks.get(1).verdict().verdict(), checks.get(1).verdict().reasons().toString());
    }

    @Test
    void aStepThatThrowsIsAReasonAndTheOtherStepsStillRun(@TempDir Path dir) throws Exception {
        TargetChecker.Step broken = (ctx, t, out) -> {
            throw new IllegalStateException("step broke on " + ctx.core().arch().label());
        };
        TargetChecker tc = new TargetChecker(GoMinOs.bundled(), List.of(new TargetChecker.NamedStep("broken", broken)));
        Checker checker = new Checker(FindingsEngine.standard(), tc);
        List<FileCheck> checks = checker.check(List.of(Fixtures.file("findings-go", "goarm6-linux-arm"),
                Fixtures.file("findings-go", "clean-linux-arm64")), profiles.find("raspios-12-arm64").orElseThrow(), null);
        for (FileCheck c : checks) {
            List<String> ids = c.verdict().reasons().stream().map(r -> r.finding().id()).toList();
            assertEquals(Verdict.CANNOT_TELL, c.verdict().verdict(), c.path() + ": " + ids);
            assertTrue(ids.contains("target.check-failed"), ids.toString());
            Finding f = c.verdict().reasons().stream().map(TargetReason::finding)
                    .filter(x -> x.id().equals("target.check-failed")).findFirst().orElseThrow();
            assertTrue(f.explanation().contains("IllegalStateException: step broke on"), f.explanation());
            assertTrue(!c.verdict().passed().isEmpty(), "the steps before it still ran");
        }
    }

    @Test
    void aRuleThatThrowsIsReportedNotDropped() {
        FindingRule broken = new FindingRule() {
            @Override
            public RuleInfo info() {
                return new RuleInfo("test.broken", Severity.ERROR, "broken", "throws", "none");
            }

            @Override
            public List<Finding> check(RuleContext context) {
                throw new ArrayIndexOutOfBoundsException("index 7 out of bounds for length 7");
            }
        };
        List<FindingRule> rules = new java.util.ArrayList<>(Rules.standard());
        rules.add(broken);
        FileCheck c = new Checker(new FindingsEngine(rules), TargetChecker.standard())
                .check(Fixtures.file("findings-go", "clean-linux-amd64"), null, null);
        Finding f = c.findings().stream().filter(x -> x.id().equals("crosslens.rule-failed")).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.title().contains("test.broken") && f.explanation().contains("ArrayIndexOutOfBoundsException"),
                f.toString());
    }
}
