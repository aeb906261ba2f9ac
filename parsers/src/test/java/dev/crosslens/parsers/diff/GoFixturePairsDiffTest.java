package dev.crosslens.parsers.diff;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.FieldChange;
import dev.crosslens.model.diff.FindingChange;
import dev.crosslens.model.diff.GoModuleChange;
import dev.crosslens.model.diff.LibraryChange;
import dev.crosslens.model.diff.SizeChange;
import dev.crosslens.model.diff.SymbolChange;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.analysis.FindingsEngine;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;

import static dev.crosslens.parsers.diff.EsbuildPairsDiffTest.consequence;
import static dev.crosslens.parsers.diff.EsbuildPairsDiffTest.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Pairs of linux/amd64 Go builds of one program that differ in one known way (resources/fixtures/diff-pairs):
 * each diff must name exactly that difference and what it caused, and nothing else.
 */
class GoFixturePairsDiffTest {

    @Test
    void aBinaryAgainstItselfAndAgainstAReproducibleRebuildIsEmpty() throws IOException {
        BuildDiff self = diff("base", "base");
        assertThat(self.isEmpty()).isTrue();
        assertThat(self.noise()).isEmpty();
        BuildDiff rebuilt = diff("base", "base-again");
        assertThat(rebuilt.isEmpty()).isTrue();
        assertThat(rebuilt.consequences()).isEmpty();
        assertThat(new DiffGate().evaluate(rebuilt, DiffGate.parse("all"))).isEmpty();
    }

    @Test
    void cgoOnBringsLibcAndAnInterpreter() throws IOException {
        BuildDiff d = diff("base", "cgo");
        assertThat(d.identity()).extracting(FieldChange::field, FieldChange::oldValue, FieldChange::newValue)
                .containsExactly(tuple("linkage", "static", "dynamic"),
                        tuple("interpreter", null, "/lib64/ld-linux-x86-64.so.2"), tuple("libc", "none", "glibc"));
        assertThat(d.libraries()).extracting(LibraryChange::kind, LibraryChange::library)
                .containsExactly(tuple(ChangeKind.ADDED, "libc.so.6"));
        assertThat(d.libraries().get(0).importsAdded()).contains("getaddrinfo@GLIBC_2.2.5", "pthread_create@GLIBC_2.34", "malloc@GLIBC_2.2.5");
        assertThat(field(d.goSettings(), "CGO_ENABLED")).extracting(FieldChange::oldValue, FieldChange::newValue)
                .containsExactly("0", "1");
        assertThat(d.consequences()).singleElement().satisfies(c -> {
            assertThat(c.cause()).isEqualTo("CGO_ENABLED 0 -> 1");
            assertThat(c.effects()).hasSize(5);
            assertThat(c.effects().subList(0, 3)).containsExactly("libc.so.6 appeared",
                    "PT_INTERP /lib64/ld-linux-x86-64.so.2 appeared", "linkage static -> dynamic");
            assertThat(c.effects().get(3)).matches("[0-9]+ dynamic symbols added");
            assertThat(c.effects().get(4)).matches("[0-9]+ cgo functions added");
        });
        long dyn = d.symbols().stream().filter(s -> s.table() == SymbolTable.DYNSYM && s.kind() == ChangeKind.ADDED)
                .count();
        assertThat(d.consequences().get(0).effects().get(3)).isEqualTo(dyn + " dynamic symbols added");
        assertThat(d.segments()).extracting(SizeChange::name, SizeChange::kind)
                .contains(tuple("INTERP", ChangeKind.ADDED), tuple("DYNAMIC", ChangeKind.ADDED));
        assertThat(d.sections().stream().mapToLong(SizeChange::fileDelta).sum()).isEqualTo(d.totals().fileDelta());
        // the gate: CGO, linkage and a new library trip it; the target (arch, OS) did not change
        DiffGate gate = new DiffGate();
        assertThat(gate.evaluate(d, EnumSet.of(DiffGate.Rule.CGO_CHANGE))).extracting(DiffGate.Hit::message)
                .containsExactly("CGO_ENABLED 0 -> 1");
        assertThat(gate.evaluate(d, EnumSet.of(DiffGate.Rule.NEW_LIBRARIES))).extracting(DiffGate.Hit::message)
                .containsExactly("new library: libc.so.6");
        assertThat(gate.evaluate(d, EnumSet.of(DiffGate.Rule.LINKAGE_CHANGE))).hasSize(3);
        assertThat(gate.evaluate(d, EnumSet.of(DiffGate.Rule.ARCH_CHANGE, DiffGate.Rule.GO_VERSION_CHANGE,
                DiffGate.Rule.REMOVED_EXPORTS))).isEmpty();
        // the Go build id changes with the link; noise, not a difference
        assertThat(d.noise()).extracting(FieldChange::field).contains("Go build id");
    }

