package dev.crosslens.parsers.go;

import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.model.go.GoFacts;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.model.go.GoModule;
import dev.crosslens.model.go.GoSetting;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The go-variants fixture, one row per build: build info must equal what {@code go version -m} prints for the
 * same file, and the Go facts must be the hand-stated ones.
 */
class GoVariantsTest {

    /**
     * @param buildMode expected build mode through the facade. Go 1.19 records no -buildmode, so it is inferred
     *                  from the image kind: darwin/arm64 executables are PIE (Go's default there)
     * @param viaToolchain whether {@code go version -m} can read the file (it refuses non-executables)
     */
    record Variant(String file, boolean cgo, String net, String osUser, boolean tzdata, String buildMode,
                   boolean trimpath, String goos, boolean viaToolchain) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Variant> variants() {
        return Stream.of(
                new Variant("plain", false, "go", "go", false, "exe", false, "linux", true),
                new Variant("trimpath", false, "go", "go", false, "exe", true, "linux", true),
                new Variant("stripped", false, "go", "go", false, "exe", false, "linux", true),
                new Variant("tzdata", false, "go", "go", true, "exe", false, "linux", true),
                new Variant("nobuildid", false, "go", "go", false, "exe", false, "linux", true),
                new Variant("pie", false, "go", "go", false, "pie", false, "linux", true),
                new Variant("netgo", false, "go", "go", false, "exe", false, "linux", true),
                new Variant("cgo", true, "cgo", "cgo", false, "exe", false, "linux", true),
                new Variant("cshared.so", true, "none", "none", false, "c-shared", false, "linux", false),
                new Variant("windows-amd64.exe", false, "go", "go", false, "exe", false, "windows", true),
                new Variant("darwin-arm64", false, "go", "go", false, "pie", true, "darwin", true));
    }

