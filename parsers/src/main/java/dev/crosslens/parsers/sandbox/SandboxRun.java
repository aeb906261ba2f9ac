package dev.crosslens.parsers.sandbox;

import dev.crosslens.model.ImageCore;
import dev.crosslens.model.trace.EventKind;
import dev.crosslens.model.trace.OutputChunk;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.SessionHeader;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.trace.QemuHostTraceFilter;
import dev.crosslens.parsers.trace.QemuStraceParser;
import dev.crosslens.parsers.trace.StaticExplainer;
import dev.crosslens.parsers.trace.StraceParser;
import dev.crosslens.parsers.trace.SyscallTable;
import dev.crosslens.parsers.trace.TraceMapping;
import dev.crosslens.parsers.trace.TraceSessionWriter;
import dev.crosslens.parsers.trace.WineDebugParser;
import dev.crosslens.parsers.trace.WineLoaderAttribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running program: its process tree, the threads that read its output and traces, the session file written
 * as it goes. Ends when the program ends, at the time limit ({@code timedOut}) or on {@link #stop()}; in both
 * latter cases the whole tree is killed: bubblewrap's PID namespace dies with it; without isolation every process
 * the trace or {@code /proc} ever showed as the run's (its descendants, strace's tracees, the run's process group,
 * a {@code setsid}'d grandchild that left the tree) is killed until none is left, and what could not be killed is
 * named in the footer. The throwaway run dir is deleted at the end.
 *
 * <p>Time: one origin for everything, the instant just before the process starts. strace's wall-clock times are
 * aligned to it, output and QEMU's log lines are stamped on the same monotonic clock when read, Wine's debug
 * clock is aligned at its first line.
 */
public final class SandboxRun {
    private final SessionHeader header;
    private final Process process;
    private final Path session;
    private final Path runDir;
    private final RunRequest request;
    private final RunListener listener;
    private final TraceSessionWriter writer;
    private final StaticExplainer explainer;
    private Runner runner;
    private boolean isolated;
    private Tracer tracer;
    private Path traceDir;
    /** "CROSSLENS_RUN=..." for a run without isolation, else null. */
    private String marker;
    /** Gates not attached yet (Wine: wineserver, the program). */
    private final List<Launch.Gate> gatesPending = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** strace processes attached at gates: outside the started tree, killed after their tracees. */
    private final List<Process> tracers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> gateProblems = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final String TRACE_FILE = "trace.strace";
    /** Environment variable a run without isolation gives its processes (the session dir's name). */
    static final String RUN_MARKER = "CROSSLENS_RUN";
    private final long startNanos;
    private final long startEpochMicros;
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<FileTailer> tailers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Runnable> finishers = new ArrayList<>();
    private volatile boolean stopped;
    private volatile boolean timedOut;
    private long seq;
    private long dropped;
    private long outputDropped;
    private long stdoutBytes;
    private long stderrBytes;
    private String mainSignal;
    private int mainPid = -1;
    private IOException writeFailure;
    private volatile SessionFooter footer;
    private final java.util.Set<String> namespaces = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int leftInNamespace;
    /** Every pid the trace or /proc showed as the run's, with its start time (so a reused pid is not killed). */
    private final Map<Long, Long> tracked = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<ProcessRoles> roles = new ArrayList<>();
    private List<String> unkillable = List.of();
    private boolean outputHeldOpen;
    private volatile boolean finished;
    private final Object killLock = new Object();

    private SandboxRun(SessionHeader header, Process process, Path session, Path runDir, RunRequest request,
                       RunListener listener, TraceSessionWriter writer, ImageCore core, long startNanos,
                       long startEpochMicros, dev.crosslens.model.resolve.Resolution resolution) {
        this.header = header;
        this.startNanos = startNanos;
        this.startEpochMicros = startEpochMicros;
        this.process = process;
        this.session = session;
        this.runDir = runDir;
        this.request = request;
        this.listener = listener;
        this.writer = writer;
        this.explainer = new StaticExplainer(core, resolution, request.binary().getFileName().toString());
    }

    /** How strace is attached at a {@link Launch.Gate}: the tool, the classes, whether pids need translating. */
    record Tracer(Path strace, String traceExpr, boolean pidNamespace, Path kill) {
    }

    static SandboxRun start(SessionHeader planned, List<String> command, Map<String, String> env, boolean ownEnv,
                            Path session, Path runDir, Path traceDir, Path logDir, Launch launch, ImageCore core,
                            Runner runner, TraceMapping mapping, RunRequest req, RunListener listener,
                            Tracer tracer, dev.crosslens.model.resolve.Resolution resolution) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .directory(runDir.toFile());
        if (ownEnv) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        // the session's time origin: every stream is measured from here
        Instant origin = Instant.now();
        long originNanos = System.nanoTime();
        long originMicros = origin.getEpochSecond() * 1_000_000L + origin.getNano() / 1000;
        SessionHeader header = new SessionHeader(planned.schema(), planned.schemaVersion(), planned.binaryPath(),
                planned.binarySha256(), planned.runner(), planned.toolVersions(), planned.arguments(),
                planned.environment(), planned.limits(), planned.classes(), planned.isolated(), origin.toEpochMilli(),
                planned.description());
        TraceSessionWriter writer;
        try {
            writer = req.record() != null ? TraceSessionWriter.create(req.record(), header) : null;
        } catch (IOException e) {
            WineTemplate.deleteTree(session);
            throw e;
        }
        listener.started(header);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            if (writer != null) writer.close();
            WineTemplate.deleteTree(session);
            throw e;
        }
        SandboxRun run = new SandboxRun(header, p, session, runDir, req, listener, writer, core, originNanos,
                originMicros, resolution);
        run.runner = runner;
        run.isolated = !ownEnv;
        run.tracer = tracer;
        run.traceDir = traceDir;
        run.marker = ownEnv ? RUN_MARKER + "=" + env.get(RUN_MARKER) : null;
        run.tracked.put(p.pid(), startTime(p.pid()));
        run.wire(launch, traceDir, logDir, mapping, core);
        return run;
    }

    private void wire(Launch launch, Path traceDir, Path logDir, TraceMapping mapping, ImageCore core) {
        String prog = request.binary().getFileName().toString();
        if (launch.trace() == Launch.Trace.QEMU_LOG) {
            String table = SyscallTable.tableName(core.arch());
            QemuStraceParser q = new QemuStraceParser(mapping, SyscallTable.forArch(table == null ? "x86_64" : table),
                    prog, this::elapsedMicros, this::accept);
            Path log = logDir.resolve(Path.of(launch.qemuLog()).getFileName().toString());
            FileTailer t = new FileTailer(log, request.limits().maxTraceBytes(), q::accept);
            tailers.add(t);
            finishers.add(q::finish);
            threads.add(thread("qemu log", t));
        } else if (launch.trace() == Launch.Trace.GATES) {
            for (Launch.Gate g : launch.gates()) {
                // Wine's loader maps every PE image read-write-execute: told from the program's own RWX
                WineLoaderAttribution loader = new WineLoaderAttribution(this::accept, explainer.importsUnresolved());
                traceFile(traceDir.resolve(g.traceFile()), g.stages(), loader, mapping);
                finishers.add(loader::finish);
                gatesPending.add(g);
            }
        } else {
            Consumer<TraceEvent> shown = launch.trace() == Launch.Trace.STRACE_OF_EMULATOR ? emulatorFilter(this::accept)
                    : this::accept;
            traceFile(traceDir.resolve(TRACE_FILE), launch.stages(), shown, mapping);
        }
        Consumer<String> stderrLines;
        if (launch.stderr() == Launch.StderrRoute.WINEDEBUG) {
            WineDebugParser wine = new WineDebugParser(mapping, prog, request.limits().maxRelayLines(), this::accept);
            boolean[] aligned = {false};
            finishers.add(wine::finish);
            stderrLines = line -> {
                if (WineDebugParser.isDebugLine(line)) {
                    if (!aligned[0]) {
                        wine.alignClock(elapsedMicros());
                        aligned[0] = true;
                    }
                    wine.accept(line);
                } else {
                    wine.acceptLoaderMessage(line, elapsedMicros());
                    output(OutputChunk.Stream.STDERR, line + "\n");
                }
            };
        } else {
            stderrLines = line -> output(OutputChunk.Stream.STDERR, line + "\n");
        }
        Consumer<String> errRoute = stderrLines;
        threads.add(thread("stdout", () -> pumpRaw(process.getInputStream())));
        threads.add(thread("stderr", () -> pumpLines(process.getErrorStream(), errRoute)));
        threads.add(thread("watch", this::watch));
        threads.forEach(Thread::start);
    }

    /** Follows one strace output file: parsed, tracked for the kill, sorted by role, shown. */
    private void traceFile(Path file, List<Launch.Stage> stages, Consumer<TraceEvent> shown, TraceMapping mapping) {
        ProcessRoles pr = new ProcessRoles(stages, shown);
        roles.add(pr);
        long microsOfDay = LocalTime.ofInstant(Instant.ofEpochSecond(startEpochMicros / 1_000_000L,
                (startEpochMicros % 1_000_000L) * 1000), ZoneId.systemDefault()).toNanoOfDay() / 1000;
        StraceParser parser = new StraceParser(mapping, "sandbox", e -> {
            track(e);
            pr.accept(e);
        }).alignClock(microsOfDay, 0);
        FileTailer t = new FileTailer(file, request.limits().maxTraceBytes(), parser::accept);
        tailers.add(t);
        finishers.add(parser::finish);
        threads.add(thread("trace " + file.getFileName(), t));
    }

    /**
     * Attaches strace to each gate process that has stopped itself, then continues it. A gate is a descendant
     * whose command line is {@code sh -c SCRIPT ...}; it waits in a stop until strace is its tracer.
     */
    private void attachGates() {
        if (gatesPending.isEmpty()) return;
        for (ProcessHandle d : process.descendants().toList()) {
            List<String> argv = cmdline(d.pid());
            if (argv.size() < 3 || !"-c".equals(argv.get(1))) continue;
            for (Launch.Gate g : gatesPending) {
                if (!g.script().equals(argv.get(2))) continue;
                if (!stopped(d.pid())) break; // not at its stop yet: next round
                gatesPending.remove(g);
                attach(g, d.pid());
                break;
            }
        }
    }

    private void attach(Launch.Gate g, long pid) {
        List<String> cmd = new ArrayList<>(StraceCommand.options(tracer.strace(), tracer.traceExpr(),
                traceDir.resolve(g.traceFile()).toString(), tracer.pidNamespace()));
        cmd.addAll(List.of("-p", Long.toString(pid)));
        try {
            Process s = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            tracers.add(s);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < until && s.isAlive()) {
                ProcStat st = ProcStat.read(pid);
                if (st == null || st.tracerPid() == s.pid()) break;
                Thread.sleep(5);
            }
            ProcStat st = ProcStat.read(pid);
            if (st != null && st.tracerPid() != s.pid()) {
                gateProblems.add("strace could not attach to " + g.traceFile().replace(".strace", "")
                        + " (pid " + pid + "): that part is not traced");
            }
        } catch (IOException e) {
            gateProblems.add("cannot start strace for " + g.traceFile() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Process cont = new ProcessBuilder(List.of(tracer.kill().toString(), "-CONT", Long.toString(pid)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            cont.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            gateProblems.add("cannot continue the gate process " + pid + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> cmdline(long pid) {
        try {
            byte[] b = java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    out.add(new String(b, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** In a stop (state T: the gate's {@code kill -STOP $$}). */
    private static boolean stopped(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'T';
        } catch (IOException e) {
            return false;
        }
    }

    /** Remembers every process and thread the trace names (and the children its clones announce) for the kill. */
    private void track(TraceEvent e) {
        tracked.computeIfAbsent((long) e.pid(), SandboxRun::startTime);
        if (e.kind() == EventKind.CALL && !e.failed() && (e.name().startsWith("clone") || e.name().equals("fork")
                || e.name().equals("vfork"))) {
            int child = ProcessRoles.childPid(e);
            if (child > 0) tracked.computeIfAbsent((long) child, SandboxRun::startTime);
        }
    }

    /** QEMU on the host: its start-up and internals are EMULATOR, its probes are dropped. */
    private Consumer<TraceEvent> emulatorFilter(Consumer<TraceEvent> next) {
        String name = request.binary().getFileName().toString();
        return new QemuHostTraceFilter(java.util.Set.of(Sandbox.INSIDE_RUN + "/" + name,
                runDir.resolve(name).toString()), next);
    }

    private static Thread thread(String name, Runnable r) {
        Thread t = new Thread(r, "crosslens-run " + name);
        t.setDaemon(true);
        return t;
    }

    long elapsedMicros() {
        return (System.nanoTime() - startNanos) / 1000;
    }

    private synchronized void accept(TraceEvent e) {
        if (finished) return;
        if (seq >= request.limits().maxEvents()) {
            dropped++;
            return;
        }
        TraceEvent ev = explainer.explain(e.withSeq(seq++));
        if (mainPid < 0 && ev.source() == dev.crosslens.model.trace.TraceSource.SYSCALL) mainPid = ev.pid();
        if (ev.kind() == EventKind.KILLED && ev.pid() == mainPid) mainSignal = ev.result();
        if (writer != null && writeFailure == null) {
            try {
                writer.event(ev);
            } catch (IOException ex) {
                writeFailure = ex;
            }
        }
        listener.event(ev);
    }

    private synchronized void output(OutputChunk.Stream stream, String text) {
        if (finished) return;
        long cap = request.limits().maxOutputBytes();
        long used = stream == OutputChunk.Stream.STDOUT ? stdoutBytes : stderrBytes;
        if (used >= cap) {
            outputDropped += text.length();
            return;
        }
        String kept = used + text.length() > cap ? text.substring(0, (int) (cap - used)) : text;
        outputDropped += text.length() - kept.length();
        if (stream == OutputChunk.Stream.STDOUT) stdoutBytes += kept.length(); else stderrBytes += kept.length();
        OutputChunk c = new OutputChunk(stream, elapsedMicros(), kept);
        if (writer != null && writeFailure == null) {
            try {
                writer.output(c);
            } catch (IOException ex) {
                writeFailure = ex;
            }
        }
        listener.output(c);
    }

    private void pumpRaw(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) > 0; ) output(OutputChunk.Stream.STDOUT, new String(buf, 0, n, StandardCharsets.UTF_8));
        } catch (IOException e) {
            output(OutputChunk.Stream.STDERR, "crosslens: stdout: " + e.getMessage() + "\n");
        }
    }

    private static void pumpLines(InputStream in, Consumer<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            for (String l; (l = r.readLine()) != null; ) lines.accept(l);
        } catch (IOException e) {
            lines.accept("crosslens: stderr: " + e.getMessage());
        }
    }

    private void watch() {
        int code = -1;
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(request.limits().timeoutMillis());
            boolean ended = false;
            long nextScan = 0;
            while (!ended && !stopped) {
                attachGates();
                if (System.nanoTime() >= nextScan) {
                    scanDescendants();
                    if (isolated && namespaces.isEmpty()) captureNamespaces();
                    flushRecording();
                    nextScan = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                ended = process.waitFor(Math.min(left, TimeUnit.MILLISECONDS.toNanos(gatesPending.isEmpty() ? 50 : 10)),
                        TimeUnit.NANOSECONDS);
            }
            if (!ended) {
                timedOut = !stopped;
                // without a PID namespace Wine's services have left the tree: wineserver -k ends them while the
                // server still runs, then the tree is killed
                if (!isolated) runner.afterKill(runDir);
                killTree();
            }
            if (!process.waitFor(2, TimeUnit.SECONDS)) killTree();
            code = process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : -1;
            leftInNamespace = awaitNamespaceEmpty(2_000);
            if (!isolated && !targets().isEmpty()) killTree(); // what the kill raced with, and what the program left
            // strace at a gate ends when its tracees have: give it a moment, then end it
            for (Process t : tracers) {
                if (!t.waitFor(2, TimeUnit.SECONDS)) t.destroyForcibly();
            }
            unkillable = survivors();
            // stdout and stderr end when the last holder of the pipes is gone; one that could not be killed keeps
            // them open, and the run does not wait for it
            Thread out = threads.get(threads.size() - 3);
            Thread err = threads.get(threads.size() - 2);
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
            out.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            err.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            outputHeldOpen = out.isAlive() || err.isAlive();
            // no tracer is left: every trace file is complete now
            tailers.forEach(FileTailer::writerDone);
            for (Thread t : threads) {
                if (t != Thread.currentThread() && t != out && t != err) t.join(10_000);
            }
            synchronized (this) {
                finishers.forEach(Runnable::run);
            }
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
        } finally {
            finish(code);
        }
    }

    private synchronized void flushRecording() {
        if (writer == null || writeFailure != null) return;
        try {
            writer.flush();
        } catch (IOException ex) {
            writeFailure = ex;
        }
    }

    private synchronized void finish(int code) {
        long skipped = tailers.stream().mapToLong(FileTailer::bytesSkipped).sum();
        String message;
        Integer exit = null;
        String signal = mainSignal;
        if (timedOut) {
            message = "killed at the " + request.limits().timeoutMillis() + " ms limit";
            signal = "SIGKILL";
        } else if (stopped) {
            message = "stopped";
            signal = "SIGKILL";
        } else if (signal != null) {
            message = "killed by " + signal;
        } else {
            exit = code;
            message = "exited with " + code;
        }
        if (dropped > 0) message += "; " + dropped + " events past the cap of " + request.limits().maxEvents();
        if (skipped > 0) message += "; " + skipped + " trace bytes past the cap not read";
        if (writeFailure != null) message += "; recording failed: " + writeFailure.getMessage();
        if (leftInNamespace > 0) message += "; " + leftInNamespace + " processes still in the sandbox after 2 s";
        for (String g : gateProblems) message += "; " + g;
        if (!unkillable.isEmpty()) {
            message += "; could not kill " + unkillable.size() + " process" + (unkillable.size() == 1 ? "" : "es")
                    + ": " + String.join(", ", unkillable);
        } else if (outputHeldOpen) {
            message += "; stdout/stderr still held open after the run's processes ended (output after this is lost)";
        }
        long sandboxEvents = 0;
        long services = 0;
        for (ProcessRoles r : roles) {
            sandboxEvents += r.hidden().getOrDefault(Launch.ProcessRole.SANDBOX, 0L);
            services += r.hidden().getOrDefault(Launch.ProcessRole.WINE_SERVICES, 0L);
        }
        if (services > 0) message += "; " + services + " events of Wine's warm-up and services not shown";
        SessionFooter f = new SessionFooter(System.currentTimeMillis(), exit, signal, timedOut, stopped, seq,
                dropped, outputDropped, message);
        if (writer != null) {
            try {
                writer.footer(f);
                writer.close();
            } catch (IOException e) {
                // the footer is also handed to the listener; the file then reads as cut, which it is
            }
        }
        try {
            WineTemplate.deleteTree(session);
        } catch (IOException | UncheckedIOException e) {
            // leftover temp files are removed by the OS tmp cleaner; the run itself is complete
        }
        footer = f;
        finished = true;
        listener.finished(f);
        done.countDown();
    }

    /** The PID namespace(s) of the sandboxed tree (bubblewrap's), read from /proc while it runs. */
    private void captureNamespaces() {
        String own;
        try {
            own = java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        process.descendants().forEach(d -> {
            try {
                String ns = java.nio.file.Files.readSymbolicLink(Path.of("/proc", Long.toString(d.pid()), "ns", "pid"))
                        .toString();
                if (!ns.equals(own)) namespaces.add(ns);
            } catch (IOException e) {
                // ended meanwhile
            }
        });
    }

    /** Waits until no process of the run's PID namespace is left (killed ones take a moment to be reaped). */
    private int awaitNamespaceEmpty(long millis) throws InterruptedException {
        if (namespaces.isEmpty()) return 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int left;
        do {
            left = processesIn(namespaces).size();
            if (left == 0) return 0;
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return left;
    }

    /** Live (not zombie) processes of these PID namespaces. */
    static List<Long> processesIn(java.util.Set<String> namespaces) {
        List<Long> found = new ArrayList<>();
        if (namespaces.isEmpty()) return found;
        for (long pid : ProcStat.pids()) {
            try {
                if (namespaces.contains(java.nio.file.Files.readSymbolicLink(
                        Path.of("/proc", Long.toString(pid), "ns", "pid")).toString()) && ProcStat.read(pid) != null) {
                    found.add(pid);
                }
            } catch (IOException e) {
                // ended while we looked
            }
        }
        return found;
    }

    /** Live processes whose environment holds the run's marker (only a run without isolation has one). */
    private List<Long> withMarker() {
        List<Long> out = new ArrayList<>();
        byte[] want = marker.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (long pid : ProcStat.pids()) {
            try {
                byte[] env = java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
                if (containsEntry(env, want) && ProcStat.read(pid) != null) out.add(pid);
            } catch (IOException e) {
                // gone, or not ours to read
            }
        }
        return out;
    }

    private static boolean containsEntry(byte[] env, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(env, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** Adds the live descendants of the started process to what the kill reaches (before they can leave it). */
    private void scanDescendants() {
        process.descendants().forEach(d -> tracked.computeIfAbsent(d.pid(), SandboxRun::startTime));
    }

    private static long startTime(long pid) {
        ProcStat st = ProcStat.read(pid);
        return st == null ? -1 : st.startTime();
    }

    /**
     * Every process of the run still alive: what the trace and /proc scans saw (the same process, by start
     * time), descendants, strace's tracees, members of the run's process group and of its PID namespace.
     */
    private java.util.Set<Long> targets() {
        java.util.Set<Long> out = new java.util.LinkedHashSet<>();
        long root = process.pid();
        tracked.forEach((pid, start) -> {
            ProcStat st = ProcStat.read(pid);
            if (st != null && (start < 0 || st.startTime() == start)) out.add(pid);
        });
        process.descendants().forEach(d -> out.add(d.pid()));
        java.util.Set<Long> tracerPids = new java.util.HashSet<>();
        tracerPids.add(root);
        for (Process t : tracers) {
            if (t.isAlive()) {
                tracerPids.add(t.pid());
                out.add(t.pid());
            }
        }
        for (long pid : ProcStat.pids()) {
            ProcStat st = ProcStat.read(pid);
            if (st == null) continue;
            if (st.processGroup() == root || tracerPids.contains(st.tracerPid())) out.add(pid);
        }
        out.addAll(processesIn(namespaces));
        if (marker != null) out.addAll(withMarker());
        out.remove(ProcessHandle.current().pid());
        out.removeIf(pid -> ProcStat.read(pid) == null);
        return out;
    }

    /**
     * Kills every process of the run and repeats until none is left or 3 s have passed (children forked meanwhile
     * are found by the next round). Leaves first, so that each killed process is reaped by its parent (a zombie
     * whose parent dies first is left to init, which may never reap it), the tracer last (a tracee whose tracer
     * dies first runs on untraced); the init of the run's PID namespace first of all (the kernel then kills the
     * whole namespace and that init reaps it). After 1 s of this, whatever is left is killed at once.
     */
    private void killTree() {
        synchronized (killLock) {
            killTreeLocked();
        }
    }

    private void killTreeLocked() {
        long root = process.pid();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(3);
        long allAtOnce = start + TimeUnit.SECONDS.toNanos(1);
        while (true) {
            java.util.Set<Long> all = targets();
            Map<Long, ProcStat> stats = new java.util.HashMap<>();
            for (long pid : all) {
                ProcStat st = ProcStat.read(pid);
                if (st != null) stats.put(pid, st);
            }
            java.util.Set<Long> parents = new java.util.HashSet<>();
            for (ProcStat st : stats.values()) {
                parents.add(st.parent());
                parents.add(st.tracerPid()); // a tracer stays until its tracees are gone
            }
            boolean force = System.nanoTime() > allAtOnce;
            boolean killed = false;
            for (ProcStat st : stats.values()) {
                if (st.pid() == root) continue;
                if (force || !parents.contains(st.pid()) || st.namespaceInit()) {
                    ProcessHandle.of(st.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    killed = true;
                }
            }
            if (!killed && (stats.isEmpty() || stats.keySet().equals(java.util.Set.of(root)) || force)) {
                process.destroyForcibly();
            }
            if ((stats.isEmpty() && !process.isAlive()) || System.nanoTime() > deadline) return;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** "pid (name)" of each run process still alive after the kill. */
    private List<String> survivors() {
        List<String> out = new ArrayList<>();
        for (long pid : targets()) {
            ProcStat st = ProcStat.read(pid);
            if (st != null) out.add(pid + " (" + st.name() + ")");
        }
        return out;
    }

    /** Stops the run: the whole process tree is killed. Returns when the run has ended (at most ~15 s). */
    public void stop() {
        stopped = true;
        try {
            if (!done.await(15, TimeUnit.SECONDS)) killTree();
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
        }
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    /** Waits for the end and returns the footer. */
    public SessionFooter await() throws InterruptedException {
        done.await();
        return footer;
    }

    public SessionHeader header() {
        return header;
    }

    public long pid() {
        return process.pid();
    }

    public Path runDir() {
        return runDir;
    }
}
