package dev.crosslens.app.cli;

import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.trace.TraceStatistics;

import java.io.PrintWriter;
import java.util.Map;

/** Plain-text forms of trace events and statistics for {@code run} and {@code trace show}. */
final class TraceText {
    private TraceText() {
    }

    static String event(TraceEvent e) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%10.3f ms %6d %-14s %-10s ", e.timeMicros() / 1000.0, e.pid(), clip(e.origin(), 14),
                e.source().name().toLowerCase()));
        sb.append(e.name()).append('(').append(clip(String.join(", ", e.arguments()), 160)).append(')');
        if (e.result() != null) sb.append(" = ").append(e.result());
        if (e.errno() != null) sb.append(' ').append(e.errno());
        if (e.risk() != RiskLevel.NONE) sb.append("  [").append(e.risk().label()).append(": ").append(e.riskReason()).append(']');
        if (e.windowsApi() != null) sb.append("  ~ ").append(e.windowsApi());
        if (!e.note().isEmpty()) sb.append("  // ").append(e.note());
        return sb.toString();
    }

    static boolean notable(TraceEvent e) {
        if (e.risk() != RiskLevel.NONE) return true;
        if (e.source() == dev.crosslens.model.trace.TraceSource.EMULATOR) return e.failed();
        return !e.note().isEmpty() || (e.failed() && !"EAGAIN".equals(e.errno()) && !"ETIMEDOUT".equals(e.errno()));
    }

    static void statistics(PrintWriter out, TraceStatistics st) {
        out.printf("events: %d, failed calls: %d, highest risk: %s%n", st.events(), st.errors(), st.maxRisk().label());
        if (!st.riskReasons().isEmpty()) {
            out.println("risk:");
            st.riskReasons().forEach((k, v) -> out.printf("  %5d  %s%n", v, k));
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