    @Test
    void cgoOnAddsItsFindingsAndTheNewFindingsGateSeesThem() throws IOException {
        BinaryFile a = open("base");
        BinaryFile b = open("cgo");
        FindingsEngine engine = FindingsEngine.standard();
        BuildDiff d = new BuildDiffer().diff(DiffSide.of(a), DiffSide.of(b), engine.run(a, null, null, null),
                engine.run(b, null, null, null));
        assertThat(d.findings()).extracting(FindingChange::kind, FindingChange::ruleId)
                .contains(tuple(ChangeKind.ADDED, "go.cgo-enabled"))
                .noneMatch(t -> t.toList().get(0) == ChangeKind.REMOVED);
        assertThat(new DiffGate().evaluate(d, EnumSet.of(DiffGate.Rule.NEW_FINDINGS)))
                .extracting(DiffGate.Hit::message).anyMatch(m -> m.startsWith("new finding go.cgo-enabled: "));
        // the same findings on both sides are no change
        BuildDiff same = new BuildDiffer().diff(DiffSide.of(b), DiffSide.of(b), engine.run(b, null, null, null),
                engine.run(b, null, null, null));
        assertThat(same.findings()).isEmpty();
    }

    @Test
    void stripFlagsRemoveTheSymbolTableAndDwarfAndNothingElse() throws IOException {
        BuildDiff d = diff("base", "stripped");
        assertThat(d.identity()).extracting(FieldChange::field, FieldChange::newValue)
                .containsExactly(tuple("stripped", "true"));
        assertThat(d.goSettings()).extracting(FieldChange::field, FieldChange::oldValue, FieldChange::newValue)
                .containsExactly(tuple("-ldflags", null, "-s -w"));
        assertThat(d.symbols()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.kind()).isEqualTo(ChangeKind.REMOVED);
            assertThat(s.table()).isEqualTo(SymbolTable.SYMTAB);
        });
        assertThat(d.sections()).filteredOn(s -> s.kind() == ChangeKind.REMOVED).extracting(SizeChange::name)
                .allMatch(n -> n.startsWith(".debug_") || n.equals(".symtab") || n.equals(".strtab"))
                .contains(".symtab", ".strtab", ".debug_info", ".debug_line");
        assertThat(d.sections()).filteredOn(s -> s.kind() == ChangeKind.ADDED).isEmpty();
        assertThat(d.libraries()).isEmpty();
        assertThat(d.goModules()).isEmpty();
        assertThat(d.consequences()).singleElement().satisfies(c -> {
            assertThat(c.cause()).isEqualTo("symbols stripped (-ldflags (none) -> \"-s -w\")");
            assertThat(c.effects().get(0)).isEqualTo(String.format(java.util.Locale.ROOT, "%,d",
                    d.symbols().size()) + " symbol-table entries removed");
        });
        assertThat(d.totals().fileDelta()).isNegative();
        assertThat(d.sections().stream().mapToLong(SizeChange::fileDelta).sum()).isEqualTo(d.totals().fileDelta());
        assertThat(new DiffGate().evaluate(d, DiffGate.parse("removed-exports,new-imports,arch-change"))).isEmpty();
    }

    @Test
    void trimpathShortensPathsAndForgetsGoroot() throws IOException {
        BuildDiff d = diff("base", "trimpath");
        assertThat(d.identity()).isEmpty();
        assertThat(d.goSettings()).extracting(FieldChange::field, FieldChange::oldValue, FieldChange::newValue)
                .containsExactly(tuple("-trimpath", null, "true"));
        assertThat(d.libraries()).isEmpty();
        assertThat(d.goModules()).isEmpty();
        SizeChange pcln = d.sections().stream().filter(s -> s.name().equals(".gopclntab")).findFirst().orElseThrow();
        assertThat(pcln.fileDelta()).isNegative();
        assertThat(d.symbols()).extracting(SymbolChange::kind, SymbolChange::name)
                .contains(tuple(ChangeKind.REMOVED, "runtime.defaultGOROOT.str"));
        assertThat(d.consequences()).singleElement().satisfies(c -> assertThat(c.summary()).isEqualTo(
                "-trimpath (none) -> \"true\": .gopclntab " + String.format(java.util.Locale.ROOT, "%,d",
                        pcln.fileDelta()) + " bytes (source file paths shortened), "
                        + "GOROOT no longer recorded (runtime.defaultGOROOT.str)"));
    }

    @Test
    void aBumpedDependencyIsOneModuleRowAndItsNewFunction() throws IOException {
        BuildDiff d = diff("base", "dep-bumped");
        assertThat(d.goModules()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(GoModuleChange.Kind.BUMPED);
            assertThat(m.path()).isEqualTo("example.com/dep");
            assertThat(m.oldVersion()).isEqualTo("v1.0.0");
            assertThat(m.newVersion()).isEqualTo("v1.1.0");
            assertThat(m.oldReplacement()).isEqualTo(m.newReplacement()).isEqualTo("../dep (devel)");
        });
        assertThat(d.goSettings()).isEmpty();
        assertThat(d.identity()).isEmpty();
        assertThat(d.libraries()).isEmpty();
        // in the function table: the one new function; in the ELF symbol table also its package's init task
        assertThat(d.symbols()).filteredOn(s -> s.name().startsWith("example.com/dep."))
                .filteredOn(s -> s.table() == SymbolTable.GO_PCLNTAB)
                .extracting(SymbolChange::kind, SymbolChange::name)
                .containsExactly(tuple(ChangeKind.ADDED, "example.com/dep.Decorate"));
        assertThat(d.symbols()).filteredOn(s -> s.name().startsWith("example.com/dep."))
                .filteredOn(s -> s.table() == SymbolTable.SYMTAB)
                .extracting(SymbolChange::kind, SymbolChange::name)
                .containsExactlyInAnyOrder(tuple(ChangeKind.ADDED, "example.com/dep.Decorate"),
                        tuple(ChangeKind.ADDED, "example.com/dep..inittask"));
        // strings.ToUpper came in with it
        assertThat(d.symbols()).extracting(SymbolChange::kind, SymbolChange::name)
                .contains(tuple(ChangeKind.ADDED, "strings.ToUpper"));
        assertThat(consequence(d, "module example.com/dep v1.0.0 -> v1.1.0").effects())
                .containsExactly("1 of its functions added, removed or changed");
        assertThat(new DiffGate().evaluate(d, DiffGate.parse("new-libraries,removed-exports,go-version-change")))
                .isEmpty();
    }

    private static BuildDiff diff(String oldName, String newName) throws IOException {
        BinaryFile a = open(oldName);
        BinaryFile b = open(newName);
        return new BuildDiffer().diff(DiffSide.of(a), DiffSide.of(b));
    }

    static BinaryFile open(String name) throws IOException {
        return Binaries.open(Fixtures.file("diff-pairs", name), ParseOptions.defaults());
    }

    @SuppressWarnings("unused")
    private static List<String> names(List<SymbolChange> s) {
        return s.stream().map(SymbolChange::name).toList();
    }
}
