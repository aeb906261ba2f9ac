package dev.crosslens.parsers.sandbox;

import java.util.List;
import java.util.Map;

/**
 * What a runner starts inside the sandbox: the command (paths as the program sees them), environment additions,
 * how it is traced, how stderr is split between the program and a tracer, and the stages that tell the
 * program's processes from the sandbox's own.
 *
 * <p>The tracer is never inside: strace runs outside bubblewrap (outside its PID namespace, so not even
 * {@code /proc/PID/fd} of the tracer is reachable), writing to a file in a directory that is not mounted in the
 * sandbox, so the traced program can neither see nor write its own trace. For {@link Trace#STRACE} and
 * {@link Trace#STRACE_OF_EMULATOR} strace starts bubblewrap; the trace then begins with the sandbox's own
 * processes (bubblewrap, a supervising shell) and {@link #stages()} say which exec turns a process into what: only
 * the program's processes (and Wine's server) are shown. For {@link Trace#GATES} strace attaches to processes that
 * stop themselves at a {@link Gate} until it has.
 *
 * @param qemuLog for {@link Trace#QEMU_LOG}: the file (inside path) QEMU's {@code -D} log is written to
 * @param gates   for {@link Trace#GATES}: where strace attaches
 */
public record Launch(List<String> command, Map<String, String> environment, Trace trace, StderrRoute stderr,
                     List<Stage> stages, String qemuLog, List<Gate> gates) {
    public Launch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        stages = List.copyOf(stages);
        gates = gates == null ? List.of() : List.copyOf(gates);
    }

    public Launch(List<String> command, Map<String, String> environment, Trace trace, StderrRoute stderr,
                  List<Stage> stages, String qemuLog) {
        this(command, environment, trace, stderr, stages, qemuLog, List.of());
    }

    /**
     * A process of the sandbox that stops itself ({@code kill -STOP $$}) before it execs what is to be traced: it
     * is recognised by its command line ({@code sh -c SCRIPT ...}, argv[2] equal to {@code script}); the sandbox
     * attaches {@code strace -f -p} from outside, writing to {@code traceFile}, and continues it once strace is
     * its tracer. What runs before it (Wine's warm-up and services) is not traced at all.
     */
    public record Gate(String script, String traceFile, List<Stage> stages) {
        public Gate {
            stages = List.copyOf(stages);
        }
    }

    /** How the run is traced. */
    public enum Trace {
        /** strace of the program (and, for Wine, of wineserver) from outside the sandbox. */
        STRACE,
        /** host strace of qemu-*-static: QEMU's own start-up and probes are labelled EMULATOR. */
        STRACE_OF_EMULATOR,
        /**
         * QEMU's {@code -strace} written to a log by {@code -D} (guest syscalls, no timestamps). QEMU writes it from
         * the guest's own process, so unlike strace it is not out of the guest's reach.
         */
        QEMU_LOG,
        /** strace attached from outside at each {@link Gate} (Wine: wineserver and the program, not the warm-up). */
        GATES
    }

    /** What the program's stderr also carries. */
    public enum StderrRoute { PLAIN, WINEDEBUG }

    /**
     * An exec that makes a process (and the children it starts) one {@link ProcessRole}: {@code executable} is the
     * path as the sandbox sees it, {@code firstArgument} argv[1] or null for any. The first matching stage wins; an
     * exec that matches none leaves the role as it was.
     */
    public record Stage(String executable, String firstArgument, ProcessRole role) {
        boolean matches(String path, String argv1) {
            return executable.equals(path) && (firstArgument == null || firstArgument.equals(argv1));
        }
    }

    /** Whose a process is. */
    public enum ProcessRole {
        /** The sandbox's own: bubblewrap, the supervising shell and what it runs to wait. Not shown. */
        SANDBOX,
        /** The program and every process it starts. */
        PROGRAM,
        /** wineserver: does the program's file and socket work, and Wine's own. Shown as "wineserver". */
        WINE_SERVER,
        /** Wine's warm-up and the services it starts (services.exe, plugplay, ...): counted, not shown. */
        WINE_SERVICES
    }
}
