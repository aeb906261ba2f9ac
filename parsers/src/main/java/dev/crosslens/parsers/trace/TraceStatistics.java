package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.EventKind;
import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running totals over an event stream: calls and errors per name, files touched, network endpoints, processes
 * spawned, the process tree and a risk summary. Fed incrementally ({@link #add}); not thread-safe.
 */
public final class TraceStatistics {
    /** Calls and errors of one syscall or API. */
    public static final class Counter {
        private long calls;
        private long errors;
        private long micros;

        public long calls() { return calls; }
        public long errors() { return errors; }
        public long totalMicros() { return micros; }
    }

    /** One process (a thread group: its threads are not processes): its parent (0 when not known) and its name. */
    public record ProcessNode(int pid, int parent, String name) {
    }

    private final Map<String, Counter> byName = new TreeMap<>();
    private final Map<String, String> files = new TreeMap<>();
    private final Map<String, Long> endpoints = new TreeMap<>();
    private final List<String> spawned = new ArrayList<>();
    private final java.util.Set<String> startedPrograms = new java.util.TreeSet<>();
    private final java.util.Set<Integer> execed = new java.util.HashSet<>();
    private final java.util.Set<Integer> wineProcesses = new java.util.HashSet<>();
    private final Map<Integer, ProcessNode> processes = new LinkedHashMap<>();
    private final Map<RiskLevel, Long> risks = new EnumMap<>(RiskLevel.class);
    private final Map<String, Long> reasons = new TreeMap<>();
    private final Map<TraceCategory, Long> categories = new EnumMap<>(TraceCategory.class);
    private long events;
    private long errors;
    private long filesVersion;

    public void addAll(Collection<TraceEvent> es) {
        for (TraceEvent e : es) add(e);
    }

    public void add(TraceEvent e) {
        events++;
        processes.putIfAbsent(e.pid(), new ProcessNode(e.pid(), 0, e.origin()));
        categories.merge(e.category(), 1L, Long::sum);
        if (e.kind() != EventKind.CALL) return;
        Counter c = byName.computeIfAbsent(e.name(), k -> new Counter());
        c.calls++;
        if (e.durationMicros() != null) c.micros += e.durationMicros();
        if (e.failed()) {
            c.errors++;
            errors++;
        }
        if (e.risk() != RiskLevel.NONE) {
            risks.merge(e.risk(), 1L, Long::sum);
            reasons.merge(e.risk().label() + ": " + e.riskReason(), 1L, Long::sum);
            byLevel.computeIfAbsent(e.risk(), k -> new TreeMap<>()).merge(e.riskReason(), 1L, Long::sum);
        }
        if (e.category() == TraceCategory.FILE || e.category() == TraceCategory.REGISTRY) {
            String p = TraceFacts.path(e);
            if (p != null) {
                String op = opLabel(e);
                String before = files.get(p);
                if (before == null) {
                    files.put(p, op);
                    filesVersion++;
                } else if (!before.contains(op)) {
                    files.put(p, before + "," + op);
                    filesVersion++;
                }
            }
        }
        String ep = TraceFacts.endpoint(e);
        if (ep != null) endpoints.merge(ep, 1L, Long::sum);
        String prog = TraceFacts.startedProgram(e);
        boolean syscall = e.source() == TraceSource.SYSCALL || e.source() == TraceSource.EMULATOR;
        if (prog != null && (!syscall || startsAnotherProgram(e))) {
            spawned.add(prog + (e.failed() ? " (failed: " + e.errno() + ")" : ""));
            startedPrograms.add(prog);
        }
        if (syscall && !e.failed() && (e.name().startsWith("clone") || e.name().equals("fork")
                || e.name().equals("vfork")) && !String.join(",", e.arguments()).contains("CLONE_THREAD")) {
            try {
                int child = Integer.parseInt(e.result());
                processes.put(child, new ProcessNode(child, e.pid(), e.origin()));
                if (wineProcesses.contains(e.pid())) wineProcesses.add(child);
            } catch (NumberFormatException ignored) {
                // a result that is not a pid (a clone that failed or was cut): no tree edge
            }
        }
        if (syscall && !e.failed() && e.name().startsWith("execve") && prog != null) {
            ProcessNode old = processes.get(e.pid());
            processes.put(e.pid(), new ProcessNode(e.pid(), old == null ? 0 : old.parent(), TraceFacts.baseName(prog)));
            execed.add(e.pid());
            if (TraceFacts.isWineLoaderExec(e)) wineProcesses.add(e.pid());
        }
    }

    /**
     * Whether an exec starts another program, as "processes started" means it: not the run's own program starting
     * (the first exec of a process no traced clone made), and not Wine's loader starting a Windows process (the
     * CreateProcessW of the program is the start people see; wine64 re-executing its preloader is plumbing).
     */
    private boolean startsAnotherProgram(TraceEvent e) {
        if (!e.name().startsWith("execve")) return false;
        ProcessNode n = processes.get(e.pid());
        boolean root = n == null || n.parent() == 0;
        if (root && !execed.contains(e.pid())) return false;
        return !(TraceFacts.isWineLoaderExec(e) && (wineProcesses.contains(e.pid()) || root));
    }

    private static String opLabel(TraceEvent e) {
        if (e.windowsApi() != null && e.windowsApi().startsWith("DeleteFile")) return "delete";
        if (e.riskReason().startsWith("creates")) return "create";
        if (e.riskReason().startsWith("opens a file for writing")) return "write";
        return e.failed() ? "missing" : "read";
    }

    public long events() { return events; }
    public long errors() { return errors; }
    public Map<String, Counter> byName() { return byName; }
    public Map<String, String> files() { return files; }
    /** Changes whenever {@link #files()} does (a new file or a new kind of access): lists need rebuilding then. */
    public long filesVersion() { return filesVersion; }
    public Map<String, Long> endpoints() { return endpoints; }
    public List<String> spawned() { return spawned; }
    /** The programs of {@link #spawned()}, without the failure notes. */
    public java.util.Set<String> startedPrograms() { return startedPrograms; }
    public Map<Integer, ProcessNode> processes() { return processes; }
    public Map<RiskLevel, Long> risks() { return risks; }
    public Map<String, Long> riskReasons() { return reasons; }
    public Map<TraceCategory, Long> categories() { return categories; }

    /** One line of the risk summary: how many events had this level for this reason. */
    public record RiskRow(RiskLevel level, String reason, long count) {
    }

    private final Map<RiskLevel, Map<String, Long>> byLevel = new EnumMap<>(RiskLevel.class);

    /**
     * The risk summary, most serious first (level, then count): a program's own risky acts come before what Wine's
     * loader and server do for it, which the mapping rates lower with its reason.
     */
    public List<RiskRow> riskSummary() {
        List<RiskRow> rows = new ArrayList<>();
        byLevel.forEach((level, m) -> m.forEach((reason, n) -> rows.add(new RiskRow(level, reason, n))));
        rows.sort((a, b) -> a.level() != b.level() ? b.level().compareTo(a.level())
                : a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.reason().compareTo(b.reason()));
        return rows;
    }

    /** The highest risk seen. */
    public RiskLevel maxRisk() {
        RiskLevel max = RiskLevel.NONE;
        for (RiskLevel r : risks.keySet()) max = max.max(r);
        return max;
    }
}
