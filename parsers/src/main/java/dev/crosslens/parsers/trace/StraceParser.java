package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.EventKind;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads strace output ({@code -f -tt -T -yy}, with or without the pid column) line by line into events.
 * Stateful: an {@code <unfinished ...>} call is held per pid until its {@code <... name resumed>} line comes;
 * {@link #finish()} emits calls that never resumed (the process died in them). Not thread-safe: one parser per
 * trace file.
 *
 * <p>Handles {@code --- SIGCHLD {...} ---} signals, {@code +++ exited with N +++} and
 * {@code +++ killed by SIGKILL +++}, {@code = -1 ENOENT (...)} errors and {@code <0.000012>} durations. Lines it
 * cannot read are counted ({@link #unreadLines()}), never thrown.
 */
public final class StraceParser {
    private static final long DAY_MICROS = 86_400_000_000L;
    private static final int RAW_CAP = 4096;

    private final TraceMapping mapping;
    private final Consumer<TraceEvent> sink;
    private final String defaultOrigin;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final Map<Integer, String> origins = new HashMap<>();
    private long baseMicrosOfDay = -1;
    private long offsetMicros;
    private int lastPid;
    private long unread;
    private long lines;

    private record Pending(long time, String name, String head, String raw) {
    }

    /**
     * @param defaultOrigin origin given to processes until an exec names them ("program", "wineserver")
     * @param sink          receives events in the order their calls complete
     */
    public StraceParser(TraceMapping mapping, String defaultOrigin, Consumer<TraceEvent> sink) {
        this.mapping = mapping;
        this.defaultOrigin = defaultOrigin;
        this.sink = sink;
    }

    /**
     * Aligns the trace clock: an event at {@code microsOfDay} (local time of day) is {@code sessionMicros} into
     * the session. Without it the first line is time 0.
     */
    public StraceParser alignClock(long microsOfDay, long sessionMicros) {
        this.baseMicrosOfDay = microsOfDay;
        this.offsetMicros = sessionMicros;
        return this;
    }

    public long unreadLines() {
        return unread;
    }

    public long lines() {
        return lines;
    }

    /** Parses one line (without its newline). */
    public void accept(String line) {
        lines++;
        int n = line.length();
        int i = 0;
        while (i < n && line.charAt(i) == ' ') i++;
        int pid = lastPid;
        // optional pid column: digits followed by spaces, then the time (which has a ':')
        int j = i;
        while (j < n && Character.isDigit(line.charAt(j))) j++;
        if (j > i && j < n && line.charAt(j) == ' ') {
            pid = parseInt(line, i, j);
            i = j;
            while (i < n && line.charAt(i) == ' ') i++;
        }
        long time = -1;
        if (i + 8 <= n && line.charAt(i + 2) == ':' && line.charAt(i + 5) == ':') {
            time = parseTime(line, i);
            i = line.indexOf(' ', i);
            if (i < 0) { unread++; return; }
            i++;
        }
        long t = sessionTime(time);
        lastPid = pid;
        String rest = line.substring(i);
        if (rest.startsWith("--- ")) {
            signal(pid, t, rest, line);
        } else if (rest.startsWith("+++ ")) {
            exit(pid, t, rest, line);
        } else if (rest.startsWith("<... ")) {
            resumed(pid, t, rest, line);
        } else {
            call(pid, t, rest, line);
        }
    }

    /** Emits calls still waiting for their resumption (their process ended inside them). */
    public void finish() {
        for (Map.Entry<Integer, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            emit(build(e.getKey(), p.time(), p.name(), argsOf(p.head(), p.name()), "?", null, null, p.raw())
                    .withNote("unfinished: the process ended inside this call"));
        }
        pending.clear();
    }

    private void call(int pid, long t, String rest, String line) {
        int paren = rest.indexOf('(');
        if (paren <= 0) { unread++; return; }
        String name = rest.substring(0, paren);
        if (!isName(name)) { unread++; return; }
        if (rest.endsWith(" <unfinished ...>")) {
            String head = rest.substring(paren + 1, rest.length() - " <unfinished ...>".length());
            pending.put(pid, new Pending(t, name, head, line));
            return;
        }
        complete(pid, t, name, rest.substring(paren + 1), line);
    }

    private void resumed(int pid, long t, String rest, String line) {
        int sp = rest.indexOf(' ', 5);
        int gt = rest.indexOf(" resumed>", 5);
        if (sp < 0 || gt < 0) { unread++; return; }
        String name = rest.substring(5, gt);
        Pending p = pending.remove(pid);
        String tail = rest.substring(gt + " resumed>".length());
        if (p == null || !p.name().equals(name)) {
            // resumed without its start (trace began mid-call or the start line was lost)
            complete(pid, t, name, tail, line);
            return;
        }
        String head = p.head();
        String joined = head.isEmpty() ? tail.stripLeading() : (head + tail);
        complete(pid, p.time(), name, joined, p.raw() + "\n" + line);
    }

    /** {@code body} is everything after "name(": "args) = result <dur>". */
    private void complete(int pid, long t, String name, String body, String raw) {
        Long dur = null;
        String b = body;
        if (b.endsWith(">")) {
            int lt = b.lastIndexOf(" <");
            if (lt > 0 && lt + 2 < b.length() && Character.isDigit(b.charAt(lt + 2))) {
                dur = parseDurationMicros(b, lt + 2, b.length() - 1);
                b = b.substring(0, lt);
            }
        }
        // ") = result", strace pads short calls: "brk(NULL)         = 0x5555..."
        int eq = b.lastIndexOf(" = ");
        int close = eq - 1;
        while (close >= 0 && b.charAt(close) == ' ') close--;
        String argsText;
        String resultText;
        if (eq >= 0 && close >= 0 && b.charAt(close) == ')') {
            argsText = b.substring(0, close);
            resultText = b.substring(eq + 3);
        } else if (b.endsWith(") = ?") || b.endsWith(")")) {
            argsText = b.substring(0, b.lastIndexOf(')'));
            resultText = "?";
        } else {
            argsText = b;
            resultText = "?";
        }
        String result = resultText;
        String errno = null;
        int sp = resultText.indexOf(' ');
        if (sp > 0) {
            result = resultText.substring(0, sp);
            String more = resultText.substring(sp + 1);
            if (more.length() > 1 && more.charAt(0) == 'E' && Character.isUpperCase(more.charAt(1))) {
                int end = more.indexOf(' ');
                errno = end > 0 ? more.substring(0, end) : more;
            }
        }
        TraceEvent e = build(pid, t, name, TraceArgs.split(argsText), result, errno, dur, raw);
        emit(e);
        if ("execve".equals(name) || "execveat".equals(name)) {
            if (errno == null) {
                String prog = TraceFacts.startedProgram(e);
                if (prog != null) origins.put(pid, TraceFacts.baseName(prog));
            }
        } else if (errno == null && ("clone".equals(name) || "clone3".equals(name) || "fork".equals(name)
                || "vfork".equals(name))) {
            int child = leadingInt(result);
            if (child > 0) origins.putIfAbsent(child, origin(pid));
        }
    }

    private static List<String> argsOf(String head, String name) {
        return TraceArgs.split(head);
    }

    private void signal(int pid, long t, String rest, String line) {
        // --- SIGCHLD {si_signo=SIGCHLD, ...} ---
        String body = rest.endsWith(" ---") ? rest.substring(4, rest.length() - 4) : rest.substring(4);
        int sp = body.indexOf(' ');
        String sig = sp > 0 ? body.substring(0, sp) : body;
        List<String> args = sp > 0 ? List.of(body.substring(sp + 1)) : List.of();
        TraceEvent e = new TraceEvent(-1, t, pid, pid, TraceSource.SYSCALL, EventKind.SIGNAL, origin(pid), sig, args,
                null, null, null, null, null, null, null, null, cap(line));
        emit(e.withClassification(dev.crosslens.model.trace.TraceCategory.SIGNAL, e.risk(), "", null));
    }

    private void exit(int pid, long t, String rest, String line) {
        // +++ exited with 0 +++ / +++ killed by SIGKILL (core dumped) +++
        String body = rest.endsWith(" +++") ? rest.substring(4, rest.length() - 4) : rest.substring(4);
        EventKind kind;
        String result;
        String name;
        if (body.startsWith("exited with ")) {
            kind = EventKind.EXITED;
            result = body.substring("exited with ".length()).trim();
            name = "exited";
        } else if (body.startsWith("killed by ")) {
            kind = EventKind.KILLED;
            result = body.substring("killed by ".length()).trim();
            name = "killed";
        } else {
            unread++;
            return;
        }
        Pending p = pending.remove(pid);
        if (p != null) {
            emit(build(pid, p.time(), p.name(), argsOf(p.head(), p.name()), "?", null, null, p.raw()));
        }
        TraceEvent e = new TraceEvent(-1, t, pid, pid, TraceSource.SYSCALL, kind, origin(pid), name, List.of(),
                result, null, null, dev.crosslens.model.trace.TraceCategory.PROCESS, null, null, null, null, cap(line));
        emit(e);
    }

    private TraceEvent build(int pid, long t, String name, List<String> args, String result, String errno, Long dur,
                             String raw) {
        TraceEvent e = new TraceEvent(-1, t, pid, pid, TraceSource.SYSCALL, EventKind.CALL, origin(pid), name, args,
                result, errno, dur, null, null, null, null, null, cap(raw));
        return mapping.classifySyscall(e);
    }

    private void emit(TraceEvent e) {
        sink.accept(e);
    }

    private String origin(int pid) {
        String o = origins.get(pid);
        return o != null ? o : defaultOrigin;
    }

    /** Seeds the origin of a pid (the runner knows the first pid's program). */
    public void nameProcess(int pid, String origin) {
        origins.put(pid, origin);
    }

    private long sessionTime(long microsOfDay) {
        if (microsOfDay < 0) return offsetMicros;
        if (baseMicrosOfDay < 0) baseMicrosOfDay = microsOfDay;
        long d = microsOfDay - baseMicrosOfDay;
        if (d < -DAY_MICROS / 2) d += DAY_MICROS; // past midnight
        return offsetMicros + d;
    }

    private static String cap(String raw) {
        return raw.length() > RAW_CAP ? raw.substring(0, RAW_CAP) : raw;
    }

    private static boolean isName(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == '_')) return false;
        }
        return !s.isEmpty();
    }

    static int parseInt(String s, int from, int to) {
        int v = 0;
        for (int k = from; k < to; k++) v = v * 10 + (s.charAt(k) - '0');
        return v;
    }

    private static int leadingInt(String s) {
        int k = 0;
        while (k < s.length() && Character.isDigit(s.charAt(k))) k++;
        if (k == 0 || k > 9) return -1;
        return parseInt(s, 0, k);
    }

    /** "HH:MM:SS.ffffff" at {@code i} -> microseconds of the day. */
    static long parseTime(String s, int i) {
        long h = parseInt(s, i, i + 2);
        long m = parseInt(s, i + 3, i + 5);
        long sec = parseInt(s, i + 6, i + 8);
        long micros = 0;
        if (i + 8 < s.length() && s.charAt(i + 8) == '.') {
            int k = i + 9;
            int digits = 0;
            while (k < s.length() && Character.isDigit(s.charAt(k)) && digits < 6) {
                micros = micros * 10 + (s.charAt(k) - '0');
                k++;
                digits++;
            }
            while (digits++ < 6) micros *= 10;
        }
        return ((h * 60 + m) * 60 + sec) * 1_000_000L + micros;
    }

    private static Long parseDurationMicros(String s, int from, int to) {
        long whole = 0;
        long frac = 0;
        int digits = 0;
        boolean dot = false;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c == '.') {
                dot = true;
            } else if (c >= '0' && c <= '9') {
                if (dot) {
                    if (digits < 6) { frac = frac * 10 + (c - '0'); digits++; }
                } else {
                    whole = whole * 10 + (c - '0');
                }
            } else {
                return null;
            }
        }
        while (digits++ < 6) frac *= 10;
        return whole * 1_000_000L + frac;
    }

    /** Parses a whole text (tests, reopening a raw strace log). */
    public static List<TraceEvent> parseAll(TraceMapping mapping, String origin, Iterable<String> lines) {
        List<TraceEvent> out = new ArrayList<>();
        StraceParser p = new StraceParser(mapping, origin, out::add);
        for (String l : lines) p.accept(l);
        p.finish();
        return out;
    }
}
