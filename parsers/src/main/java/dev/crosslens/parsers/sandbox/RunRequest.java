package dev.crosslens.parsers.sandbox;

import dev.crosslens.model.trace.RunLimits;
import dev.crosslens.model.trace.TraceCategory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One run to make.
 *
 * @param environment   variables the program sees beyond the scrubbed base (PATH, HOME, LANG, TMPDIR)
 * @param workingFiles  files copied into the run dir beside the program
 * @param classes       syscall classes to trace; empty means all
 * @param isolated      bubblewrap isolation; false needs the explicit opt-out
 * @param record        session file to write as the run goes, null for none
 * @param sysroot       QEMU -L for dynamic foreign ELF, null for the default
 * @param guestStrace   QEMU -strace instead of host strace of the emulator
 */
public record RunRequest(Path binary, List<String> arguments, Map<String, String> environment,
                         List<Path> workingFiles, RunnerKind runner, Set<TraceCategory> classes, RunLimits limits,
                         boolean isolated, Path record, String sysroot, boolean guestStrace) {
    public RunRequest {
        Objects.requireNonNull(binary, "binary");
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        workingFiles = workingFiles == null ? List.of() : List.copyOf(workingFiles);
        runner = runner == null ? RunnerKind.AUTO : runner;
        classes = classes == null ? Set.of() : Set.copyOf(classes);
        limits = limits == null ? RunLimits.defaults() : limits;
    }

    public static RunRequest of(Path binary, List<String> args) {
        return new RunRequest(binary, args, Map.of(), List.of(), RunnerKind.AUTO, Set.of(), RunLimits.defaults(),
                true, null, null, false);
    }

    public RunRequest withLimits(RunLimits l) {
        return new RunRequest(binary, arguments, environment, workingFiles, runner, classes, l, isolated, record,
                sysroot, guestStrace);
    }

    public RunRequest withRecord(Path file) {
        return new RunRequest(binary, arguments, environment, workingFiles, runner, classes, limits, isolated, file,
                sysroot, guestStrace);
    }

    public RunRequest withRunner(RunnerKind r) {
        return new RunRequest(binary, arguments, environment, workingFiles, r, classes, limits, isolated, record,
                sysroot, guestStrace);
    }

    public RunRequest withIsolation(boolean on) {
        return new RunRequest(binary, arguments, environment, workingFiles, runner, classes, limits, on, record,
                sysroot, guestStrace);
    }

    public RunRequest withClasses(Set<TraceCategory> c) {
        return new RunRequest(binary, arguments, environment, workingFiles, runner, c, limits, isolated, record,
                sysroot, guestStrace);
    }

    public RunRequest withGuestStrace(boolean on) {
        return new RunRequest(binary, arguments, environment, workingFiles, runner, classes, limits, isolated, record,
                sysroot, on);
    }

    /** strace's -e trace= value for the classes ("%file,%network"), "" for everything. */
    public String traceExpression() {
        if (classes.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        for (TraceCategory c : new java.util.TreeSet<>(classes)) {
            String s = switch (c) {
                case FILE, REGISTRY -> "%file,%desc";
                case NETWORK -> "%network";
                case PROCESS -> "%process,%creds";
                case MEMORY -> "%memory";
                case SIGNAL -> "%signal";
                case IPC -> "%ipc";
                case TIME -> "%clock";
                default -> null;
            };
            if (s != null && sb.indexOf(s) < 0) {
                if (sb.length() > 0) sb.append(',');
                sb.append(s);
            }
        }
        return sb.toString();
    }
}
