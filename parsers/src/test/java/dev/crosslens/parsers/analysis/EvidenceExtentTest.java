package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Extent;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.finding.TargetReason;
import dev.crosslens.model.finding.TargetVerdict;
import dev.crosslens.model.finding.Verdict;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evidence points at the bytes that say it (the e_machine field, the PE signature, the program header table, the
 * Mach-O load commands), not at the whole file, so a click or a SARIF region selects what matters; and a universal
 * file is judged by the slice the loader takes.
 */
class EvidenceExtentTest {
    private final TargetProfiles profiles = TargetProfiles.bundled();

    private FileCheck check(Path p, String target) {
        return Checker.standard().check(p, target.isEmpty() ? null : profiles.find(target).orElseThrow(), null);
    }

    private static Evidence evidence(List<Finding> fs, String rule, String label) {
        Finding f = fs.stream().filter(x -> x.id().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError(rule + " not in " + fs));
        return f.evidence().stream().filter(e -> e.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError(label + " not in " + f.evidence()));
    }

    private static List<Finding> all(FileCheck c) {
        List<Finding> out = new ArrayList<>(c.findings());
        if (c.verdict() != null) c.verdict().reasons().forEach(r -> out.add(r.finding()));
        return out;
    }

    /** The evidence's extent holds exactly {@code hex} (the field's bytes as the file stores them). */
    @ParameterizedTest(name = "{0}/{1} on [{2}]: {3} {4} = {5}")
    @CsvSource({
            "findings-go, clean-linux-arm64, debian-12-amd64, target.arch-mismatch, e_machine, b700",
            "go-cross, windows-arm64.exe, windows-10-x64, target.arch-mismatch, Machine, 64aa",
            "go-cross, windows-amd64.exe, debian-12-amd64, target.os-mismatch, PE signature, 50450000",
            "go-cross, freebsd-amd64, debian-12-amd64, target.os-mismatch, EI_OSABI, 09",
            "go-cross, windows-386.exe, , pe.pe32, Magic, 0b01",
            "go-cross, windows-arm64.exe, , pe.arm64, Machine, 64aa",
            "findings-c, nopie, , elf.no-pie, e_type, 0200",
            "findings-c, ia32cap-x86_64.o, debian-12-amd64, target.not-a-program, e_type, 0100",
    })
    void evidenceSelectsTheFieldThatSaysIt(String fixture, String file, String target, String rule, String label,
                                           String hex) throws Exception {
        Path p = Fixtures.file(fixture, file);
        Evidence e = evidence(all(check(p, target == null ? "" : target)), rule, label);
        assertTrue(e.extent().isKnown(), e.toString());
        byte[] data = Files.readAllBytes(p);
        assertTrue(e.extent().size() < data.length, "not the whole file: " + e);
        byte[] got = new byte[(int) e.extent().size()];
        System.arraycopy(data, (int) e.extent().offset(), got, 0, got.length);
        assertEquals(hex, HexFormat.of().formatHex(got), e.toString());
    }

    @Test
    void missingGnuStackPointsAtTheProgramHeaderTable(@TempDir Path dir) throws Exception {
        Path p = CraftedFiles.make(CraftedFiles.NO_GNU_STACK, dir);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        Extent table = Extent.of(b.getLong(32), (long) (b.getShort(56) & 0xffff) * (b.getShort(54) & 0xffff));
        assertEquals(table, evidence(check(p, "").findings(), "elf.execstack", "PT_GNU_STACK").extent());
    }

    @Test
    void missingCodeSignaturePointsAtTheLoadCommands(@TempDir Path dir) throws Exception {
        Path p = CraftedFiles.make(CraftedFiles.UNSIGNED_ARM64, dir);
        int sizeofcmds = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN).getInt(20);
        FileCheck c = check(p, "macos-14-arm64");
        assertEquals(Extent.of(32, sizeofcmds), evidence(c.findings(), "macho.arm64-unsigned", "LC_CODE_SIGNATURE").extent());
        assertEquals(Extent.of(32, sizeofcmds), evidence(all(c), "target.unsigned-arm64", "LC_CODE_SIGNATURE").extent());
        assertEquals(Verdict.WILL_FAIL, c.verdict().verdict());
    }

    @ParameterizedTest(name = "{0} on {1}: slice {2}")
    @CsvSource({
            "universal64, macos-11-arm64, arm64, architecture arm64",
            "universal, macos-14-arm64, arm64, architecture arm64",
            "universal64, macos-11-x86_64, x86_64, architecture x86_64",
    })
    void aUniversalFileIsJudgedByTheSliceTheLoaderTakes(String file, String target, String slice, String passed) {
        TargetVerdict v = check(Fixtures.file("macho-fat", file), target).verdict();
        assertEquals(Verdict.RUNS, v.verdict(), v.reasons().toString());
        assertTrue(v.passed().contains(passed), v.passed().toString());
        assertTrue(v.passed().stream().anyMatch(s -> s.startsWith("slice " + slice + ": the target's own")),
                v.passed().toString());
        assertFalse(v.passed().stream().anyMatch(s -> s.contains("Rosetta")), v.passed().toString());
    }

    @Test
    void rosettaOnlyWhenThereIsNoNativeSlice() {
        TargetVerdict v = check(Fixtures.file("macho-fat", "darwin-amd64"), "macos-11-arm64").verdict();
        assertEquals(Verdict.RUNS, v.verdict());
        assertTrue(v.passed().contains("architecture x86_64 through Rosetta 2"), v.passed().toString());
        for (TargetReason r : v.reasons()) assertTrue(r.effect() != Verdict.WILL_FAIL, r.toString());
    }
}
