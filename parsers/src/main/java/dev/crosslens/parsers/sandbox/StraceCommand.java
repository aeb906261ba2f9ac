package dev.crosslens.parsers.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The strace command line every traced run uses: follow forks, wall-clock times, durations, fd paths, long strings;
 * with a PID namespace in the tree also the tracer's pid of every pid the tracee sees.
 */
public final class StraceCommand {
    private StraceCommand() {
    }

    /**
     * {@code strace -f -tt -T -yy -s 4096 [--decode-pids=pidns] -o OUT [-e trace=EXPR,%process]}. Process calls
     * are always traced when the classes are narrowed: they tell the sandbox's processes from the program's.
     */
    public static List<String> options(Path strace, String traceExpr, String outFile, boolean pidNamespace) {
        List<String> c = new ArrayList<>(List.of(strace.toString(), "-f", "-tt", "-T", "-yy", "-s", "4096"));
        if (pidNamespace) c.add("--decode-pids=pidns");
        c.add("-o");
        c.add(outFile);
        if (traceExpr != null && !traceExpr.isEmpty()) {
            c.add("-e");
            c.add("trace=" + (traceExpr.contains("%process") ? traceExpr : traceExpr + ",%process"));
        }
        return c;
    }
}
