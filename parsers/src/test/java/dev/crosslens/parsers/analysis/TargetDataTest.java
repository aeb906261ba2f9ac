package dev.crosslens.parsers.analysis;

import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.finding.BuildIntent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled data: target profiles, the Go minimum-OS table, intents. */
class TargetDataTest {
    @Test
    void profilesLoadWithTheirGlibcVersions() {
        TargetProfiles p = TargetProfiles.bundled();
        assertEquals("2.31", p.find("debian-11-amd64").orElseThrow().libcVersion());
        assertEquals("2.36", p.find("debian-12-arm64").orElseThrow().libcVersion());
        assertEquals("2.31", p.find("ubuntu-20.04-amd64").orElseThrow().libcVersion());
        assertEquals("2.35", p.find("ubuntu-22.04-arm64").orElseThrow().libcVersion());
        assertEquals("2.39", p.find("ubuntu-24.04-amd64").orElseThrow().libcVersion());
        assertEquals(LibcFlavor.MUSL, p.find("alpine-3.19-armv7").orElseThrow().libc());
        assertEquals(LibcFlavor.NONE, p.find("distroless-static-amd64").orElseThrow().libc());
        for (String id : new String[]{"raspios-12-armhf", "raspios-12-arm64", "windows-7-x64", "windows-10-arm64",
                "windows-11-arm64", "wine64-only-x64", "macos-10.15-x86_64", "macos-11-arm64", "macos-14-arm64",
                "freebsd-14-amd64", "openbsd-7.5-amd64"}) {
            assertTrue(p.find(id).isPresent(), id);
            assertFalse(p.find(id).orElseThrow().sources().isEmpty(), id + " names its sources");
        }
        assertTrue(p.find("windows-10-x64").orElseThrow().hasBaseLibrary("KERNEL32.dll"));
        assertTrue(p.find("windows-10-x64").orElseThrow().hasBaseLibrary("api-ms-win-crt-heap-l1-1-0.dll"));
        assertFalse(p.find("windows-7-x64").orElseThrow().hasBaseLibrary("api-ms-win-crt-heap-l1-1-0.dll"));
        assertFalse(p.find("windows-10-x64").orElseThrow().hasBaseLibrary("VCRUNTIME140.dll"));
    }

    /** Every glibc profile states its libstdc++ (GLIBCXX_ and CXXABI_), so the libstdc++ floor is compared on each. */
    @Test
    void everyGlibcProfileStatesItsLibstdcxx() {
        for (TargetProfile t : TargetProfiles.bundled().all()) {
            if (t.libc() != LibcFlavor.GLIBC) continue;
            assertTrue(t.glibcxx() != null && t.glibcxx().matches("3\\.4\\.\\d+"), t.id() + " glibcxx " + t.glibcxx());
            assertTrue(t.cxxabi() != null && t.cxxabi().matches("1\\.3\\.\\d+"), t.id() + " cxxabi " + t.cxxabi());
            assertTrue(t.sources().stream().anyMatch(s -> s.contains("libstdc++")), t.id() + " names where it comes from");
        }
        assertEquals("3.4.28", TargetProfiles.bundled().find("ubuntu-20.04-arm64").orElseThrow().glibcxx());
        assertEquals("1.3.15", TargetProfiles.bundled().find("ubuntu-24.04-amd64").orElseThrow().cxxabi());
    }

    @Test
    void armv6AndContainerCompatibility() {
        TargetProfiles p = TargetProfiles.bundled();
        assertEquals(6, p.find("raspios-12-armv6").orElseThrow().armVersion());
        assertEquals(7, p.find("raspios-12-armhf").orElseThrow().armVersion());
        // every amd64 Linux profile, containers included, runs static i386 the same way
        for (TargetProfile t : p.all()) {
            if (t.os() != dev.crosslens.model.TargetOs.LINUX || t.arch() != dev.crosslens.model.Arch.X86_64) continue;
            TargetProfile.ArchCompat c = t.compat(dev.crosslens.model.Arch.X86);
            assertTrue(c != null && c.staticOnly() && c.condition() == null, t.id() + " alsoRuns 386");
        }
        assertEquals("v2", p.find("macos-14-arm64").orElseThrow().compat(dev.crosslens.model.Arch.X86_64).goamd64());
    }

    @Test
    void windowsApiFloorsAndTheWindows7ApiSets() {
        TargetProfile w7 = TargetProfiles.bundled().find("windows-7-x64").orElseThrow();
        assertFalse(w7.baseLibraries().contains("api-ms-win-core-*.dll"));
        assertEquals(35, w7.baseLibraries().stream().filter(l -> l.startsWith("api-ms-win-")).count());
        assertTrue(w7.hasBaseLibrary("API-MS-Win-Core-Synch-L1-1-0.dll"));
        assertFalse(w7.hasBaseLibrary("api-ms-win-core-synch-l1-2-0.dll"));
        assertEquals("6.2", w7.apiFloor("KERNEL32.dll", "WaitOnAddress").minVersion());
        assertEquals("6.2", w7.apiFloor("api-ms-win-core-synch-l1-2-0.dll", null).minVersion());
        assertEquals("Windows 8", w7.apiFloor("bcryptprimitives.dll", "ProcessPrng").label());
        for (TargetProfile.ApiFloor f : w7.apiFloors()) {
            assertTrue(f.source().contains("https://"), f.toString());
        }
        assertNull(w7.apiFloor("kernel32.dll", "CreateFileW"));
    }

    @Test
    void goFloors() {
        GoMinOs t = GoMinOs.bundled();
        assertEquals("10.0", t.floor("go1.21.0", "windows").minVersion());
        assertEquals("6.1", t.floor("go1.20.4", "windows").minVersion());
        assertEquals("10.15", t.floor("go1.22.3", "darwin").minVersion());
        assertEquals("11", t.floor("go1.23.0", "darwin").minVersion());
        assertEquals("12", t.floor("go1.26.1", "darwin").minVersion());
        assertEquals("3.2", t.floor("go1.24", "linux").minVersion());
        assertEquals("2.6.32", t.floor("go1.23.4", "linux").minVersion());
        assertNull(t.floor("go1.10", "windows"));
        for (GoMinOs.Row r : t.rows()) assertTrue(r.source().startsWith("https://go.dev/"), r.toString());
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(Versions.compare("GLIBC_2.34", "2.4") > 0);
        assertTrue(Versions.compare("10.15", "11") < 0);
        assertEquals(0, Versions.compare("11.0", "11"));
        assertEquals("1.21", Versions.goMinor("go1.21rc2"));
    }

    @Test
    void intentsParse() {
        BuildIntent i = BuildIntents.parse("GOOS=linux,GOARCH=arm64,CGO=0,static");
        assertEquals(new BuildIntent("linux", "arm64", null, null, false, true), i);
        assertEquals("GOOS=linux,GOARCH=arm64,CGO=0,static", i.label());
        assertThrows(IllegalArgumentException.class, () -> BuildIntents.parse("GOOS"));
        assertThrows(IllegalArgumentException.class, () -> BuildIntents.parse("GOAMD64=v9"));
        assertThrows(IllegalArgumentException.class, () -> BuildIntents.parse("FOO=1"));
        assertThrows(IllegalArgumentException.class, () -> BuildIntents.parse("GOARM=99999999999"));
    }
}
