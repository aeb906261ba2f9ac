package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Arch;
import dev.crosslens.model.ArchiveImage;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.Linkage;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.Permissions;
import dev.crosslens.model.Segment;
import dev.crosslens.model.Severity;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.archive.ArchiveMember;
import dev.crosslens.model.finding.BuildIntent;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.finding.TargetVerdict;
import dev.crosslens.model.finding.Verdict;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.model.go.GoFacts;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.model.go.GoSetting;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule against ImageCore records built by hand: one that triggers it, one that does not. */
class RuleUnitTest {
    private final FindingsEngine engine = FindingsEngine.standard();
    private final TargetProfiles profiles = TargetProfiles.bundled();

    private static Symbol undef(String name, String version, long offset) {
        return new Symbol(1, name, null, 0, 0, SymbolTable.DYNSYM, SymbolBinding.GLOBAL, SymbolType.FUNC, "DEFAULT",
                "UND", false, version, null, 0x12, Extent.of(offset, 24));
    }

    private static Symbol defined(String name) {
        return new Symbol(2, name, null, 0x1000, 8, SymbolTable.SYMTAB, SymbolBinding.GLOBAL, SymbolType.OBJECT,
                "DEFAULT", ".bss", true, null, null, 0x11, Extent.of(0x400, 24));
    }

    private static Segment seg(String type, Permissions p) {
        return new Segment(0, type, 0, 0, 0, 0, 0, p, Extent.NONE, Extent.of(64, 56));
    }

    private static ImageCore.Builder elfExe(Arch arch) {
        return ImageCore.builder(BinaryFormat.ELF).arch(arch).bits(64).os(TargetOs.SYSV).kind(BinaryKind.PIE_EXECUTABLE)
                .segments(List.of(seg("GNU_STACK", new Permissions(true, true, false)),
                        seg("GNU_RELRO", new Permissions(true, false, false))))
                .extent(Extent.of(0, 4096));
    }

    private static ImageCore.Builder glibcDynamic(ImageCore.Builder b, String... versions) {
        List<Symbol> syms = new ArrayList<>();
        long off = 0x300;
        for (String v : versions) syms.add(undef("sym_" + v.replace('.', '_'), v, off += 24));
        return b.linkage(new Linkage(true, "/lib64/ld-linux-x86-64.so.2", LibcFlavor.GLIBC, "PT_INTERP"))
                .libraries(List.of(Library.of("libc.so.6", LibraryKind.NEEDED, Extent.of(0x2000, 16))))
                .segments(List.of(seg("INTERP", new Permissions(true, false, false)),
                        seg("GNU_STACK", new Permissions(true, true, false)),
                        seg("GNU_RELRO", new Permissions(true, false, false))))
                .symbols(syms);
    }

    private List<Finding> run(BinaryImage image) {
        return engine.run(RuleContext.of(null, image, "", null, null, null));
    }

    private List<Finding> run(RuleContext ctx) {
        return engine.run(ctx);
    }

    private static List<String> ids(List<Finding> fs) {
        return fs.stream().map(Finding::id).toList();
    }

    private static GoInfo go(boolean cgo, String... settings) {
        List<GoSetting> s = new ArrayList<>();
        for (int i = 0; i < settings.length; i += 2) s.add(new GoSetting(settings[i], settings[i + 1]));
        GoBuildInfo bi = new GoBuildInfo("go1.22.1", "example.com/x", null, List.of(), s, "inline", Extent.of(0x5000, 200));
        return new GoInfo("go1.22.1", bi, null, new GoFacts(cgo, false, false, cgo ? "cgo" : "go", "none", "exe", List.of()));
    }

