package dev.crosslens.app.cli;

import dev.crosslens.model.trace.OutputChunk;
import dev.crosslens.model.trace.RunLimits;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.SessionHeader;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.sandbox.RunListener;
import dev.crosslens.parsers.sandbox.RunRequest;
import dev.crosslens.parsers.sandbox.RunnerKind;
import dev.crosslens.parsers.sandbox.Sandbox;
import dev.crosslens.parsers.sandbox.SandboxException;
import dev.crosslens.parsers.sandbox.SandboxRun;
import dev.crosslens.parsers.trace.TraceStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code crosslens run FILE [options] -- ARGS}: runs the binary in the sandbox, prints notable events as they
 * come and a summary at the end. Exit 0 when the program exited 0, 1 otherwise (refused, tool missing, killed,
 * non-zero exit), 2 on usage errors (a missing file or --sysroot too).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a binary in the sandbox (wine, QEMU user mode or native) under strace and show what it did.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the program (ELF or PE)")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "program arguments (after --)")
    List<String> args = new ArrayList<>();

    @Option(names = "--runner", defaultValue = "auto", description = "auto|wine|qemu|native (default: ${DEFAULT-VALUE})")
    String runner;

    @Option(names = "--timeout", defaultValue = "10s", description = "time limit: 500ms, 10s, 2m (default: ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--record", paramLabel = "FILE", description = "write the session (JSON lines) to FILE as it runs")
    Path record;

    @Option(names = "--no-isolation", description = "run WITHOUT bubblewrap (network and the file system are reachable)")
    boolean noIsolation;

    @Option(names = "--classes", split = ",", paramLabel = "CLASS",
            description = "syscall classes: file,network,process,memory,signal,ipc,time (default: all)")
    List<String> classes = new ArrayList<>();

    @Option(names = "--env", paramLabel = "K=V", description = "an environment variable for the program")
    List<String> env = new ArrayList<>();

    @Option(names = "--file", paramLabel = "PATH", description = "a working file copied beside the program")
    List<Path> files = new ArrayList<>();

    @Option(names = "--sysroot", description = "QEMU -L sysroot for dynamic foreign ELF")
    String sysroot;

    @Option(names = "--qemu-strace", description = "QEMU's own -strace (guest syscalls) instead of host strace")
    boolean qemuStrace;

    @Option(names = "--all", description = "print every event, not only notable ones (medium risk and above, "
            + "failures that matter)")
    boolean all;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunnerKind kind;
        Set<TraceCategory> cls = EnumSet.noneOf(TraceCategory.class);
        Map<String, String> environment = new LinkedHashMap<>();
        long millis;
        try {
            kind = RunnerKind.parse(runner);
            millis = parseDuration(timeout);
            for (String c : classes) {
                TraceCategory t = TraceCategory.parse(c);
                if (t == TraceCategory.OTHER) throw new IllegalArgumentException("unknown syscall class '" + c + "'");
                cls.add(t);
            }
            for (String kv : env) {
                int eq = kv.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("--env wants K=V, got '" + kv + "'");
                environment.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        } catch (IllegalArgumentException e) {
            err.println("crosslens: " + e.getMessage());
            return CrosslensCli.EXIT_USAGE;
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            err.println("crosslens run: " + file + (java.nio.file.Files.exists(file) ? ": not a regular file"
                    : ": no such file"));
            return CrosslensCli.EXIT_USAGE;
        }
        for (Path w : files) {
            if (!java.nio.file.Files.isRegularFile(w)) {
                err.println("crosslens run: --file " + w + ": no such file");
                return CrosslensCli.EXIT_USAGE;
            }
        }
        if (sysroot != null && !java.nio.file.Files.isDirectory(Path.of(sysroot))) {
            err.println("crosslens run: --sysroot " + sysroot + ": no such directory");
            return CrosslensCli.EXIT_USAGE;
        }
        RunRequest req = new RunRequest(file, args, environment, files, kind, cls,
                RunLimits.defaults().withTimeoutMillis(millis), !noIsolation, record, sysroot, qemuStrace);
        if (noIsolation) err.println("crosslens: WARNING: running without isolation (--no-isolation)");
        TraceStatistics stats = new TraceStatistics();
        TraceText.Shown shown = new TraceText.Shown();
        RunListener listener = new RunListener() {
            @Override
            public void started(SessionHeader h) {
                synchronized (out) {
                    out.println("runner: " + h.runner() + " — " + h.description() + (h.isolated() ? ", isolated by bubblewrap" : ", NOT isolated"));
                    out.flush();
                }
            }

            @Override
            public void event(TraceEvent e) {
                synchronized (out) {
                    stats.add(e);
                    if (shown.offer(e, all)) out.println(TraceText.event(e));
                }
            }

            @Override
            public void output(OutputChunk c) {
                synchronized (out) {
                    String prefix = c.stream() == OutputChunk.Stream.STDOUT ? "stdout| " : "stderr| ";
                    for (String line : c.text().split("\n", -1)) {
                        if (!line.isEmpty()) out.println(prefix + line);
                    }
                }
            }
        };
        SandboxRun run;
        try {
            run = new Sandbox().start(req, listener);
        } catch (SandboxException e) {
            err.println("crosslens: " + e.getMessage());
            return CrosslensCli.EXIT_FAILED;
        }
        Thread hook = new Thread(run::stop, "crosslens-run-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        SessionFooter f;
        try {
            f = run.await();
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        synchronized (out) {
            shown.report(out, "--all");
            out.println("----");
            TraceText.statistics(out, stats);
            TraceText.footer(out, f);
            if (record != null) out.println("recorded: " + record);
            out.flush();
        }
        return f.exitCode() != null && f.exitCode() == 0 ? CrosslensCli.EXIT_OK : CrosslensCli.EXIT_FAILED;
    }

    static long parseDuration(String s) {
        String t = s.trim();
        try {
            if (t.endsWith("ms")) return Long.parseLong(t.substring(0, t.length() - 2));
            if (t.endsWith("s")) return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000);
            if (t.endsWith("m")) return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000);
            return Math.round(Double.parseDouble(t) * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration '" + s + "' (use 500ms, 10s, 2m)");
        }
    }
}
