package dev.crosslens.parsers.sandbox;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Endianness;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.trace.RunLimits;
import dev.crosslens.model.trace.SessionFooter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the sandbox keeps in: network, writes outside the run dir, processes past the time limit. */
class IsolationTest {
    @Test
    void hostLoopbackListenerIsNotReachableAndNothingIsWrittenOutside() throws Exception {
        SandboxAssumptions.need("strace", "strace");
        SandboxAssumptions.need("bwrap", "bubblewrap");
        // a host path outside /tmp (inside, /tmp is the sandbox's own tmpfs): the project's target dir
        Path outside = dev.crosslens.parsers.testing.Fixtures.projectRoot().resolve("target")
                .resolve("crosslens-escape-" + ProcessHandle.current().pid());
        Files.deleteIfExists(outside);
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(200);
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket s = listener.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        // timeout or closed: look again
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            // the listener is reachable from the host itself (so a failure inside means isolation)
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                assertTrue(s.isConnected());
            }
            Thread.sleep(300);
            int before = accepted.get();
            RecordingListener l = ProbeRunsTest.run(RunRequest.of(ProbeRunsTest.probe("probe-linux-amd64"),
                    List.of("escape", outside.toString(), "127.0.0.1:" + listener.getLocalPort())));
            String out = l.stdout.toString();
            assertTrue(out.contains("write-outside: blocked"), out);
            assertTrue(out.contains("reach-host: blocked"), out);
            assertEquals(before, accepted.get(), "no connection arrived from inside the sandbox");
        }
        assertFalse(Files.exists(outside), "nothing written outside the run dir");
    }

    /**
     * The program tries every path a trace file ever had inside the sandbox (and the host's, hidden by the
     * sandbox's /tmp), then every open file of every other process it can see: nothing reaches the trace, which is
     * complete and holds no forged line.
     */
    @Test
    void programCannotForgeOrTruncateItsOwnTrace() throws Exception {
        SandboxAssumptions.need("strace", "strace");
        SandboxAssumptions.need("bwrap", "bubblewrap");
        RecordingListener l = ProbeRunsTest.run(RunRequest.of(ProbeRunsTest.probe("probe-linux-amd64"), List.of(
                "tamper", "/tmp/trace/*", "/tmp/trace/program.strace", "/tmp/trace/wineserver.strace",
                "/tmp/trace/trace.strace", "/tmp/crosslens-run-*/trace/*", "/tmp/.crosslens-log/*")));
        String out = l.stdout.toString();
        assertTrue(out.contains("tamper-fd:"), "the probe looked at the other processes' files: " + out);
        for (String line : out.split("\n")) {
            if (line.startsWith("tamper-file:") || line.startsWith("truncate-file:")) {
                assertTrue(line.contains("blocked"), line);
            }
        }
        List<dev.crosslens.model.trace.TraceEvent> es = l.events();
        assertTrue(es.stream().noneMatch(e -> e.name().equals("forged") || e.raw().contains("tampered\") = 0")),
                "no forged line in the trace");
        int main = es.get(0).pid();
        assertTrue(es.stream().anyMatch(e -> e.pid() == main && e.kind() == dev.crosslens.model.trace.EventKind.EXITED
                && "0".equals(e.result())), "the trace runs to the program's exit");
        assertTrue(es.stream().anyMatch(e -> e.name().equals("truncate") && e.argument(0).contains("program.strace")),
                "its attempts are in the trace");
        assertEquals(0, l.footer.exitCode());
    }

    /** The same under Wine, where strace attaches at gates to wineserver and the program. */
    @Test
    void wineProgramCannotForgeOrTruncateItsTrace() throws Exception {
        SandboxAssumptions.needWine();
        RecordingListener l = ProbeRunsTest.run(RunRequest.of(ProbeRunsTest.probe("probe-windows-amd64.exe"), List.of(
                "tamper-files", "/tmp/trace/program.strace", "/tmp/trace/wineserver.strace", "/tmp/trace/trace.strace"))
                .withLimits(RunLimits.defaults().withTimeoutMillis(60_000)));
        String out = l.stdout.toString();
        assertTrue(out.contains("tamper-file:"), out + l.stderr);
        for (String line : out.split("\n")) {
            if (line.startsWith("tamper-file:") || line.startsWith("truncate-file:")) {
                assertTrue(line.contains("blocked"), line);
            }
        }
        List<dev.crosslens.model.trace.TraceEvent> es = l.events();
        assertTrue(es.stream().noneMatch(e -> e.name().equals("forged") || e.raw().contains("tampered\") = 0")),
                "no forged line in the trace");
        assertTrue(es.stream().anyMatch(e -> e.origin().startsWith("wineserver")), "wineserver traced");
        assertTrue(es.stream().anyMatch(e -> e.name().endsWith("ExitProcess")), "the program's trace runs to its end");
        assertEquals(0, l.footer.exitCode(), l.footer.message());
    }

    /**
     * Without isolation: a grandchild that leaves the process group and the tree (setsid, reparented to init) and
     * ignores SIGTERM is still killed at the limit, promptly, and nothing is reported as left.
     */
    @Test
    void withoutIsolationASetsidGrandchildIsKilledPromptlyAtTheLimit() throws Exception {
        SandboxAssumptions.need("strace", "strace");
        String tag = Long.toString(90_000 + ProcessHandle.current().pid() % 9_000);
        RecordingListener l = new RecordingListener();
        long t0 = System.nanoTime();
        SandboxRun run = new Sandbox().start(new RunRequest(Path.of("/bin/sh"), List.of("-c",
                "(setsid sh -c 'trap \"\" TERM; exec sleep " + tag + "1' &); exec sleep " + tag + "2"),
                java.util.Map.of(), List.of(), RunnerKind.AUTO, java.util.Set.of(),
                RunLimits.defaults().withTimeoutMillis(1500), false, null, null, false), l);
        SessionFooter f = run.await();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(f.timedOut(), f.toString());
        assertTrue(ms < 6_000, "ended " + ms + " ms after the start (limit 1500 ms)");
        assertEquals(List.of(), running("sleep " + tag), "no sleep left");
        assertFalse(f.message().contains("could not kill"), f.message());
    }

    /**
     * Wine without isolation, as root too: the run's prefix shares no file with the template (wineserver opens the
     * registry files for writing in place), the template is as it was after a whole run (the registry is saved at
     * the server's end), and a run stopped while it sleeps leaves no Wine process of its prefix behind (the
     * services reparent to init: found by process group, /proc scans and wineserver -k).
     */
    @Test
    void wineWithoutIsolationLeavesTheTemplateAsItWasAndNoProcessBehind() throws Exception {
        SandboxAssumptions.needWine();
        WineTemplate template = WineTemplate.defaultLocation();
        template.ensure(new HostTools());
        java.util.Map<String, String> before = fingerprint(template.prefix());
        RecordingListener l = new RecordingListener();
        SandboxRun run = new Sandbox().start(RunRequest.of(ProbeRunsTest.probe("probe-windows-amd64.exe"),
                List.of("probe", "" + ProbeRunsTest.closedPort())).withIsolation(false)
                .withLimits(RunLimits.defaults().withTimeoutMillis(90_000)), l);
        Path reg = run.runDir().resolve("prefix/system.reg");
        assertFalse(Files.getAttribute(reg, "unix:ino").equals(
                Files.getAttribute(template.prefix().resolve("system.reg"), "unix:ino")), "a copy, not a link");
        SessionFooter f = run.await();
        assertEquals(0, f.exitCode(), f.message() + "\n" + l.stdout);
        assertTrue(l.stdout.toString().contains("write: ok"), l.stdout.toString());
        assertEquals(before, fingerprint(template.prefix()), "the template after a run without isolation");

        RecordingListener l2 = new RecordingListener();
        SandboxRun forever = new Sandbox().start(RunRequest.of(ProbeRunsTest.probe("probe-windows-amd64.exe"),
                List.of("forever")).withIsolation(false).withLimits(RunLimits.defaults().withTimeoutMillis(90_000)), l2);
        String prefix = forever.runDir().resolve("prefix").toString();
        long deadline = System.nanoTime() + 80_000_000_000L;
        while (System.nanoTime() < deadline && !l2.stdout.toString().contains("forever: sleeping")) Thread.sleep(100);
        assertTrue(l2.stdout.toString().contains("forever: sleeping"), l2.stdout + "\n" + l2.stderr);
        assertFalse(withEnvironment("WINEPREFIX=" + prefix).isEmpty(), "Wine's processes run with the prefix");
        long t0 = System.nanoTime();
        forever.stop();
        SessionFooter f2 = forever.await();
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000, "stopped promptly");
        assertTrue(f2.stopped(), f2.toString());
        assertFalse(f2.message().contains("could not kill"), f2.message());
        assertEquals(List.of(), withEnvironment("WINEPREFIX=" + prefix), "no Wine process of the run left");
        assertEquals(before, fingerprint(template.prefix()));
    }

    /** Size, modification time and digest of each file at the top of a prefix (the registry, the timestamp). */
    static java.util.Map<String, String> fingerprint(Path prefix) throws Exception {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(prefix)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(f);
                out.put(f.getFileName().toString(), b.length + "@" + Files.getLastModifiedTime(f) + "#"
                        + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b)));
            }
        }
        return out;
    }

    /** Live processes whose environment holds {@code entry} ("K=V"). */
    static List<String> withEnvironment(String entry) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(q -> q.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.charAt(stat.lastIndexOf(')') + 2) == 'Z') continue;
                    for (String kv : new String(Files.readAllBytes(p.resolve("environ"))).split("\0")) {
                        if (kv.equals(entry)) {
                            found.add(p.getFileName() + ": " + new String(Files.readAllBytes(p.resolve("cmdline")))
                                    .replace('\0', ' '));
                            break;
                        }
                    }
                } catch (IOException | StringIndexOutOfBoundsException e) {
                    // ended while we looked
                }
            }
        }
        return found;
    }

    /** Live (not zombie) processes whose command line contains {@code text}. */
    static List<String> running(String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(q -> q.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    String stat = Files.readString(p.resolve("stat"));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    if (cmd.contains(text) && state != 'Z') found.add(p.getFileName() + ": " + cmd);
                } catch (IOException e) {
                    // ended while we looked
                }
            }
        }
        return found;
    }

    @Test
    void programThatNeverEndsIsKilledAtTheLimitWithNothingLeft() throws Exception {
        SandboxAssumptions.need("strace", "strace");
        SandboxAssumptions.need("bwrap", "bubblewrap");
        Path probe = ProbeRunsTest.probe("probe-linux-amd64");
        RecordingListener l = new RecordingListener();
        long t0 = System.nanoTime();
        SandboxRun run = new Sandbox().start(RunRequest.of(probe, List.of("forever"))
                .withLimits(RunLimits.defaults().withTimeoutMillis(1500)), l);
        Path runDir = run.runDir();
        java.util.Set<String> namespaces = new java.util.HashSet<>();
        while (!run.await(50, java.util.concurrent.TimeUnit.MILLISECONDS) && namespaces.size() < 2) {
            namespaces.addAll(pidNamespaces(run.pid()));
        }
        namespaces.remove(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
        SessionFooter f = run.await();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(f.timedOut(), f.toString());
        assertNull(f.exitCode());
        assertEquals("SIGKILL", f.signal());
        assertTrue(ms < 15_000, "ended " + ms + " ms after start");
        assertTrue(l.stdout.toString().contains("forever: sleeping"));
        assertEquals(List.of(), leftovers(runDir.getParent().getFileName().toString(), run.pid()));
        assertFalse(namespaces.isEmpty(), "the run had its own PID namespace");
        assertEquals(List.of(), processesIn(namespaces));
        assertFalse(Files.exists(runDir), "throwaway run dir removed");
    }

    @Test
    void programThatNeverEndsIsKilledWithoutIsolationToo() throws Exception {
        SandboxAssumptions.need("strace", "strace");
        RecordingListener l = new RecordingListener();
        SandboxRun run = new Sandbox().start(RunRequest.of(ProbeRunsTest.probe("probe-linux-amd64"), List.of("forever"))
                .withIsolation(false).withLimits(RunLimits.defaults().withTimeoutMillis(1000)), l);
        SessionFooter f = run.await();
        assertTrue(f.timedOut());
        assertEquals(List.of(), leftovers(run.runDir().getParent().getFileName().toString(), run.pid()));
    }

    @Test
    void wineProgramThatNeverEndsIsStoppedWithItsWholePidNamespace() throws Exception {
        SandboxAssumptions.needWine();
        RecordingListener l = new RecordingListener();
        SandboxRun run = new Sandbox().start(RunRequest.of(ProbeRunsTest.probe("probe-windows-amd64.exe"),
                List.of("forever")).withLimits(RunLimits.defaults().withTimeoutMillis(60_000)), l);
        // the namespace the sandboxed tree lives in, read while it runs
        java.util.Set<String> namespaces = new java.util.HashSet<>();
        long deadline = System.nanoTime() + 50_000_000_000L;
        while (System.nanoTime() < deadline && !l.stdout.toString().contains("forever: sleeping")) {
            namespaces.addAll(pidNamespaces(run.pid()));
            Thread.sleep(100);
        }
        namespaces.addAll(pidNamespaces(run.pid()));
        namespaces.remove(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
        assertTrue(l.stdout.toString().contains("forever: sleeping"), l.stdout + "\n" + l.stderr);
        assertFalse(namespaces.isEmpty(), "the run has its own PID namespace");
        run.stop(); // the same kill as at the time limit, without waiting for it
        SessionFooter f = run.await();
        assertTrue(f.stopped(), f.toString());
        assertEquals("SIGKILL", f.signal());
        assertEquals(List.of(), processesIn(namespaces), "no process left in the run's PID namespace");
    }

    static java.util.Set<String> pidNamespaces(long pid) {
        java.util.Set<String> out = new java.util.HashSet<>();
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> {
            try {
                out.add(Files.readSymbolicLink(Path.of("/proc", Long.toString(d.pid()), "ns", "pid")).toString());
            } catch (IOException e) {
                // ended meanwhile
            }
        }));
        return out;
    }

    static List<String> processesIn(java.util.Set<String> namespaces) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(q -> q.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    if (namespaces.contains(Files.readSymbolicLink(p.resolve("ns/pid")).toString())) {
                        found.add(p.getFileName() + ": " + new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' '));
                    }
                } catch (IOException e) {
                    // ended while we looked
                }
            }
        }
        return found;
    }

    /** Every process whose command line names the run's session dir, or that is the run's first process. */
    static List<String> leftovers(String sessionName, long pid) throws IOException {
        Thread.yield();
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(q -> q.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains(sessionName) || p.getFileName().toString().equals(Long.toString(pid))) {
                        found.add(p.getFileName() + ": " + cmd);
                    }
                } catch (IOException e) {
                    // the process ended while we looked: not a leftover
                }
            }
        }
        return found;
    }

    @Test
    void missingToolsSayHowToInstallThem() {
        HostTools none = new HostTools("/nonexistent");
        ToolMissingException s = assertThrows(ToolMissingException.class, none::strace);
        assertTrue(s.getMessage().contains("apt-get install --no-install-recommends strace"), s.getMessage());
        assertTrue(assertThrows(ToolMissingException.class, none::bwrap).getMessage().contains("bubblewrap"));
        assertTrue(assertThrows(ToolMissingException.class, () -> none.qemu("aarch64")).getMessage()
                .contains("qemu-user-static"));
        Sandbox sandbox = new Sandbox(none, WineTemplate.defaultLocation(), dev.crosslens.parsers.trace.TraceMapping.load());
        ToolMissingException e = assertThrows(ToolMissingException.class, () -> sandbox.start(
                RunRequest.of(ProbeRunsTest.probe("probe-linux-amd64"), List.of()), new RecordingListener()));
        assertEquals("strace", e.tool());
    }

    @Test
    void eventCapCountsWhatItDrops() throws Exception {
        SandboxAssumptions.need("strace", "strace");
        SandboxAssumptions.need("bwrap", "bubblewrap");
        RecordingListener l = ProbeRunsTest.run(RunRequest.of(ProbeRunsTest.probe("probe-linux-amd64"), List.of("child"))
                .withLimits(new RunLimits(10_000, 10, 1 << 20, 8, 1000)));
        assertEquals(10, l.events().size());
        assertTrue(l.footer.eventsDropped() > 0);
        assertTrue(l.footer.message().contains("past the cap of 10"), l.footer.message());
        assertEquals("child: h", l.stdout.toString(), "stdout capped at 8 bytes");
        assertTrue(l.footer.outputDropped() > 0);
    }

    @Test
    void runnerSelectionFollowsTheImage() {
        HostTools tools = new HostTools();
        RunnerSelector sel = new RunnerSelector(tools, WineTemplate.defaultLocation(), Arch.X86_64);
        assertThrows(SandboxException.class, () -> sel.select(core(BinaryFormat.MACHO, Arch.ARM64, 64,
                Endianness.LITTLE, TargetOs.MACOS, BinaryKind.EXECUTABLE), RunnerKind.AUTO, null, false));
        SandboxException arm = assertThrows(SandboxException.class, () -> sel.select(core(BinaryFormat.PE, Arch.ARM64,
                64, Endianness.LITTLE, TargetOs.WINDOWS, BinaryKind.EXECUTABLE), RunnerKind.AUTO, null, false));
        assertTrue(arm.getMessage().contains("ARM"), arm.getMessage());
        assertEquals("aarch64", RunnerSelector.qemuArch(Arch.ARM64, Endianness.LITTLE));
        assertEquals("mips", RunnerSelector.qemuArch(Arch.MIPS, Endianness.BIG));
        assertEquals("mipsel", RunnerSelector.qemuArch(Arch.MIPS, Endianness.LITTLE));
        assertEquals("mips64el", RunnerSelector.qemuArch(Arch.MIPS64LE, Endianness.LITTLE));
        assertEquals("ppc64le", RunnerSelector.qemuArch(Arch.PPC64LE, Endianness.LITTLE));
        assertEquals("s390x", RunnerSelector.qemuArch(Arch.S390X, Endianness.BIG));
        SandboxException bsd = assertThrows(SandboxException.class, () -> sel.select(core(BinaryFormat.ELF,
                Arch.X86_64, 64, Endianness.LITTLE, TargetOs.FREEBSD, BinaryKind.EXECUTABLE), RunnerKind.AUTO, null, false));
        assertTrue(bsd.getMessage().contains("freebsd"));
        assertThrows(SandboxException.class, () -> sel.select(core(BinaryFormat.ELF, Arch.ARM64, 64,
                Endianness.LITTLE, TargetOs.LINUX, BinaryKind.EXECUTABLE), RunnerKind.NATIVE, null, false));
    }

    @Test
    void runnerSelectionOnParsedProbes() throws Exception {
        SandboxAssumptions.need("strace", "strace");
        SandboxAssumptions.need("qemu-aarch64-static", "qemu-user-static");
        RunnerSelector sel = new RunnerSelector(new HostTools(), WineTemplate.defaultLocation(), Arch.X86_64);
        assertEquals("native", sel.select(Sandbox.read(ProbeRunsTest.probe("probe-linux-amd64")), RunnerKind.AUTO,
                null, false).name());
        Runner q = sel.select(Sandbox.read(ProbeRunsTest.probe("probe-linux-arm64")), RunnerKind.AUTO, null, false);
        assertEquals("aarch64", ((QemuRunner) q).qemuArch());
        SandboxAssumptions.needWine();
        assertEquals("wine", sel.select(Sandbox.read(ProbeRunsTest.probe("probe-windows-amd64.exe")), RunnerKind.AUTO,
                null, false).name());
    }

    private static ImageCore core(BinaryFormat f, Arch a, int bits, Endianness e, TargetOs os, BinaryKind k) {
        return ImageCore.builder(f).arch(a).bits(bits).endianness(e).os(os).kind(k).entry(0x1000L).build();
    }
}
