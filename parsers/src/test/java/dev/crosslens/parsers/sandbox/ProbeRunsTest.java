package dev.crosslens.parsers.sandbox;

import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.RunLimits;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSession;
import dev.crosslens.model.trace.TraceSource;
import dev.crosslens.parsers.testing.Fixtures;
import dev.crosslens.parsers.trace.TraceFacts;
import dev.crosslens.parsers.trace.TraceSessionReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Real runs of the sandbox-probe fixture: native strace, QEMU user mode, wine; all isolated by bubblewrap. */
class ProbeRunsTest {
    @TempDir
    Path tmp;

    static Path probe(String name) {
        return Fixtures.file("sandbox-probe", name);
    }

    /** A loopback port nobody listens on: bound then closed (and inside the sandbox nothing listens at all). */
    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static RecordingListener run(RunRequest req) throws Exception {
        RecordingListener l = new RecordingListener();
        SandboxRun run = new Sandbox().start(req, l);
        if (!run.await(90, TimeUnit.SECONDS)) {
            run.stop();
            fail("run did not end within 90 s");
        }
        return l;
    }

    static TraceEvent find(List<TraceEvent> es, String what, Predicate<TraceEvent> p) {
        return es.stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("no " + what + " in "
                + es.size() + " events"));
    }

    @Test
    void nativeProbeShowsFileConnectAndChild() throws Exception {
        SandboxAssumptions.need("strace", "strace");
        SandboxAssumptions.need("bwrap", "bubblewrap");
        int port = closedPort();
        Path rec = tmp.resolve("native.jsonl");
        RecordingListener l = run(RunRequest.of(probe("probe-linux-amd64"), List.of("probe", "" + port))
                .withRecord(rec));
        assertTrue(l.stdout.toString().contains("write: ok"), l.stdout.toString());
        assertTrue(l.stdout.toString().contains("connection refused"), l.stdout.toString());
        List<TraceEvent> es = l.events();
        TraceEvent create = find(es, "openat O_CREAT of probe-out.txt", e -> e.name().equals("openat")
                && "probe-out.txt".equals(TraceFacts.baseName(TraceFacts.path(e))) && e.argument(2).contains("O_CREAT"));
        assertEquals("CreateFileW(CREATE_ALWAYS/OPEN_ALWAYS)", create.windowsApi());
        assertEquals(RiskLevel.MEDIUM, create.risk());
        TraceEvent connect = find(es, "connect to 127.0.0.1:" + port, e -> e.name().equals("connect")
                && ("127.0.0.1:" + port).equals(TraceFacts.endpoint(e)));
        assertEquals(RiskLevel.HIGH, connect.risk());
        assertEquals("WSAConnect / connect", connect.windowsApi());
        // two processes (the probe and its child), whatever their threads
        java.util.Set<Integer> pids = new java.util.TreeSet<>();
        for (TraceEvent e : es) pids.add(e.pid());
        assertEquals(2, pids.size(), "processes " + pids);
        assertTrue(es.stream().map(TraceEvent::tid).distinct().count() > 2, "threads are still told apart by tid");
        dev.crosslens.parsers.trace.TraceStatistics st = new dev.crosslens.parsers.trace.TraceStatistics();
        st.addAll(es);
        assertEquals(2, st.processes().size(), st.processes().toString());
        assertEquals(1, st.spawned().size(), "only the child is a started process: " + st.spawned());
        TraceEvent exec = find(es, "execve of the child", e -> e.name().equals("execve")
                && e.arguments().toString().contains("\"child\""));
        assertEquals("CreateProcessW", exec.windowsApi());
        find(es, "unlink", e -> e.name().equals("unlinkat") && "DeleteFileW / RemoveDirectoryW".equals(e.windowsApi()));
        SessionFooter f = l.footer;
        assertEquals(0, f.exitCode());
        TraceSession s = new TraceSessionReader().read(rec);
        assertTrue(s.complete(), "recorded session complete: " + s.brokenAt());
        assertEquals(es.size(), s.events().size());
        assertTrue(s.header().isolated());
        assertEquals(64, s.header().binarySha256().length());
    }

    /** Output and events share one clock: the stderr line arrives after (and soon after) the write that made it. */
    @Test
    void outputAndEventsHaveOneTimeOrigin() throws Exception {
        SandboxAssumptions.need("strace", "strace");
        SandboxAssumptions.need("bwrap", "bubblewrap");
        RecordingListener l = run(RunRequest.of(probe("probe-linux-amd64"), List.of("probe", "" + closedPort())));
        TraceEvent write = find(l.events(), "write(2, \"probe: done\")", e -> e.name().equals("write")
                && e.argument(0).startsWith("2") && e.argument(1).contains("probe: done"));
        dev.crosslens.model.trace.OutputChunk chunk = l.chunks.stream()
                .filter(c -> c.stream() == dev.crosslens.model.trace.OutputChunk.Stream.STDERR
                        && c.text().contains("probe: done")).findFirst().orElseThrow();
        long lag = chunk.timeMicros() - write.timeMicros();
        // strace's clock prints microseconds, the session origin is taken to the microsecond: allow 1 ms
        assertTrue(lag >= -1000, "stderr chunk at " + chunk.timeMicros() + " µs, its write at " + write.timeMicros()
                + " µs: the output is stamped before the call that wrote it");
        assertTrue(lag < 2_000_000, "stderr chunk " + lag + " µs after its write");
        assertTrue(write.timeMicros() < 5_000_000, "events count from the run's start: " + write.timeMicros());
    }

    @Test
    void qemuProbeShowsGuestCallsAndEmulatorLimit() throws Exception {
        SandboxAssumptions.need("strace", "strace");
        SandboxAssumptions.need("bwrap", "bubblewrap");
        SandboxAssumptions.need("qemu-aarch64-static", "qemu-user-static");
        int port = closedPort();
        RecordingListener l = run(RunRequest.of(probe("probe-linux-arm64"), List.of("probe", "" + port)));
        List<TraceEvent> es = l.events();
        assertTrue(l.stdout.toString().contains("exec format error"), l.stdout.toString());
        find(es, "openat O_CREAT", e -> e.name().equals("openat") && e.source() == TraceSource.SYSCALL
                && "probe-out.txt".equals(TraceFacts.baseName(TraceFacts.path(e))) && e.argument(2).contains("O_CREAT"));
        TraceEvent connect = find(es, "connect", e -> ("127.0.0.1:" + port).equals(TraceFacts.endpoint(e)));
        assertEquals(RiskLevel.HIGH, connect.risk());
        TraceEvent exec = find(es, "failed exec of the foreign child", e -> e.name().equals("execve")
                && "ENOEXEC".equals(e.errno()));
        assertTrue(exec.note().contains("emulator limit"), exec.note());
        assertTrue(es.stream().anyMatch(e -> e.source() == TraceSource.EMULATOR), "QEMU start-up labelled EMULATOR");
        assertTrue(es.stream().noneMatch(e -> String.valueOf(TraceFacts.path(e)).startsWith("/etc/qemu-binfmt")));
    }

    @Test
    void qemuGuestStraceMode() throws Exception {
        SandboxAssumptions.need("bwrap", "bubblewrap");
        SandboxAssumptions.need("qemu-aarch64-static", "qemu-user-static");
        int port = closedPort();
        RecordingListener l = run(RunRequest.of(probe("probe-linux-arm64"), List.of("probe", "" + port))
                .withGuestStrace(true));
        List<TraceEvent> es = l.events();
        find(es, "guest openat", e -> e.name().equals("openat") && e.argument(1).contains("probe-out.txt"));
        TraceEvent c = find(es, "guest connect", e -> e.name().equals("connect"));
        assertTrue(c.result() != null, "its result (QEMU prints it on the line, or on the next bare result line)");
        assertTrue(c.note().contains("pointer"), "QEMU 7.2 prints connect's address as a pointer: said so");
        TraceEvent exec = find(es, "guest execve of the child", e -> e.name().equals("execve")
                && "ENOEXEC".equals(e.errno()));
        assertTrue(exec.note().contains("emulator limit"), exec.note());
        assertTrue(l.stdout.toString().contains("connection refused"), l.stdout.toString());
        // QEMU's log is its own file: none of it is the program's stderr
        String err = l.stderr.toString();
        assertEquals("probe: done\n", err, "the program's stderr, and nothing of QEMU's -strace");
    }

    @Test
    void qemuInternalsAfterStartUpAreTheEmulators() throws Exception {
        SandboxAssumptions.need("strace", "strace");
        SandboxAssumptions.need("bwrap", "bubblewrap");
        SandboxAssumptions.need("qemu-aarch64-static", "qemu-user-static");
        RecordingListener l = run(RunRequest.of(probe("probe-linux-arm64"), List.of("child")));
        List<TraceEvent> es = l.events();
        for (String internal : List.of("/proc/sys/vm/mmap_min_addr", "/proc/self/maps")) {
            List<TraceEvent> hits = es.stream().filter(e -> internal.equals(TraceFacts.path(e))).toList();
            assertTrue(!hits.isEmpty(), "QEMU reads " + internal);
            assertTrue(hits.stream().allMatch(e -> e.source() == TraceSource.EMULATOR), hits.toString());
        }
        assertTrue(es.stream().filter(e -> e.name().equals("rt_sigaction") && "EINVAL".equals(e.errno()))
                .allMatch(e -> e.source() == TraceSource.EMULATOR));
        // the guest's own first file access (Go's runtime) is the guest's
        TraceEvent thp = find(es, "guest reads hpage_pmd_size", e -> String.valueOf(TraceFacts.path(e))
                .endsWith("hpage_pmd_size") && e.name().equals("openat"));
        assertEquals(TraceSource.SYSCALL, thp.source());
        TraceEvent write = find(es, "guest write", e -> e.name().equals("write") && e.argument(1).contains("child: hello"));
        assertEquals(TraceSource.SYSCALL, write.source());
    }

    @Test
    void wineProbeShowsCreateFileConnectAndCreateProcess() throws Exception {
        SandboxAssumptions.needWine();
        WineTemplate template = WineTemplate.defaultLocation();
        template.ensure(new HostTools());
        Path reg = template.prefix().resolve("system.reg");
        String before = java.nio.file.Files.size(reg) + "@" + java.nio.file.Files.getLastModifiedTime(reg);
        int port = closedPort();
        Path rec = tmp.resolve("wine.jsonl");
        RecordingListener l = run(RunRequest.of(probe("probe-windows-amd64.exe"), List.of("probe", "" + port))
                .withRecord(rec).withLimits(RunLimits.defaults().withTimeoutMillis(60_000)));
        assertTrue(l.stdout.toString().contains("write: ok"), l.stdout + "\n" + l.stderr);
        List<TraceEvent> es = l.events();
        TraceEvent cf = find(es, "CreateFileW probe-out.txt", e -> e.source() == TraceSource.WINDOWS_API
                && e.name().endsWith(".CreateFileW") && e.arguments().toString().contains("probe-out.txt"));
        assertEquals(RiskLevel.LOW, cf.risk());
        TraceEvent conn = find(es, "connect to 127.0.0.1:" + port, e -> e.source() == TraceSource.WINDOWS_API
                && ("127.0.0.1:" + port).equals(TraceFacts.endpoint(e)));
        assertEquals(RiskLevel.HIGH, conn.risk());
        TraceEvent cp = find(es, "CreateProcessW", e -> e.source() == TraceSource.WINDOWS_API
                && e.name().endsWith("CreateProcessW"));
        assertEquals(RiskLevel.MEDIUM, cp.risk());
        // wineserver does the real create: traced separately, labelled by origin
        TraceEvent srv = find(es, "wineserver openat O_CREAT", e -> e.source() == TraceSource.SYSCALL
                && e.origin().startsWith("wineserver") && e.name().equals("openat")
                && String.valueOf(TraceFacts.path(e)).endsWith("probe-out.txt") && e.argument(2).contains("O_CREAT"));
        assertNotNull(srv);
        assertEquals(0, l.footer.exitCode());
        // the summary leads with the program's own risky acts, Wine's plumbing is rated below with its reason
        dev.crosslens.parsers.trace.TraceStatistics st = new dev.crosslens.parsers.trace.TraceStatistics();
        st.addAll(es);
        List<dev.crosslens.parsers.trace.TraceStatistics.RiskRow> rows = st.riskSummary();
        assertEquals(RiskLevel.HIGH, st.maxRisk(), rows.toString());
        assertTrue(rows.get(0).reason().startsWith("opens an outbound connection"), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.level() == RiskLevel.MEDIUM && r.reason().equals("runs another program")),
                rows.toString());
        for (var r : rows) {
            if (r.level().compareTo(RiskLevel.MEDIUM) >= 0) {
                assertTrue(!r.reason().contains("Wine's") && !r.reason().startsWith("wineserver attaches")
                        && !r.reason().contains("accepts incoming"), "plumbing rated as the program's: " + r);
            }
        }
        assertTrue(rows.stream().anyMatch(r -> r.level() == RiskLevel.LOW && r.reason().startsWith("Wine's loader maps")),
                rows.toString());
        assertEquals(List.of("Z:\\tmp\\run\\probe-windows-amd64.exe"), st.spawned(), "the child, once, by its CreateProcessW");
        TraceSession s = new TraceSessionReader().read(rec);
        assertTrue(s.complete());
        assertEquals("wine", s.header().runner());
        // the hard-linked template was not written through: registry replaced in the run dir, template as it was
        assertEquals(before, java.nio.file.Files.size(reg) + "@" + java.nio.file.Files.getLastModifiedTime(reg));
        assertTrue(!java.nio.file.Files.isWritable(reg) || !"root".equals(System.getProperty("user.name"))
                || java.nio.file.Files.getPosixFilePermissions(reg).stream().noneMatch(p -> p.name().endsWith("WRITE")));
    }

    @Test
    void pe32IsRefusedWithoutA32BitWine() throws Exception {
        HostTools tools = new HostTools();
        org.junit.jupiter.api.Assumptions.assumeTrue(tools.wine32().isEmpty(), "a 32-bit wine is installed here");
        SandboxException e = org.junit.jupiter.api.Assertions.assertThrows(SandboxException.class,
                () -> new Sandbox().start(RunRequest.of(probe("probe-windows-386.exe"), List.of()), new RecordingListener()));
        assertTrue(e.getMessage().contains("PE32") && e.getMessage().contains("wine32"), e.getMessage());
    }
}
