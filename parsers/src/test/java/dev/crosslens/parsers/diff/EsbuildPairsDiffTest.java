package dev.crosslens.parsers.diff;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.Consequence;
import dev.crosslens.model.diff.FieldChange;
import dev.crosslens.model.diff.SizeChange;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differ on real builds: esbuild 0.17.19 (Go 1.20.4, with build info) against esbuild 0.28.2 (Go 1.26,
 * shipped without build info) for each of the nine platforms, and two architectures of one version.
 */
class EsbuildPairsDiffTest {
    private static final String OLD = "esbuild-0.17.19-";
    private static final String NEW = "esbuild-0.28.2-";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux-x64", "linux-arm64", "linux-ia32", "linux-riscv64", "win32-x64", "win32-arm64",
            "win32-ia32", "darwin-x64", "darwin-arm64"})
    void versionUpgradeOnOnePlatform(String platform) throws IOException {
        BuildDiff d = diff(OLD + platform, NEW + platform);

        // the same target on both sides: no arch, bits, format or OS change, and the gate agrees
        assertThat(d.identity()).extracting(FieldChange::field).doesNotContain("arch", "bits", "format", "os");
        assertThat(new DiffGate().evaluate(d, EnumSet.of(DiffGate.Rule.ARCH_CHANGE))).isEmpty();

        // the toolchain moved from go1.20.4 to go1.26.x, and esbuild 0.28.2 ships without build info
        FieldChange go = field(d.goSettings(), "Go");
        assertThat(go.oldValue()).isEqualTo("go1.20.4");
        assertThat(go.newValue()).startsWith("go1.26.");
        FieldChange bi = field(d.goSettings(), "Go build info");
        assertThat(bi.oldValue()).isEqualTo("present");
        assertThat(bi.newValue()).isEqualTo("absent");
        assertThat(new DiffGate().evaluate(d, EnumSet.of(DiffGate.Rule.GO_VERSION_CHANGE)))
                .extracting(DiffGate.Hit::message).containsExactly("Go go1.20.4 -> " + go.newValue());

        // a side without build info says nothing about modules: none is reported "removed"
        assertThat(d.goModules()).isEmpty();
        assertThat(consequence(d, "Go build info present -> absent").summary())
                .contains("known only on the old side, not compared");

        // the runtime was rewritten between the two toolchains: added, removed and changed functions, counted
        Consequence upgrade = consequence(d, "Go go1.20.4 -> " + go.newValue());
        assertThat(upgrade.effects()).hasSize(3);
        assertThat(upgrade.effects().get(0)).matches("[0-9,]+ runtime functions added");
        assertThat(upgrade.effects().get(1)).matches("[0-9,]+ runtime functions removed");
        assertThat(upgrade.effects().get(2)).matches("[0-9,]+ runtime functions changed");
        long runtimeAdded = d.symbols().stream().filter(s -> s.kind() == ChangeKind.ADDED
                && s.table() == dev.crosslens.model.SymbolTable.GO_PCLNTAB && s.name().startsWith("runtime.")).count();
        assertThat(runtimeAdded).isGreaterThan(400);
        assertThat(upgrade.effects().get(0)).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", runtimeAdded)
                + " runtime functions added");

        // section rows add up to the file-size change; the code grew
        assertThat(d.sections().stream().mapToLong(SizeChange::fileDelta).sum()).isEqualTo(d.totals().fileDelta());
        assertThat(d.totals().fileDelta()).isPositive();
        assertThat(d.sections()).anySatisfy(s -> {
            assertThat(s.name()).isIn(".text", "__TEXT,__text");
            assertThat(s.fileDelta()).isPositive();
        });

        // the entry point moved; that is noise, not a difference
        assertThat(d.noise()).extracting(FieldChange::field).contains("entry");
        assertThat(d.isEmpty()).isFalse();
    }

    @Test
    void linuxBuildsDropTheGoBuildIdNote() throws IOException {
        BuildDiff d = diff(OLD + "linux-x64", NEW + "linux-x64");
        // 0.17.19 carries a Go build id note, 0.28.2 has none (and no NOTE segment)
        FieldChange id = field(d.noise(), "Go build id");
        assertThat(id.oldValue()).isNotBlank();
        assertThat(id.newValue()).isNull();
        assertThat(d.segments()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("NOTE");
            assertThat(s.kind()).isEqualTo(ChangeKind.REMOVED);
        });
        assertThat(d.sections()).extracting(SizeChange::name, SizeChange::kind)
                .contains(org.assertj.core.groups.Tuple.tuple(".go.buildinfo", ChangeKind.REMOVED));
    }

    @Test
    void darwinX64BecamePieAndStripped() throws IOException {
        BuildDiff d = diff(OLD + "darwin-x64", NEW + "darwin-x64");
        assertThat(field(d.identity(), "kind").newValue()).isEqualTo("PIE executable");
        assertThat(field(d.identity(), "stripped").newValue()).isEqualTo("true");
        assertThat(d.hardening()).anySatisfy(h -> {
            assertThat(h.label()).isEqualTo("PIE");
            assertThat(h.regression()).isFalse();
        });
        assertThat(consequence(d, "symbols stripped").summary()).matches(
                "symbols stripped: [0-9,]+ symbol-table entries removed");
        assertThat(new DiffGate().evaluate(d, EnumSet.of(DiffGate.Rule.HARDENING_REGRESSION))).isEmpty();
    }

    @Test
    void archChangeIsExplainedAsTheCauseOfResizedCode() throws IOException {
        BuildDiff d = diff(NEW + "linux-x64", NEW + "linux-arm64");
        assertThat(d.identity()).extracting(FieldChange::field).containsExactly("arch");
        FieldChange arch = d.identity().get(0);
        assertThat(arch.oldValue() + " -> " + arch.newValue()).isEqualTo("x86_64 -> arm64");
        assertThat(d.goSettings()).isEmpty(); // same toolchain, no build info on either side
        Consequence c = consequence(d, "arch x86_64 -> arm64");
        assertThat(c.effects()).hasSize(2);
        assertThat(c.effects().get(0)).matches("[0-9,]+ sections resized");
        assertThat(c.effects().get(1)).matches("[0-9,]+ symbols changed \\(sizes differ per instruction set\\)");
        assertThat(d.sections().stream().mapToLong(SizeChange::fileDelta).sum()).isEqualTo(d.totals().fileDelta());
        // arm64 code is smaller than x86-64 code for the same program
        assertThat(d.sections()).filteredOn(s -> s.name().equals(".text")).singleElement()
                .satisfies(s -> assertThat(s.fileDelta()).isNegative());
        assertThat(new DiffGate().evaluate(d, DiffGate.parse("arch-change")))
                .extracting(DiffGate.Hit::message).containsExactly("arch x86_64 -> arm64");
        assertThat(new DiffGate().evaluate(d, DiffGate.parse("go-version-change,cgo-change,new-libraries"))).isEmpty();
    }

    @Test
    void aBinaryAgainstItselfIsEmpty() throws IOException {
        BuildDiff d = diff(OLD + "win32-x64", OLD + "win32-x64");
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.noise()).isEmpty();
        assertThat(d.consequences()).isEmpty();
        assertThat(d.totals().fileDelta()).isZero();
    }

    static BuildDiff diff(String oldId, String newId) throws IOException {
        BinaryFile a = Binaries.open(Corpus.require(oldId), ParseOptions.defaults());
        BinaryFile b = Binaries.open(Corpus.require(newId), ParseOptions.defaults());
        DiffSide oldSide = DiffSide.pick(a, null, b.image());
        DiffSide newSide = DiffSide.pick(b, null, oldSide.image());
        return new BuildDiffer().diff(oldSide, newSide);
    }

    static FieldChange field(List<FieldChange> fields, String name) {
        return fields.stream().filter(f -> f.field().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + name + " in " + fields));
    }

    static Consequence consequence(BuildDiff d, String cause) {
        return d.consequences().stream().filter(c -> c.cause().equals(cause)).findFirst()
                .orElseThrow(() -> new AssertionError("no consequence '" + cause + "' in " + d.consequences()));
    }
}