    @Test
    void glibcFloorNamesTheHighestVersionAndItsSymbol() {
        ImageCore c = glibcDynamic(elfExe(Arch.X86_64), "GLIBC_2.2.5", "GLIBC_2.14", "GLIBC_2.34", "GLIBC_2.4").build();
        Finding f = run(new ElfImage(c, null)).stream().filter(x -> x.id().equals("elf.glibc-floor")).findFirst().orElseThrow();
        assertEquals("Needs GLIBC_2.34", f.title());
        assertEquals("sym_GLIBC_2_34@GLIBC_2.34", f.evidence().get(0).value());
        assertTrue(f.evidence().get(0).extent().isKnown());
        ImageCore stat = elfExe(Arch.X86_64).build();
        assertTrue(run(new ElfImage(stat, null)).isEmpty(), "a clean static PIE has no findings");
    }

    @Test
    void glibcFloorDecidesTheVerdictOnOlderDistributions() {
        ImageCore c = glibcDynamic(elfExe(Arch.X86_64), "GLIBC_2.34").build();
        TargetChecker tc = TargetChecker.standard();
        TargetVerdict old = tc.check(new ElfImage(c, null), profiles.find("debian-11-amd64").orElseThrow(), "");
        assertEquals(Verdict.WILL_FAIL, old.verdict());
        assertEquals("target.glibc-too-old", old.reasons().get(0).finding().id());
        TargetVerdict fresh = tc.check(new ElfImage(c, null), profiles.find("ubuntu-22.04-amd64").orElseThrow(), "");
        assertEquals(Verdict.RUNS, fresh.verdict());
        TargetVerdict alpine = tc.check(new ElfImage(c, null), profiles.find("alpine-3.19-amd64").orElseThrow(), "");
        assertEquals(Verdict.WILL_FAIL, alpine.verdict());
        assertEquals("target.libc-mismatch", alpine.reasons().get(0).finding().id());
        TargetVerdict distroless = tc.check(new ElfImage(c, null), profiles.find("distroless-static-amd64").orElseThrow(), "");
        assertEquals("target.dynamic-on-static-only", distroless.reasons().get(0).finding().id());
    }

    /** GLIBCXX_ and CXXABI_ are each compared with the profile's libstdc++. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} on {1}: {2}")
    @org.junit.jupiter.params.provider.CsvSource({
            "GLIBCXX_3.4.32, ubuntu-22.04-amd64, WILL_FAIL",
            "GLIBCXX_3.4.32, ubuntu-24.04-amd64, RUNS",
            "CXXABI_1.3.14, debian-12-amd64, WILL_FAIL",
            "CXXABI_1.3.14, ubuntu-24.04-amd64, RUNS",
            "CXXABI_1.3.13, debian-11-amd64, WILL_FAIL",
            "GLIBCXX_3.4.28, ubuntu-20.04-amd64, RUNS",
            "GLIBCXX_3.4.30, debian-12-amd64, RUNS",
    })
    void libstdcxxVersionsAgainstEveryGlibcProfile(String version, String target, Verdict expected) {
        TargetProfile t = profiles.find(target).orElseThrow();
        ImageCore c = glibcDynamic(elfExe(t.arch()), "GLIBC_2.17", version).build();
        TargetVerdict v = TargetChecker.standard().check(new ElfImage(c, null), t, "");
        assertEquals(expected, v.verdict(), v.reasons().toString());
        if (expected == Verdict.WILL_FAIL) {
            assertEquals("target.glibcxx-too-old", v.reasons().get(0).finding().id());
            assertTrue(v.reasons().get(0).finding().title().contains(version), v.reasons().get(0).finding().title());
        }
    }

    /** Rosetta 2 before macOS 15 runs x86-64 up to v2: GOAMD64=v3 amd64 code fails there, v2 runs. */
    @org.junit.jupiter.params.ParameterizedTest(name = "GOAMD64={0} on {1}: {2}")
    @org.junit.jupiter.params.provider.CsvSource({
            "v3, macos-11-arm64, WILL_FAIL",
            "v3, macos-14-arm64, WILL_FAIL",
            "v2, macos-14-arm64, RUNS",
            "v3, macos-14-x86_64, CANNOT_TELL",
            "v1, macos-14-x86_64, RUNS",
    })
    void goamd64ThroughRosetta(String level, String target, Verdict expected) {
        ImageCore c = ImageCore.builder(BinaryFormat.MACHO).arch(Arch.X86_64).bits(64).os(TargetOs.MACOS)
                .kind(BinaryKind.EXECUTABLE).go(go(false, "GOOS", "darwin", "GOARCH", "amd64", "GOAMD64", level,
                        "-trimpath", "true")).build();
        MachOFacts signed = new MachOFacts("10.15", "macos", Extent.of(0x300, 24), true, null);
        RuleContext ctx = RuleContext.of(null, new MachOImage(c, null), "", null, null, null).withMachO(signed);
        TargetVerdict v = TargetChecker.standard().check(ctx, profiles.find(target).orElseThrow());
        assertEquals(expected, v.verdict(), v.reasons().toString());
        if (expected != Verdict.RUNS) assertEquals("target.cpu-level", v.reasons().get(0).finding().id());
    }

