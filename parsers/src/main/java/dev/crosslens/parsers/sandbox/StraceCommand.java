package dev.crosslens.parsers.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The strace command line every runner uses: follow forks, wall-clock times, durations, fd paths, long strings.
 * JDK only, because {@link WineSupervisor} loads it inside the sandbox from a copy in the run dir.
 */
public final class StraceCommand {
    private StraceCommand() {
    }

    /** {@code strace -f -tt -T -yy -s 4096 -o OUT [-e trace=EXPR]}. */
    public static List<String> options(Path strace, String traceExpr, String outFile) {
        List<String> c = new ArrayList<>(List.of(strace.toString(), "-f", "-tt", "-T", "-yy", "-s", "4096", "-o",
                outFile));
        if (traceExpr != null && !traceExpr.isEmpty()) {
            c.add("-e");
            c.add("trace=" + traceExpr);
        }
        return c;
    }
}