    private static Path file(Variant v) {
        return Fixtures.file("go-variants", v.file());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void buildInfoMatchesGoVersionM(Variant v) {
        GoInfo go = GoFixtureImages.bare(file(v)).go();
        assertNotNull(go, "no Go found");
        GoBuildInfo bi = go.buildInfo();
        assertNotNull(bi, "no build info");
        assertEquals("inline", bi.layout());
        assertEquals(v.goos(), bi.setting("GOOS"));
        assertEquals(v.trimpath(), bi.trimpath());
        // under -trimpath the go command leaves -ldflags out: the model says "not recorded", never "none"
        assertEquals(v.trimpath() ? List.of("-ldflags") : List.of(),
                bi.unrecorded().stream().map(u -> u.key()).toList());
        if (v.trimpath()) assertEquals(GoBuildInfo.LDFLAGS_UNDER_TRIMPATH, bi.unrecordedReason("-ldflags"));
        assertEquals("example.com/dep", bi.deps().get(0).path());
        GoModule rep = bi.deps().get(0).replacement();
        assertNotNull(rep, "the replace directive");
        assertEquals("./dep", rep.path());
        if (!v.viaToolchain()) {
            assertEquals(go.version(), toolchainVersion());
            return;
        }
        List<String> expected = GoFixtureImages.go("version", "-m", file(v).toString());
        assertEquals(expected.get(0).substring(expected.get(0).indexOf(": ") + 2), go.version());
        assertEquals(toolchainLines(expected), lines(bi));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void factsFromTheFunctionTable(Variant v) {
        GoInfo go = GoFixtureImages.bare(file(v)).go();
        assertNotNull(go);
        GoFacts f = go.facts();
        assertEquals(v.cgo(), f.cgo(), "cgo " + f.evidence());
        assertEquals(v.net(), f.netResolver(), "net " + f.evidence());
        assertEquals(v.osUser(), f.osUser(), "os/user " + f.evidence());
        assertEquals(v.tzdata(), f.tzdataEmbedded(), "tzdata " + f.evidence());
        assertEquals(!v.file().equals("cshared.so"), f.usesTimeZones(), "time.LoadLocation " + f.evidence());
        assertNotNull(go.pclntab());
        assertEquals("go1.18", go.pclntab().layout(), "Go 1.19 writes the 1.18 layout");
        assertTrue(go.pclntab().functionsPerPackage().getOrDefault("example.com/dep", 0) >= 1);
        assertTrue(go.pclntab().functionsPerPackage().getOrDefault("runtime", 0) > 100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void throughTheFacade(Variant v) {
        ImageCore core = GoFixtureImages.facade(file(v));
        GoInfo go = core.go();
        assertNotNull(go);
        assertEquals(v.buildMode(), go.facts().buildMode(), go.facts().evidence().toString());
        assertEquals(v.cgo(), go.facts().cgo(), go.facts().evidence().toString());
        assertNotNull(go.pclntab());
        // PE has no pclntab section; PIE and c-shared ELF keep it in .data.rel.ro
        if (v.file().equals("plain") || v.file().equals("darwin-arm64") || v.file().equals("cgo")) {
            assertTrue(go.pclntab().foundBy().startsWith("section "), go.pclntab().foundBy());
        }
        assertTrue(core.symbols().stream().anyMatch(s -> s.table() == SymbolTable.GO_PCLNTAB
                && s.name().equals("runtime.main")));
    }

    /** Function addresses must equal {@code go tool nm}'s for the symbols both list. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void functionAddressesMatchGoToolNm(Variant v) {
        if (v.file().equals("stripped")) return; // no symbol table for nm to read
        ImageCore core = GoFixtureImages.bare(file(v));
        // assembly functions are listed twice (ABI0 and its ABIInternal wrapper): any of a name's entries counts
        Map<String, Set<Long>> ours = new HashMap<>();
        for (Symbol s : core.symbols()) {
            if (s.table() == SymbolTable.GO_PCLNTAB) ours.computeIfAbsent(s.name(), k -> new HashSet<>()).add(s.value());
        }
        int compared = 0;
        List<String> wrong = new ArrayList<>();
        for (String line : GoFixtureImages.go("tool", "nm", file(v).toString())) {
            String[] f = line.trim().split("\\s+", 3);
            if (f.length != 3 || !(f[1].equals("T") || f[1].equals("t"))) continue;
            Set<Long> values = ours.get(f[2]);
            if (values == null) continue;
            compared++;
            if (!values.contains(Long.parseUnsignedLong(f[0], 16))) wrong.add(f[2] + " nm " + f[0] + " ours " + values);
        }
        assertTrue(compared > 500, "compared only " + compared);
        assertTrue(wrong.isEmpty(), wrong.size() + " addresses differ, e.g. " + wrong.subList(0, Math.min(5, wrong.size())));
    }

    private static String toolchainVersion() {
        String v = GoFixtureImages.go("env", "GOVERSION").get(0).trim();
        assertFalse(v.isEmpty());
        return v;
    }

    /** The tab-indented lines of {@code go version -m} after the first, blank lines dropped, values unquoted. */
    private static List<String> toolchainLines(List<String> out) {
        List<String> lines = new ArrayList<>();
        for (String l : out.subList(1, out.size())) {
            String t = l.strip();
            if (t.isEmpty()) continue;
            if (t.startsWith("build\t")) {
                int eq = t.indexOf('=');
                String value = t.substring(eq + 1);
                if (value.startsWith("\"")) {
                    value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                }
                t = t.substring(0, eq + 1) + value;
            }
            lines.add(t);
        }
        return lines;
    }

    private static List<String> lines(GoBuildInfo bi) {
        List<String> out = new ArrayList<>();
        out.add("path\t" + bi.path());
        out.add(module("mod", bi.main()));
        for (GoModule d : bi.deps()) {
            out.add(module("dep", d));
            if (d.replacement() != null) out.add(module("=>", d.replacement()));
        }
        for (GoSetting s : bi.settings()) out.add("build\t" + s.key() + "=" + s.value());
        return out;
    }

    private static String module(String kind, GoModule m) {
        return (kind + "\t" + m.path() + "\t" + m.version() + (m.sum().isEmpty() ? "" : "\t" + m.sum())).strip();
    }
}