    @Test
    void windowsImportsNewerThanTheTarget() {
        Library synch = new Library("api-ms-win-core-synch-l1-2-0.dll", LibraryKind.IMPORT, List.of(
                new ImportedSymbol("WaitOnAddress", -1, 0, null, false, Extent.of(0x900, 16))), null, null,
                Extent.of(0x800, 20));
        Library delayed = new Library("bcryptprimitives.dll", LibraryKind.DELAY_IMPORT, List.of(
                new ImportedSymbol("ProcessPrng", -1, 0, null, false, Extent.of(0x940, 14))), null, null,
                Extent.of(0x820, 32));
        ImageCore c = ImageCore.builder(BinaryFormat.PE).arch(Arch.X86_64).bits(64).os(TargetOs.WINDOWS)
                .kind(BinaryKind.EXECUTABLE).libraries(List.of(synch)).build();
        TargetVerdict w7 = TargetChecker.standard().check(new PeImage(c, null), profiles.find("windows-7-x64").orElseThrow(), "");
        assertEquals(Verdict.WILL_FAIL, w7.verdict());
        Finding f = w7.reasons().stream().map(r -> r.finding()).filter(x -> x.title().startsWith("WaitOnAddress"))
                .findFirst().orElseThrow();
        assertEquals("target.api-too-new", f.id());
        assertEquals("WaitOnAddress needs Windows 8; Windows 7 SP1 x64 does not have it", f.title());
        assertEquals(Extent.of(0x900, 16), f.evidence().get(0).extent());
        assertEquals(Verdict.RUNS, TargetChecker.standard().check(new PeImage(c, null),
                profiles.find("windows-10-x64").orElseThrow(), "").verdict());
        // delay-loaded: it fails when first called, not at start
        ImageCore d = c.toBuilder().libraries(List.of(delayed)).build();
        TargetVerdict dv = TargetChecker.standard().check(new PeImage(d, null), profiles.find("windows-7-x64").orElseThrow(), "");
        assertEquals(Verdict.CANNOT_TELL, dv.verdict(), dv.reasons().toString());
    }

    @Test
    void muslLoaderOnAGlibcDistributionWillFail() {
        ImageCore c = elfExe(Arch.X86_64).linkage(new Linkage(true, "/lib/ld-musl-x86_64.so.1", LibcFlavor.MUSL, ""))
                .libraries(List.of(Library.of("libc.musl-x86_64.so.1", LibraryKind.NEEDED, Extent.of(0x2000, 8)))).build();
        TargetVerdict v = TargetChecker.standard().check(new ElfImage(c, null), profiles.find("debian-12-amd64").orElseThrow(), "");
        assertEquals(Verdict.WILL_FAIL, v.verdict());
        assertEquals("target.libc-mismatch", v.reasons().get(0).finding().id());
        assertEquals(Verdict.RUNS, TargetChecker.standard().check(new ElfImage(c, null),
                profiles.find("alpine-3.19-amd64").orElseThrow(), "").verdict());
    }

