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
    }
}
