package dev.crosslens.parsers.diff;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.HardeningCheck;
import dev.crosslens.model.HardeningState;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Linkage;
import dev.crosslens.model.Permissions;
import dev.crosslens.model.Section;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.SizeChange;
import dev.crosslens.model.diff.SymbolChange;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.model.go.GoFacts;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.model.go.GoModule;
import dev.crosslens.model.go.GoSetting;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The differ on images built in the test, where every expected difference is known. */
class BuildDifferTest {
    private static final Permissions RX = new Permissions(true, false, true);
    private static final Permissions RW = new Permissions(true, true, false);

    @Test
    void anImageAgainstItselfIsEmpty() {
        ImageCore c = goBinary("0", false, "v1.2.0").build();
        BuildDiff d = diff(c, c);
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.noise()).isEmpty();
        assertThat(d.consequences()).isEmpty();
    }

    @Test
    void cgoOnExplainsLibcInterpreterAndDynamicSymbols() {
        ImageCore off = goBinary("0", false, "v1.2.0").build();
        List<Symbol> dyn = new ArrayList<>(off.symbols());
        for (int i = 0; i < 3; i++) {
            dyn.add(sym(SymbolTable.DYNSYM, "pthread_fn" + i, false, "GLIBC_2.2.5", 0));
        }
        dyn.add(sym(SymbolTable.GO_PCLNTAB, "runtime/cgo.init", true, null, 0));
        ImageCore on = goBinary("1", true, "v1.2.0").symbols(dyn)
                .libraries(List.of(new Library("libc.so.6", LibraryKind.NEEDED,
                        List.of(new ImportedSymbol("malloc", -1, -1, "GLIBC_2.2.5", false, Extent.NONE)), null, null,
                        Extent.NONE)))
                .build();
        BuildDiff d = diff(off, on);
        assertThat(d.consequences()).hasSize(1);
        assertThat(d.consequences().get(0).summary())
                .isEqualTo("CGO_ENABLED 0 -> 1: libc.so.6 appeared, PT_INTERP /lib64/ld-linux-x86-64.so.2 appeared, "
                        + "linkage static -> dynamic, 3 dynamic symbols added, 1 cgo function added");
        assertThat(new DiffGate().evaluate(d, EnumSet.of(DiffGate.Rule.CGO_CHANGE))).hasSize(1);
        assertThat(new DiffGate().evaluate(d, EnumSet.of(DiffGate.Rule.NEW_LIBRARIES)))
                .extracting(DiffGate.Hit::message).containsExactly("new library: libc.so.6");
        assertThat(new DiffGate().evaluate(d, EnumSet.of(DiffGate.Rule.REMOVED_EXPORTS))).isEmpty();
    }

    @Test
    void sectionRowsAddUpToTheFileSizeDelta() {
        ImageCore a = goBinary("0", false, "v1.2.0").build();
        ImageCore b = goBinary("0", false, "v1.2.0").sections(List.of(
                section(1, ".text", 0x1000, 0x1800, RX), section(2, ".data", 0x3000, 0x300, RW),
                section(3, ".rodata", 0x4000, 0x100, new Permissions(true, false, false)))).build();
        BuildDiff d = new BuildDiffer().diff(new DiffSide("a", new ElfImage(a, null), 0x3000),
                new DiffSide("b", new ElfImage(b, null), 0x3a00));
        long sum = d.sections().stream().mapToLong(SizeChange::fileDelta).sum();
        assertThat(sum).isEqualTo(d.totals().fileDelta()).isEqualTo(0xa00);
        assertThat(d.sections()).extracting(SizeChange::name, SizeChange::kind).contains(
                org.assertj.core.groups.Tuple.tuple(".text", ChangeKind.CHANGED),
                org.assertj.core.groups.Tuple.tuple(".rodata", ChangeKind.ADDED));
    }

    @Test
    void hardeningLossIsARegressionAndGainIsNot() {
        ImageCore a = goBinary("0", false, "v1.2.0").hardening(List.of(
                new HardeningCheck("relro", "RELRO", HardeningState.ENABLED, ""),
                new HardeningCheck("nx", "NX", HardeningState.DISABLED, ""),
                new HardeningCheck("canary", "Canary", HardeningState.UNKNOWN, ""))).build();
        ImageCore b = goBinary("0", false, "v1.2.0").hardening(List.of(
                new HardeningCheck("relro", "RELRO", HardeningState.PARTIAL, ""),
                new HardeningCheck("nx", "NX", HardeningState.ENABLED, ""),
                new HardeningCheck("canary", "Canary", HardeningState.DISABLED, ""))).build();
        BuildDiff d = diff(a, b);
        assertThat(d.hardening()).hasSize(3);
        assertThat(new DiffGate().evaluate(d, EnumSet.of(DiffGate.Rule.HARDENING_REGRESSION)))
                .extracting(DiffGate.Hit::message).containsExactly("RELRO: ENABLED -> PARTIAL");
    }

    @Test
    void modulesBumpedAndNoiseKeptApart() {
        ImageCore a = goBinary("0", false, "v1.2.0").build();
        ImageCore b = goBinary("0", false, "v1.3.0").build();
        BuildDiff d = diff(a, b);
        assertThat(d.goModules()).singleElement().satisfies(m -> {
            assertThat(m.path()).isEqualTo("example.com/dep");
            assertThat(m.oldVersion()).isEqualTo("v1.2.0");
            assertThat(m.newVersion()).isEqualTo("v1.3.0");
        });
        assertThat(d.goSettings()).isEmpty();
        assertThat(d.noise()).extracting(c -> c.field()).containsExactly("vcs.time");
        assertThat(d.consequences()).extracting(c -> c.summary()).containsExactly(
                "module example.com/dep v1.2.0 -> v1.3.0: 1 of its functions added, removed or changed");
    }

    @Test
    void aRustHashChangeIsOneChangedSymbolNotARemovalAndAnAddition() {
        Symbol old = sym(SymbolTable.SYMTAB, "_ZN4core3fmt5write17h0123456789abcdefE", true, null, 10)
                .withDemangled("core::fmt::write");
        Symbol neu = sym(SymbolTable.SYMTAB, "_ZN4core3fmt5write17hfedcba9876543210E", true, null, 12)
                .withDemangled("core::fmt::write");
        ImageCore a = goBinary("0", false, "v1.2.0").symbols(List.of(old)).build();
        ImageCore b = goBinary("0", false, "v1.2.0").symbols(List.of(neu)).build();
        BuildDiff d = diff(a, b);
        assertThat(d.symbols()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(ChangeKind.CHANGED);
            assertThat(s.changedFields()).containsExactly("name", "size");
            assertThat(s.sizeDelta()).isEqualTo(2);
        });
    }

    @Test
    void anUnmarkedSystemVElfAndALinuxElfAreNoTargetChangeButFreeBsdIs() {
        ImageCore sysv = goBinary("0", false, "v1.2.0").os(dev.crosslens.model.TargetOs.SYSV).build();
        ImageCore linux = goBinary("0", false, "v1.2.0").os(dev.crosslens.model.TargetOs.LINUX).build();
        ImageCore freebsd = goBinary("0", false, "v1.2.0").os(dev.crosslens.model.TargetOs.FREEBSD).build();
        DiffGate gate = new DiffGate();
        assertThat(diff(sysv, linux).identity()).extracting(c -> c.field()).containsExactly("os");
        assertThat(gate.evaluate(diff(sysv, linux), EnumSet.of(DiffGate.Rule.ARCH_CHANGE))).isEmpty();
        assertThat(gate.evaluate(diff(linux, freebsd), EnumSet.of(DiffGate.Rule.ARCH_CHANGE)))
                .extracting(DiffGate.Hit::message).containsExactly("os linux -> freebsd");
    }

    @Test
    void exportRemovalTripsTheGate() {
        Symbol export = sym(SymbolTable.DYNSYM, "api_v1", true, null, 8);
        ImageCore a = goBinary("0", false, "v1.2.0").symbols(List.of(export)).build();
        ImageCore b = goBinary("0", false, "v1.2.0").symbols(List.of()).build();
        BuildDiff d = diff(a, b);
        assertThat(d.symbols()).extracting(SymbolChange::kind).containsExactly(ChangeKind.REMOVED);
        assertThat(new DiffGate().evaluate(d, DiffGate.parse("removed-exports,new-imports")))
                .extracting(DiffGate.Hit::message).containsExactly("export removed: api_v1");
    }

    private static BuildDiff diff(ImageCore a, ImageCore b) {
        return new BuildDiffer().diff(new DiffSide("old", new ElfImage(a, null), 0x2000),
                new DiffSide("new", new ElfImage(b, null), 0x2000));
    }

    private static ImageCore.Builder goBinary(String cgo, boolean dynamic, String depVersion) {
        GoBuildInfo bi = new GoBuildInfo("go1.21.0", "example.com/app",
                new GoModule("example.com/app", "(devel)", "", null),
                List.of(new GoModule("example.com/dep", depVersion, "h1:x", null)),
                List.of(new GoSetting("CGO_ENABLED", cgo), new GoSetting("GOARCH", "amd64"),
                        new GoSetting("vcs.time", depVersion.equals("v1.2.0") ? "2024-01-01T00:00:00Z"
                                : "2024-02-01T00:00:00Z")), "inline", Extent.NONE);
        GoInfo go = new GoInfo("go1.21.0", bi, null,
                new GoFacts("1".equals(cgo), false, false, "go", "go", "exe", List.of()));
        List<Symbol> syms = List.of(sym(SymbolTable.GO_PCLNTAB, "main.main", true, null, 0),
                sym(SymbolTable.GO_PCLNTAB, "example.com/dep.Do", true, null, depVersion.equals("v1.2.0") ? 40 : 48));
        return ImageCore.builder(BinaryFormat.ELF).arch(Arch.X86_64).bits(64).kind(BinaryKind.EXECUTABLE)
                .linkage(new Linkage(dynamic, dynamic ? "/lib64/ld-linux-x86-64.so.2" : null,
                        dynamic ? LibcFlavor.GLIBC : LibcFlavor.NONE, ""))
                .sections(List.of(section(1, ".text", 0x1000, 0x1000, RX), section(2, ".data", 0x2000, 0x200, RW)))
                .symbols(syms).go(go);
    }

    private static Section section(int i, String name, long addr, long size, Permissions p) {
        return new Section(i, name, null, "PROGBITS", addr, size, addr, size, 0, p, Extent.of(addr, size), Extent.NONE);
    }

    private static Symbol sym(SymbolTable t, String name, boolean defined, String version, long size) {
        return new Symbol(0, name, null, 0, size, t, SymbolBinding.GLOBAL, SymbolType.FUNC, "DEFAULT",
                defined ? ".text" : "UND", defined, version, null, 0, Extent.NONE);
    }
}