    @Test
    void cgoInAGoBinaryIsFlaggedWithItsEvidence() {
        ImageCore c = glibcDynamic(elfExe(Arch.ARM64), "GLIBC_2.17").kind(BinaryKind.EXECUTABLE)
                .go(go(true, "CGO_ENABLED", "1", "GOOS", "linux", "GOARCH", "arm64", "-trimpath", "true")).build();
        List<Finding> fs = run(new ElfImage(c, null));
        Finding cgo = fs.stream().filter(f -> f.id().equals("go.cgo-enabled")).findFirst().orElseThrow();
        assertEquals("CGO_ENABLED=0 GOOS=linux GOARCH=arm64 go build -trimpath .", cgo.fix());
        assertTrue(ids(fs).contains("go.cgo-resolver"));
        assertTrue(!ids(fs).contains("elf.no-pie"), "Go's own ET_EXEC is not flagged");
        ImageCore pure = elfExe(Arch.ARM64).kind(BinaryKind.EXECUTABLE)
                .go(go(false, "CGO_ENABLED", "0", "GOOS", "linux", "GOARCH", "arm64", "-trimpath", "true")).build();
        assertEquals(List.of("go.min-os"), ids(run(new ElfImage(pure, null))));
    }

    @Test
    void buildInfoDisagreeingWithTheHeader() {
        ImageCore c = elfExe(Arch.X86_64).go(go(false, "GOOS", "linux", "GOARCH", "arm64", "-trimpath", "true")).build();
        assertTrue(ids(run(new ElfImage(c, null))).contains("go.buildinfo-header-mismatch"));
    }

    @Test
    void linuxGoBinaryOnFreeBsdIsAnotherOs() {
        ImageCore c = elfExe(Arch.X86_64).kind(BinaryKind.EXECUTABLE)
                .go(go(false, "GOOS", "linux", "GOARCH", "amd64", "-trimpath", "true")).build();
        TargetVerdict v = TargetChecker.standard().check(new ElfImage(c, null), profiles.find("freebsd-14-amd64").orElseThrow(), "");
        assertEquals(Verdict.WILL_FAIL, v.verdict());
        assertEquals("target.os-mismatch", v.reasons().get(0).finding().id());
    }

    @Test
    void goMinimumOsAgainstWindows7() {
        ImageCore c = ImageCore.builder(BinaryFormat.PE).arch(Arch.X86_64).bits(64).os(TargetOs.WINDOWS)
                .kind(BinaryKind.EXECUTABLE).go(go(false, "GOOS", "windows", "GOARCH", "amd64", "-trimpath", "true")).build();
        TargetChecker tc = TargetChecker.standard();
        TargetVerdict w7 = tc.check(new PeImage(c, null), profiles.find("windows-7-x64").orElseThrow(), "");
        assertEquals(Verdict.WILL_FAIL, w7.verdict());
        assertEquals("target.go-min-os", w7.reasons().get(0).finding().id());
        assertEquals(Verdict.RUNS, tc.check(new PeImage(c, null), profiles.find("windows-10-x64").orElseThrow(), "").verdict());
    }

    @Test
    void x86OnlySymbolInArm64() {
        ImageCore arm = ImageCore.builder(BinaryFormat.ELF).arch(Arch.ARM64).kind(BinaryKind.OBJECT)
                .symbols(List.of(undef("OPENSSL_ia32cap_P", null, 0x200))).build();
        assertEquals(List.of("arch.x86-only-symbols"), ids(run(new ElfImage(arm, null))));
        ImageCore x86 = ImageCore.builder(BinaryFormat.ELF).arch(Arch.X86_64).kind(BinaryKind.OBJECT)
                .symbols(List.of(defined("OPENSSL_ia32cap_P"))).build();
        assertTrue(run(new ElfImage(x86, null)).isEmpty());
    }

