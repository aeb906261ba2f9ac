package dev.crosslens.parsers.sandbox;

import dev.crosslens.model.ImageCore;
import dev.crosslens.model.trace.EventKind;
import dev.crosslens.model.trace.OutputChunk;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.SessionHeader;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.trace.EmulatorArtefacts;
import dev.crosslens.parsers.trace.QemuStraceParser;
import dev.crosslens.parsers.trace.StaticExplainer;
import dev.crosslens.parsers.trace.StraceParser;
import dev.crosslens.parsers.trace.SyscallTable;
import dev.crosslens.parsers.trace.TraceFacts;
import dev.crosslens.parsers.trace.TraceMapping;
import dev.crosslens.parsers.trace.TraceSessionWriter;
import dev.crosslens.parsers.trace.WineDebugParser;

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
 * latter cases the whole tree is killed (bubblewrap's PID namespace dies with it). The throwaway run dir is
 * deleted at the end.
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
    private final long startNanos = System.nanoTime();
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

    private SandboxRun(SessionHeader header, Process process, Path session, Path runDir, RunRequest request,
                       RunListener listener, TraceSessionWriter writer, ImageCore core) {
        this.header = header;
        this.process = process;
        this.session = session;
        this.runDir = runDir;
        this.request = request;
        this.listener = listener;
        this.writer = writer;
        this.explainer = new StaticExplainer(core);
    }

    static SandboxRun start(SessionHeader header, List<String> command, Map<String, String> env, boolean ownEnv,
                            Path session, Path runDir, Path traceDir, Launch launch, ImageCore core, Runner runner,
                            TraceMapping mapping, RunRequest req, RunListener listener) throws IOException {
        TraceSessionWriter writer = req.record() != null ? TraceSessionWriter.create(req.record(), header) : null;
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .directory(runDir.toFile());
        if (ownEnv) {
            pb.environment().clear();
            pb.environment().putAll(env);
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
        SandboxRun run = new SandboxRun(header, p, session, runDir, req, listener, writer, core);
        run.runner = runner;
        run.isolated = !ownEnv;
        run.wire(launch, traceDir, mapping, core, runner);
        return run;
    }

    private void wire(Launch launch, Path traceDir, TraceMapping mapping, ImageCore core, Runner runner) {
        long microsOfDay = LocalTime.ofInstant(Instant.ofEpochMilli(header.startEpochMillis()), ZoneId.systemDefault())
                .toNanoOfDay() / 1000;
        for (Launch.TraceFile tf : launch.traces()) {
            Consumer<TraceEvent> sink = tf.format() == Launch.Format.STRACE_OF_EMULATOR ? emulatorFilter(this::accept)
                    : this::accept;
            StraceParser parser = new StraceParser(mapping, tf.origin(), sink).alignClock(microsOfDay, 0);
            FileTailer t = new FileTailer(traceDir.resolve(tf.fileName()), request.limits().maxTraceBytes(),
                    parser::accept);
            tailers.add(t);
            finishers.add(parser::finish);
            threads.add(thread("trace " + tf.fileName(), t));
        }
        Consumer<String> stderrLines;
        if (launch.stderr() == Launch.StderrRoute.WINEDEBUG) {
            String prog = request.binary().getFileName().toString();
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
                    output(OutputChunk.Stream.STDERR, line + "\n");
                }
            };
        } else if (launch.stderr() == Launch.StderrRoute.QEMU_STRACE) {
            String table = SyscallTable.tableName(core.arch());
            QemuStraceParser q = new QemuStraceParser(mapping, SyscallTable.forArch(table == null ? "x86_64" : table),
                    request.binary().getFileName().toString(), this::elapsedMicros, this::accept);
            stderrLines = line -> {
                if (line.matches("^\\d+ ([a-z_][a-z0-9_]*\\(|--- |Unknown syscall).*")) q.accept(line);
                else output(OutputChunk.Stream.STDERR, line + "\n");
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

    /** QEMU on the host: its start-up (until the guest binary is opened) is EMULATOR, its probes are dropped. */
    private Consumer<TraceEvent> emulatorFilter(Consumer<TraceEvent> next) {
        String guest = Sandbox.INSIDE_RUN + "/" + request.binary().getFileName();
        String guestHost = runDir.resolve(request.binary().getFileName().toString()).toString();
        boolean[] loaded = {false};
        return e -> {
            if (EmulatorArtefacts.isEmulatorProbe(e)) return;
            if (!loaded[0]) {
                String p = TraceFacts.path(e);
                boolean opensGuest = e.kind() == EventKind.CALL && !e.name().startsWith("exec") && p != null
                        && (p.equals(guest) || p.equals(guestHost)) && !e.failed();
                if (opensGuest) loaded[0] = true;
                next.accept(EmulatorArtefacts.asEmulator(e, "QEMU start-up, before the guest program is loaded"));
                return;
            }
            next.accept(EmulatorArtefacts.label(EmulatorArtefacts.translationCache(e)));
        };
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
            while (!ended) {
                if (isolated && namespaces.isEmpty()) captureNamespaces();
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                ended = process.waitFor(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            }
            if (!ended) {
                timedOut = !stopped;
                killTree();
            }
            code = process.waitFor();
            leftInNamespace = awaitNamespaceEmpty(5_000);
            if ((timedOut || stopped) && !isolated) runner.afterKill(runDir);
            for (int i = 0; i < 2; i++) threads.get(threads.size() - 3 + i).join(5000); // stdout, stderr
            // a killed run leaves no writer behind: every trace file is complete now
            tailers.forEach(FileTailer::writerDone);
            for (Thread t : threads) {
                if (t != Thread.currentThread()) t.join(10_000);
            }
            finishers.forEach(Runnable::run);
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
        } finally {
            finish(code);
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
        if (leftInNamespace > 0) message += "; " + leftInNamespace + " processes still in the sandbox after 5 s";
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
            left = processesIn(namespaces);
            if (left == 0) return 0;
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return left;
    }

    static int processesIn(java.util.Set<String> namespaces) {
        int n = 0;
        try (java.util.stream.Stream<Path> procs = java.nio.file.Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) continue;
                try {
                    if (namespaces.contains(java.nio.file.Files.readSymbolicLink(p.resolve("ns/pid")).toString())) n++;
                } catch (IOException e) {
                    // ended while we looked
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return n;
    }

    /** Kills every process of the run, repeating until none is left (children forked meanwhile too). */
    private void killTree() {
        for (int round = 0; round < 20; round++) {
            List<ProcessHandle> all = process.descendants().toList();
            if (all.isEmpty() && !process.isAlive()) return;
            all.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the run: the whole process tree is killed. */
    public void stop() {
        stopped = true;
        killTree();
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
