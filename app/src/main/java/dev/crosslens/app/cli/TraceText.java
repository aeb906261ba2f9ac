package dev.crosslens.app.cli;

import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.trace.TraceStatistics;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Plain-text forms of trace events and statistics for {@code run} and {@code trace show}. */
final class TraceText {
    private TraceText() {
    }

    /** One line: time, pid (pid/tid for a thread that is not the process's first), origin, source, the call. */
    static String event(TraceEvent e) {
        StringBuilder sb = new StringBuilder();
        String who = e.tid() == e.pid() ? Integer.toString(e.pid()) : e.pid() + "/" + e.tid();
        sb.append(String.format("%10.3f ms %11s %-14s %-10s ", e.timeMicros() / 1000.0, who, clip(e.origin(), 14),
                e.source().name().toLowerCase()));
        sb.append(e.name()).append('(').append(clip(String.join(", ", e.arguments()), 160)).append(')');
        if (e.result() != null) sb.append(" = ").append(e.result());
        if (e.errno() != null) sb.append(' ').append(e.errno());
        if (e.risk() != RiskLevel.NONE) sb.append("  [").append(e.risk().label()).append(": ").append(e.riskReason()).append(']');
        if (e.windowsApi() != null) sb.append("  ~ ").append(e.windowsApi());
        if (!e.note().isEmpty()) sb.append("  // ").append(e.note());
        return sb.toString();
    }

    /** errnos that say something went wrong that matters (not a search probe, a retry or a poll). */
    private static final java.util.Set<String> MATTERING = java.util.Set.of("EACCES", "EPERM", "ENOEXEC", "ENOSYS",
            "EROFS", "ENOSPC", "EDQUOT", "ECONNREFUSED", "ENETUNREACH", "EHOSTUNREACH", "ECONNRESET", "EFAULT",
            "ENOMEM", "ELIBBAD", "ETXTBSY", "EIO");

    /**
     * What {@code run} and {@code trace show} print without {@code --all}/{@code --events}: acts of medium risk
     * and above, and failures that matter (those the static side or the emulator explains, a failed exec, a
     * permission, a missing syscall, a refused connection, a DLL that did not load). Low-risk acts are counted in
     * the risk summary; routine failures (ENOENT of a search path, EAGAIN, EINVAL of readlink on a non-link...) are
     * not shown.
     */
    static boolean notable(TraceEvent e) {
        if (e.risk().compareTo(RiskLevel.MEDIUM) >= 0) return true;
        if (!e.failed()) return false;
        // wineserver's own failures are Wine's business; one that fails the program shows in the program's call
        if (e.origin().startsWith("wineserver")) return false;
        if (e.source() == dev.crosslens.model.trace.TraceSource.EMULATOR) return true;
        if (dev.crosslens.parsers.trace.TraceFacts.isWineLoaderExec(e)) return false; // its preloader search
        if (!e.note().isEmpty() && !e.note().startsWith("unfinished")) return true;
        if (e.source() == dev.crosslens.model.trace.TraceSource.WINDOWS_API) {
            return "not found".equals(e.errno()) || "unimplemented".equals(e.errno());
        }
        if (e.name().startsWith("execve")) return true;
        if ("EPERM".equals(e.errno()) && (e.name().equals("epoll_ctl") || e.name().equals("ptrace"))) return false;
        return MATTERING.contains(e.errno());
    }

    /** Counts what {@link #notable} leaves out, for the line that says so. */
    static final class Shown {
        private long shown;
        private long left;

        boolean offer(TraceEvent e, boolean all) {
            if (all || notable(e)) {
                shown++;
                return true;
            }
            left++;
            return false;
        }

        void report(PrintWriter out, String flag) {
            if (left > 0) {
                out.println("(" + left + " of " + (shown + left) + " events not shown: low-risk acts, routine "
                        + "failures and plain calls; " + flag + " prints every event)");
            }
        }
    }

    static void statistics(PrintWriter out, TraceStatistics st) {
        List<TraceStatistics.RiskRow> rows = st.riskSummary();
        out.printf("events: %d, failed calls: %d, highest risk: %s%s%n", st.events(), st.errors(), st.maxRisk().label(),
                rows.isEmpty() ? "" : " (" + rows.get(0).reason() + ")");
        if (!rows.isEmpty()) {
            out.println("risk (most serious first):");
            rows.forEach(r -> out.printf("  %5d  %s: %s%n", r.count(), r.level().label(), r.reason()));
        }
        if (!st.endpoints().isEmpty()) {
            out.println("network endpoints:");
            st.endpoints().forEach((k, v) -> out.printf("  %5d  %s%n", v, k));
        }
        if (!st.spawned().isEmpty()) {
            out.println("processes started:");
            st.spawned().forEach(s -> out.println("         " + s));
        }
        out.println("files touched: " + st.files().size());
        int shown = 0;
        for (Map.Entry<String, String> f : st.files().entrySet()) {
            if (!f.getValue().equals("read") && shown++ < 40) out.printf("  %-8s %s%n", f.getValue(), f.getKey());
        }
        out.println("calls (top 15 by count):");
        st.byName().entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().calls(), a.getValue().calls())).limit(15)
                .forEach(en -> out.printf("  %7d calls %6d errors  %s%n", en.getValue().calls(), en.getValue().errors(),
                        en.getKey()));
    }

    static void footer(PrintWriter out, SessionFooter f) {
        if (f == null) {
            out.println("end: no footer (the run did not finish writing)");
            return;
        }
        out.println("end: " + f.message() + (f.outputDropped() > 0 ? "; " + f.outputDropped() + " output bytes dropped" : ""));
    }

    static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
