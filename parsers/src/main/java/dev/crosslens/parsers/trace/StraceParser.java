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
 * Reads strace output ({@code -f -tt -T -yy [--decode-pids=pidns]}, with or without the pid column) line by line
 * into events. Stateful: an {@code <unfinished ...>} call is held per thread until its {@code <... name resumed>}
 * line comes; {@link #finish()} emits calls that never resumed (the process died in them). Not thread-safe: one
 * parser per trace file.
 *
 * <p>Threads and processes: {@code strace -f} prints thread ids. The parser maps each to its thread group (the
 * process): a {@code clone}/{@code clone3} with {@code CLONE_THREAD} makes a thread of the caller's process, any
 * other {@code clone}, {@code fork} or {@code vfork} a child process, and {@code execve} keeps the pid. Events carry
 * the process as {@code pid} and the thread as {@code tid}. strace can print a new thread's first lines before its
 * creator's {@code clone} returns; those lines are held until the {@code clone} names the thread (only while a
 * {@code clone} is in flight; otherwise an unknown thread is taken as a process of its own). With
 * {@code --decode-pids=pidns} (a traced PID namespace) the tracer's pid in {@code /* N in strace's PID NS * /} is
 * used, so every pid of an event is the one of the pid column.
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
    /** thread id -> process (thread group) id, for every thread seen or announced by a clone. */
    private final Map<Integer, Integer> groups = new HashMap<>();
    /** Events of threads no clone has named yet (strace printed them before the clone returned). */
    private final Map<Integer, List<TraceEvent>> unknown = new java.util.LinkedHashMap<>();
    private int unknownEvents;
    private long baseMicrosOfDay = -1;
    private long offsetMicros;
    private int lastPid;
    private long unread;
    private long lines;

    private record Pending(long time, String name, String head, String raw) {
    }

    /** Held events of unknown threads beyond this are released as processes of their own. */
    private static final int MAX_HELD = 10_000;
    private static final java.util.regex.Pattern PIDNS = java.util.regex.Pattern.compile(
            "/\\* (\\d+) in strace's PID NS \\*/");

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
        releaseUnknown();
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
            } else if (more.startsWith("/* ")) {
                // --decode-pids=pidns: "3 /* 26122 in strace's PID NS */": the pid as the pid column prints it
                java.util.regex.Matcher m = PIDNS.matcher(more);
                if (m.find()) result = m.group(1);
            }
        }
        List<String> args = TraceArgs.split(argsText);
        boolean clone = errno == null && isClone(name);
        int child = clone ? leadingInt(result) : -1;
        if ("execve".equals(name) || "execveat".equals(name)) {
            TraceEvent e = build(pid, t, name, args, result, errno, dur, raw);
            emit(e);
            if (errno == null) {
                String prog = TraceFacts.startedProgram(e);
                if (prog != null) origins.put(group(pid), TraceFacts.baseName(prog));
            }
            return;
        }
        TraceEvent e = build(pid, t, name, args, result, errno, dur, raw);
        emit(e);
        if (clone && child > 0) {
            adopt(pid, child, argsText.contains("CLONE_THREAD"));
        } else if (isClone(name) && !cloneInFlight()) {
            releaseUnknown();
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
        TraceEvent e = new TraceEvent(-1, t, group(pid), pid, TraceSource.SYSCALL, EventKind.SIGNAL, origin(pid), sig, args,
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
        } else if (body.startsWith("superseded by execve in pid ")) {
            // another thread of this process called execve and takes over this (the leader's) thread id
            int other = leadingInt(body.substring("superseded by execve in pid ".length()));
            Pending p = other > 0 ? pending.remove(other) : null;
            if (p != null) pending.put(pid, p);
            return;
        } else {
            unread++;
            return;
        }
        Pending p = pending.remove(pid);
        if (p != null) {
            emit(build(pid, p.time(), p.name(), argsOf(p.head(), p.name()), "?", null, null, p.raw()));
        }
        TraceEvent e = new TraceEvent(-1, t, group(pid), pid, TraceSource.SYSCALL, kind, origin(pid), name, List.of(),
                result, null, null, dev.crosslens.model.trace.TraceCategory.PROCESS, null, null, null, null, cap(line));
        emit(e);
    }

    private TraceEvent build(int pid, long t, String name, List<String> args, String result, String errno, Long dur,
                             String raw) {
        TraceEvent e = new TraceEvent(-1, t, group(pid), pid, TraceSource.SYSCALL, EventKind.CALL, origin(pid), name,
                args, result, errno, dur, null, null, null, null, null, cap(raw));
        return mapping.classifySyscall(e);
    }

    /** Emits an event, or holds it while its thread is not known yet and a clone that may name it is in flight. */
    private void emit(TraceEvent e) {
        int tid = e.tid();
        if (!groups.containsKey(tid)) {
            List<TraceEvent> held = unknown.get(tid);
            if (held == null && (groups.isEmpty() || !cloneInFlight() || unknownEvents >= MAX_HELD)) {
                groups.put(tid, tid); // the first thread of the trace, or one no clone can name: its own process
                sink.accept(e);
                return;
            }
            if (held == null) unknown.put(tid, held = new ArrayList<>());
            held.add(e);
            unknownEvents++;
            return;
        }
        sink.accept(e);
    }

    private boolean cloneInFlight() {
        for (Pending p : pending.values()) {
            if (isClone(p.name())) return true;
        }
        return false;
    }

    private static boolean isClone(String name) {
        return "clone".equals(name) || "clone3".equals(name) || "fork".equals(name) || "vfork".equals(name);
    }

    /** A clone named {@code child}: records its group and releases what it printed before, now with its process. */
    private void adopt(int parentTid, int child, boolean thread) {
        int process = thread ? group(parentTid) : child;
        groups.put(child, process);
        String inherited = origin(parentTid);
        List<TraceEvent> held = unknown.remove(child);
        if (held != null) {
            unknownEvents -= held.size();
            // what the child printed before its clone returned: the parent's name until an exec renames it
            String o = inherited;
            for (TraceEvent h : held) {
                if (!h.failed() && ("execve".equals(h.name()) || "execveat".equals(h.name()))) {
                    String prog = TraceFacts.startedProgram(h);
                    if (prog != null) o = TraceFacts.baseName(prog);
                }
                sink.accept(regroup(h, process, thread ? origin(process) : o));
            }
            if (!thread) origins.put(child, o);
        } else if (!thread) {
            origins.putIfAbsent(child, inherited);
        }
        if (!cloneInFlight()) releaseUnknown();
    }

    /** No clone is in flight: threads still unknown are processes of their own. */
    private void releaseUnknown() {
        if (unknown.isEmpty()) return;
        List<Map.Entry<Integer, List<TraceEvent>>> all = new ArrayList<>(unknown.entrySet());
        unknown.clear();
        unknownEvents = 0;
        for (Map.Entry<Integer, List<TraceEvent>> en : all) {
            groups.put(en.getKey(), en.getKey());
            for (TraceEvent h : en.getValue()) sink.accept(h);
        }
    }

    private static TraceEvent regroup(TraceEvent e, int process, String origin) {
        if (e.pid() == process && e.origin().equals(origin)) return e;
        return new TraceEvent(e.seq(), e.timeMicros(), process, e.tid(), e.source(), e.kind(), origin,
                e.name(), e.arguments(), e.result(), e.errno(), e.durationMicros(), e.category(), e.risk(),
                e.riskReason(), e.windowsApi(), e.note(), e.raw());
    }

    /** The process (thread group) of a thread; the thread itself while not known. */
    private int group(int tid) {
        Integer g = groups.get(tid);
        return g != null ? g : tid;
    }

    private String origin(int tid) {
        String o = origins.get(group(tid));
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
