package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceDiff;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSession;
import dev.crosslens.model.trace.TraceSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares two sessions: files, endpoints, processes and APIs one has and the other has not, and the two
 * sequences of significant events (file, network, process, registry, library, any risk, any failure) aligned on
 * normalised keys ({@code name|object}, with run directories, Wine's temp dirs, pids and fd numbers taken out) by
 * a longest common subsequence after trimming the common prefix and suffix. When the middle parts are larger than
 * {@code maxCells} (rows x columns) the alignment is cut: the middle is shown as removed then added and
 * {@link TraceDiff#alignmentBounded()} is set.
 */
public final class TraceDiffer {
    private static final Pattern RUN_DIR = Pattern.compile("/tmp/run(?=/|$)|/[^\"\\s]*/crosslens-run-[^/\"\\s]+");
    private static final Pattern WINE_TMP = Pattern.compile("/tmp/(\\.wine-\\d+/server-[0-9a-f-]+|wine-[A-Za-z0-9]+)");
    private static final Set<TraceCategory> SIGNIFICANT = Set.of(TraceCategory.FILE, TraceCategory.NETWORK,
            TraceCategory.PROCESS, TraceCategory.REGISTRY, TraceCategory.LIBRARY);

    private final long maxCells;

    public TraceDiffer() {
        this(25_000_000L);
    }

    public TraceDiffer(long maxCells) {
        this.maxCells = maxCells;
    }

    public TraceDiff diff(TraceSession left, TraceSession right) {
        return diff(left.events(), right.events());
    }

    public TraceDiff diff(List<TraceEvent> left, List<TraceEvent> right) {
        Facts l = facts(left);
        Facts r = facts(right);
        List<Integer> li = significant(left);
        List<Integer> ri = significant(right);
        Map<String, Integer> ids = new HashMap<>();
        int[] a = keys(left, li, ids);
        int[] b = keys(right, ri, ids);
        String[] names = new String[ids.size()];
        ids.forEach((k, v) -> names[v] = k);
        List<TraceDiff.Step> steps = new ArrayList<>();
        boolean bounded = align(a, b, li, ri, names, steps);
        return new TraceDiff(minus(r.files, l.files), minus(l.files, r.files), minus(r.endpoints, l.endpoints),
                minus(l.endpoints, r.endpoints), minus(r.processes, l.processes), minus(l.processes, r.processes),
                minus(r.apis, l.apis), minus(l.apis, r.apis), steps, bounded, left.size(), right.size());
    }

    /** The key two runs are compared on. */
    public static String key(TraceEvent e) {
        String object = TraceFacts.endpoint(e);
        if (object == null) object = TraceFacts.startedProgram(e);
        if (object == null) object = TraceFacts.path(e);
        String name = e.source() == TraceSource.WINDOWS_API ? TraceMapping.bareApiName(e.name()) : e.name();
        String k = name + "|" + (object == null ? "" : normalise(object));
        return e.failed() ? k + "|" + e.errno() : k;
    }

    public static String normalise(String s) {
        String t = RUN_DIR.matcher(s).replaceAll("\\$RUN");
        return WINE_TMP.matcher(t).replaceAll("\\$WINETMP");
    }

    private static List<Integer> significant(List<TraceEvent> es) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < es.size(); i++) {
            TraceEvent e = es.get(i);
            if (SIGNIFICANT.contains(e.category()) || e.risk() != RiskLevel.NONE || e.failed()) out.add(i);
        }
        return out;
    }

    private static int[] keys(List<TraceEvent> es, List<Integer> idx, Map<String, Integer> ids) {
        int[] out = new int[idx.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(key(es.get(idx.get(i))), k -> ids.size());
        }
        return out;
    }

    private boolean align(int[] a, int[] b, List<Integer> li, List<Integer> ri, String[] names,
                          List<TraceDiff.Step> out) {
        int pre = 0;
        while (pre < a.length && pre < b.length && a[pre] == b[pre]) pre++;
        int suf = 0;
        while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] == b[b.length - 1 - suf]) suf++;
        for (int i = 0; i < pre; i++) out.add(new TraceDiff.Step(TraceDiff.Op.SAME, names[a[i]], li.get(i), ri.get(i)));
        int n = a.length - pre - suf;
        int m = b.length - pre - suf;
        boolean bounded = (long) n * m > maxCells;
        if (bounded) {
            for (int i = 0; i < n; i++) out.add(new TraceDiff.Step(TraceDiff.Op.REMOVED, names[a[pre + i]], li.get(pre + i), -1));
            for (int j = 0; j < m; j++) out.add(new TraceDiff.Step(TraceDiff.Op.ADDED, names[b[pre + j]], -1, ri.get(pre + j)));
        } else if (n > 0 || m > 0) {
            lcs(a, b, pre, n, m, li, ri, names, out);
        }
        for (int k = suf; k > 0; k--) {
            int i = a.length - k;
            int j = b.length - k;
            out.add(new TraceDiff.Step(TraceDiff.Op.SAME, names[a[i]], li.get(i), ri.get(j)));
        }
        return bounded;
    }

    /** Classic LCS table over the middle parts (bounded by maxCells), walked forward. */
    private static void lcs(int[] a, int[] b, int off, int n, int m, List<Integer> li, List<Integer> ri,
                            String[] names, List<TraceDiff.Step> out) {
        int[][] t = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                t[i][j] = a[off + i] == b[off + j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[off + i] == b[off + j]) {
                out.add(new TraceDiff.Step(TraceDiff.Op.SAME, names[a[off + i]], li.get(off + i), ri.get(off + j)));
                i++;
                j++;
            } else if (j < m && (i == n || t[i][j + 1] >= t[i + 1][j])) {
                out.add(new TraceDiff.Step(TraceDiff.Op.ADDED, names[b[off + j]], -1, ri.get(off + j)));
                j++;
            } else {
                out.add(new TraceDiff.Step(TraceDiff.Op.REMOVED, names[a[off + i]], li.get(off + i), -1));
                i++;
            }
        }
    }

    private record Facts(Set<String> files, Set<String> endpoints, Set<String> processes, Set<String> apis) {
    }

    private static Facts facts(List<TraceEvent> es) {
        Facts f = new Facts(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        // processes as the statistics count them: programs the run started, not its own start nor Wine's loader
        TraceStatistics st = new TraceStatistics();
        st.addAll(es);
        for (String p : st.startedPrograms()) f.processes.add(normalise(p));
        for (TraceEvent e : es) {
            if (e.category() == TraceCategory.FILE || e.category() == TraceCategory.REGISTRY) {
                String p = TraceFacts.path(e);
                if (p != null && !e.failed()) f.files.add(normalise(p));
            }
            String ep = TraceFacts.endpoint(e);
            if (ep != null) f.endpoints.add(ep);
            if (e.source() == TraceSource.WINDOWS_API) {
                f.apis.add(TraceMapping.bareApiName(e.name()));
            } else if (e.windowsApi() != null && e.risk() != RiskLevel.NONE) {
                f.apis.add(e.windowsApi());
            }
        }
        return f;
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>();
        for (String s : a) {
            if (!b.contains(s)) out.add(s);
        }
        return out;
    }
}
