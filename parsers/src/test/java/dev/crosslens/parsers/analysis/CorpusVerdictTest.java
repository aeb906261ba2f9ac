package dev.crosslens.parsers.analysis;

import dev.crosslens.model.finding.TargetReason;
import dev.crosslens.model.finding.Verdict;
import dev.crosslens.parsers.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdicts a person would give on the real binaries of the corpus, each with the reason that decides it. */
class CorpusVerdictTest {
    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
            "biome-1.5.3-linux-x64-musl, alpine-3.19-amd64, RUNS, ",
            "biome-1.5.3-linux-x64-musl, debian-12-amd64, RUNS, ",
            "biome-1.5.3-linux-x64-musl, distroless-static-amd64, RUNS, ",
            "rollup-4.67.4-linux-x64-gnu, alpine-3.19-amd64, WILL_FAIL, target.libc-mismatch",
            "rollup-4.67.4-linux-x64-gnu, debian-12-amd64, RUNS, ",
            "rollup-4.67.4-linux-x64-gnu, debian-11-amd64, RUNS, ",
            "rollup-4.67.4-linux-x64-musl, debian-12-amd64, WILL_FAIL, target.libc-mismatch",
            "rollup-4.67.4-linux-x64-musl, alpine-3.19-amd64, RUNS, ",
            "esbuild-0.17.19-win32-ia32, wine64-only-x64, WILL_FAIL, target.pe32-no-wow64",
            "esbuild-0.17.19-win32-ia32, windows-10-x64, RUNS, ",
            "esbuild-0.17.19-linux-arm64, debian-12-amd64, WILL_FAIL, target.arch-mismatch",
            "esbuild-0.17.19-linux-arm64, debian-12-arm64, RUNS, ",
            "esbuild-0.17.19-linux-ia32, debian-12-amd64, RUNS, ",
            "esbuild-0.17.19-win32-arm64, windows-10-x64, WILL_FAIL, target.arch-mismatch",
            "esbuild-0.17.19-win32-x64, windows-11-arm64, RUNS, ",
            "esbuild-0.28.2-darwin-arm64, macos-11-arm64, WILL_FAIL, target.macos-too-old",
            "esbuild-0.28.2-darwin-arm64, macos-14-arm64, RUNS, ",
            "esbuild-0.17.19-darwin-x64, macos-10.15-x86_64, RUNS, ",
            "esbuild-0.17.19-win32-x64, debian-12-amd64, WILL_FAIL, target.os-mismatch",
            "esbuild-0.17.19-darwin-arm64, windows-11-arm64, WILL_FAIL, target.os-mismatch",
            "biome-1.5.3-win32-x64, windows-10-x64, CANNOT_TELL, target.library-not-in-base",
            "rollup-4.67.4-win32-x64-msvc, windows-10-x64, RUNS, ",
            "rollup-4.67.4-win32-x64-msvc, windows-11-x64, RUNS, ",
            "rollup-4.67.4-win32-x64-msvc, windows-7-x64, WILL_FAIL, target.api-too-new",
            "esbuild-0.17.19-linux-ia32, distroless-static-amd64, RUNS, ",
            "esbuild-0.17.19-linux-ia32, alpine-3.19-amd64, RUNS, ",
            "esbuild-0.17.19-linux-ia32, ubuntu-24.04-amd64, RUNS, ",
            "esbuild-0.28.2-win32-x64, windows-7-x64, WILL_FAIL, target.go-min-os",
            "esbuild-0.17.19-darwin-arm64, macos-11-arm64, RUNS, ",
    })
    void verdict(String id, String target, Verdict expected, String decidingRule) {
        var path = Corpus.require(id);
        FileCheck c = Checker.standard().check(path, TargetProfiles.bundled().find(target).orElseThrow(), null);
        assertEquals(null, c.error());
        List<String> reasons = c.verdict().reasons().stream().map(TargetReason::finding).map(f -> f.id()).toList();
        assertEquals(expected, c.verdict().verdict(), id + " on " + target + ": " + reasons);
        if (decidingRule != null) assertTrue(reasons.contains(decidingRule), reasons.toString());
    }

    /** The Windows 7 verdict names each function and the Windows version that has it. */
    @Test
    void rollupOnWindows7NamesTheFunctionsAndTheirWindows() {
        FileCheck c = Checker.standard().check(Corpus.require("rollup-4.67.4-win32-x64-msvc"),
                TargetProfiles.bundled().find("windows-7-x64").orElseThrow(), null);
        List<String> failing = c.verdict().reasons().stream().filter(r -> r.effect() == Verdict.WILL_FAIL)
                .map(r -> r.finding().title()).sorted().toList();
        assertEquals(List.of("ProcessPrng needs Windows 8; Windows 7 SP1 x64 does not have it",
                "WaitOnAddress needs Windows 8; Windows 7 SP1 x64 does not have it",
                "WakeByAddressAll needs Windows 8; Windows 7 SP1 x64 does not have it",
                "WakeByAddressSingle needs Windows 8; Windows 7 SP1 x64 does not have it"), failing);
    }
}