    @Test
    void archiveWithMixedMembersNamesEachMember() {
        ImageCore x86 = ImageCore.builder(BinaryFormat.ELF).arch(Arch.X86_64).kind(BinaryKind.OBJECT)
                .symbols(List.of(defined("OPENSSL_ia32cap_P"))).build();
        ImageCore macho = ImageCore.builder(BinaryFormat.MACHO).arch(Arch.ARM64).kind(BinaryKind.OBJECT).build();
        ImageCore arch = ImageCore.builder(BinaryFormat.ARCHIVE).arch(Arch.MULTI).kind(BinaryKind.ARCHIVE).build();
        ArchiveImage a = new ArchiveImage(arch, "GNU", List.of(
                new ArchiveMember("cpuid.o", 100, 0, 0, 0, 0644, new ElfImage(x86, null), null, List.of(), Extent.of(8, 60), Extent.of(68, 100)),
                new ArchiveMember("aes.o", 100, 0, 0, 0, 0644, new MachOImage(macho, null), null, List.of(), Extent.of(168, 60), Extent.of(228, 100))));
        Finding f = run(a).get(0);
        assertEquals("archive.mixed-members", f.id());
        assertEquals(List.of("cpuid.o", "aes.o"), f.evidence().stream().map(e -> e.label()).toList());
        ArchiveImage same = new ArchiveImage(arch, "GNU", List.of(a.members().get(0)));
        assertTrue(run(same).isEmpty());
    }

    @Test
    void peFlagsFromFacts() {
        ImageCore c = ImageCore.builder(BinaryFormat.PE).arch(Arch.X86_64).bits(64).kind(BinaryKind.EXECUTABLE)
                .extent(Extent.of(0, 2048)).build();
        PeFacts bad = new PeFacts(true, 2, PeFacts.NX_COMPAT, Extent.of(0xde, 2), Extent.of(0xdc, 2), 0, null, true,
                "x.pdb", true, Extent.of(0x98, 240));
        RuleContext ctx = RuleContext.of(null, new PeImage(c, null), "", null, null, null).withPe(bad);
        assertEquals(List.of("pe.no-dynamic-base", "pe.gui-subsystem"), ids(run(ctx)));
        assertEquals(Extent.of(0xde, 2), run(ctx).get(0).evidence().get(0).extent());
        PeFacts good = new PeFacts(true, 3, PeFacts.NX_COMPAT | PeFacts.DYNAMIC_BASE | PeFacts.HIGH_ENTROPY_VA,
                Extent.of(0xde, 2), Extent.of(0xdc, 2), 0, null, true, "x.pdb", true, Extent.of(0x98, 240));
        assertTrue(run(ctx.withPe(good)).isEmpty());
        PeFacts noHeva = new PeFacts(true, 3, PeFacts.NX_COMPAT | PeFacts.DYNAMIC_BASE, null, null, 0, null, true,
                "x.pdb", true, null);
        assertEquals(List.of("pe.no-high-entropy-va"), ids(run(ctx.withPe(noHeva))));
    }

    @Test
    void stdcallDecoratedImports() {
        ImageCore c = ImageCore.builder(BinaryFormat.PE).arch(Arch.X86).bits(32).kind(BinaryKind.EXECUTABLE)
                .libraries(List.of(new Library("foo.dll", LibraryKind.IMPORT, List.of(
                        new ImportedSymbol("_FooInit@12", -1, 0, null, false, Extent.of(0x900, 14))), null, null,
                        Extent.of(0x800, 20)))).build();
        PeFacts f = new PeFacts(false, 3, 0x140, null, null, 0, null, true, "a.pdb", true, null);
        RuleContext ctx = RuleContext.of(null, new PeImage(c, null), "", null, null, null).withPe(f);
        assertEquals(List.of("pe.pe32", "pe.stdcall-imports"), ids(run(ctx)));
    }

