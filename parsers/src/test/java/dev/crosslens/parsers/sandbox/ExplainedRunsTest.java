package dev.crosslens.parsers.sandbox;

import dev.crosslens.model.trace.RunLimits;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSource;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real runs whose failures the static side explains: a missing ELF interpreter, a DLL Wine cannot load. */
class ExplainedRunsTest {
    @Test
    void missingInterpreterOfANativeProgramIsExplained() throws Exception {
        SandboxAssumptions.need("strace", "strace");
        SandboxAssumptions.need("bwrap", "bubblewrap");
        Assumptions.assumeFalse(Files.exists(Path.of("/lib/ld-musl-x86_64.so.1")), "musl is installed here");
        Path hello = Fixtures.file("resolve-elf", "hello-musl-interp");
        RecordingListener l = ProbeRunsTest.run(RunRequest.of(hello, List.of()));
        TraceEvent exec = ProbeRunsTest.find(l.events(), "the program's failed execve", e -> e.name().equals("execve")
                && "ENOENT".equals(e.errno()));
        assertTrue(exec.note().contains("PT_INTERP names /lib/ld-musl-x86_64.so.1"), exec.note());
        assertTrue(exec.note().contains("target.libc-mismatch"), exec.note());
        assertTrue(exec.origin().equals("hello-musl-interp"), exec.origin());
    }

    @Test
    void dllWineCannotLoadIsStatusDllNotFoundForThatDll() throws Exception {
        SandboxAssumptions.needWine();
        Path app = Fixtures.file("resolve-pe", "app.exe");
        // without plugin.dll beside it
        RecordingListener l = ProbeRunsTest.run(RunRequest.of(app, List.of())
                .withLimits(RunLimits.defaults().withTimeoutMillis(60_000)));
        List<TraceEvent> es = l.events();
        TraceEvent missing = ProbeRunsTest.find(es, "import_dll plugin.dll not found", e -> e.name().equals("import_dll")
                && e.argument(0).equalsIgnoreCase("plugin.dll"));
        assertTrue(missing.note().contains("the import descriptor for plugin.dll"), missing.note());
        TraceEvent status = ProbeRunsTest.find(es, "LdrInitializeThunk c0000135", e -> e.name().equals("LdrInitializeThunk"));
        assertTrue(status.note().contains("STATUS_DLL_NOT_FOUND (c0000135): plugin.dll could not be loaded"),
                status.note());
        assertNoElfWording(es);
    }

    @Test
    void unimplementedFunctionPointsAtTheImportAndTheResolution() throws Exception {
        SandboxAssumptions.needWine();
        Path app = Fixtures.file("resolve-pe", "app.exe");
        Path plugin = Fixtures.file("resolve-pe", "plugin.dll"); // v2: without plugin_run
        RecordingListener l = ProbeRunsTest.run(new RunRequest(app, List.of(), java.util.Map.of(), List.of(plugin),
                RunnerKind.AUTO, java.util.Set.of(), RunLimits.defaults().withTimeoutMillis(60_000), true, null, null,
                false));
        List<TraceEvent> es = l.events();
        TraceEvent u = ProbeRunsTest.find(es, "unimplemented_function plugin_run", e -> e.name().equals(
                "unimplemented_function") && e.argument(1).equals("plugin_run"));
        assertTrue(u.note().contains("import descriptor for plugin.dll"), u.note());
        assertTrue(u.note().contains("plugin_run is not exported by plugin.dll"), u.note());
        assertTrue(l.stderr.toString().contains("unimplemented function plugin.dll.plugin_run"), "still in stderr");
        assertNoElfWording(es);
        // Wine's debugger is not started for the crash (it would show as one more process of the program)
        assertTrue(es.stream().noneMatch(e -> e.source() == TraceSource.WINDOWS_API
                && e.risk().compareTo(dev.crosslens.model.trace.RiskLevel.MEDIUM) >= 0
                && e.arguments().toString().contains("winedbg")), "winedbg rated as the program's act");
    }

    /** Wine's DLL search probes are not explained in ELF terms. */
    static void assertNoElfWording(List<TraceEvent> es) {
        List<TraceEvent> elf = es.stream().filter(e -> e.note().contains("NEEDED") || e.note().contains("dynamic section"))
                .toList();
        assertTrue(elf.isEmpty(), "ELF wording on a PE run: " + elf);
    }
}