    @Test
    void unsignedArm64MachOIsKilledOnAppleSilicon() {
        ImageCore c = ImageCore.builder(BinaryFormat.MACHO).arch(Arch.ARM64).bits(64).os(TargetOs.MACOS)
                .kind(BinaryKind.EXECUTABLE).build();
        MachOFacts unsigned = new MachOFacts("13.0", "macos", Extent.of(0x300, 24), false, null);
        RuleContext ctx = RuleContext.of(null, new MachOImage(c, null), "", null, null, null).withMachO(unsigned);
        assertEquals(List.of("macho.arm64-unsigned", "macho.min-os"), ids(run(ctx)));
        TargetVerdict v = TargetChecker.standard().check(ctx, profiles.find("macos-11-arm64").orElseThrow());
        assertEquals(Verdict.WILL_FAIL, v.verdict());
        assertEquals(List.of("target.macos-too-old", "target.unsigned-arm64"),
                v.reasons().stream().map(r -> r.finding().id()).toList());
        MachOFacts signed = new MachOFacts("11.0", "macos", Extent.of(0x300, 24), true, null);
        assertEquals(Verdict.RUNS, TargetChecker.standard().check(ctx.withMachO(signed),
                profiles.find("macos-14-arm64").orElseThrow()).verdict());
    }

    @Test
    void staticBinaryWithUndefinedSymbol() {
        Symbol missing = new Symbol(5, "crosslens_missing", null, 0, 0, SymbolTable.SYMTAB, SymbolBinding.GLOBAL,
                SymbolType.NOTYPE, "DEFAULT", "UND", false, null, null, 0x10, Extent.of(0x700, 24));
        ImageCore c = elfExe(Arch.X86_64).symbols(List.of(missing)).build();
        assertEquals(List.of("elf.static-undefined"), ids(run(new ElfImage(c, null))));
    }

    @Test
    void elfHardeningRules() {
        ImageCore exec = glibcDynamic(elfExe(Arch.X86_64)).kind(BinaryKind.EXECUTABLE)
                .segments(List.of(seg("INTERP", Permissions.NONE), seg("GNU_STACK", new Permissions(true, true, true))))
                .rpaths(List.of("/home/ci/build/lib:$ORIGIN/../lib:/usr/lib/x86_64-linux-gnu")).build();
        List<String> got = ids(run(new ElfImage(exec, null)));
        assertEquals(List.of("elf.no-pie", "elf.execstack", "elf.no-relro", "elf.rpath-absolute"), got);
    }

    @Test
    void intentDisagreements() {
        ImageCore c = glibcDynamic(elfExe(Arch.X86_64)).os(TargetOs.LINUX).build();
        BuildIntent intent = BuildIntents.parse("GOOS=linux,GOARCH=arm64,CGO=0,static");
        RuleContext ctx = RuleContext.of(null, new ElfImage(c, null), "", null, intent, null);
        assertEquals(List.of("intent.goarch", "intent.static"), ids(run(ctx)));
        assertTrue(run(ctx.withIntent(BuildIntents.parse("GOOS=linux,GOARCH=amd64,dynamic"))).isEmpty());
    }

    @Test
    void everyRuleHasIdSeverityExplanationAndFix() {
        for (RuleInfo r : Rules.catalogue()) {
            assertTrue(r.id().matches("[a-z0-9]+\\.[a-z0-9-]+"), r.id());
            assertTrue(!r.description().isEmpty() && !r.fix().isEmpty(), r.id());
        }
        assertEquals(Rules.catalogue().size(), Rules.catalogue().stream().map(RuleInfo::id).distinct().count());
        assertTrue(Severity.ERROR.atLeast(Severity.WARNING));
    }
}
