package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.EventKind;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads QEMU user mode's {@code -strace} log (guest syscalls; {@code -D FILE} keeps it out of the guest's stderr):
 * {@code PID name(args) = result}, {@code = -1 errno=115 (Operation now in progress)}, {@code --- SIGURG {...} ---},
 * {@code Unknown syscall N}. QEMU prints a call's start and its result in two writes and without a thread id, so
 * with threads a line can hold one call's start and then another's ({@code nanosleep(...)25332 openat(...) = 3}),
 * a signal ({@code nanosleep(...)--- SIGURG {...} ---}), or only a result ({@code  = 0}). A call printed without
 * its result waits for the next bare result line (the most recent one first: QEMU's own order); its event says
 * that the result was matched by order. Calls still waiting at the end have no result.
 *
 * <p>QEMU prints no timestamps: the time is {@code clock} when the line is read. Its {@code pid} column is the
 * guest's process id (every thread prints the same). Events are SYSCALL from the guest, names resolved with the
 * guest arch's table for unknown numbers. QEMU 7.2 decodes socket addresses for {@code bind} (and the socketcall
 * arches) but prints {@code connect}'s as a pointer: such a connect says so in its note.
 */
public final class QemuStraceParser {
    private static final Pattern START = Pattern.compile("(\\d+) ([a-z_][a-z0-9_]*)\\(");
    private static final Pattern ERRNO = Pattern.compile("^-1 errno=(\\d+)");
    private static final Pattern UNKNOWN = Pattern.compile("Unknown syscall (\\d+)");
    private static final String SIGNAL = "--- SIG";
    private static final int MAX_OPEN = 64;

    private final TraceMapping mapping;
    private final SyscallTable table;
    private final String origin;
    private final Consumer<TraceEvent> sink;
    private final LongSupplier clock;
    private final Deque<Open> open = new ArrayDeque<>();
    private long unread;

    private record Open(int pid, String name, String args, long time, String raw) {
    }

    public QemuStraceParser(TraceMapping mapping, SyscallTable table, String origin, LongSupplier clock,
                            Consumer<TraceEvent> sink) {
        this.mapping = mapping;
        this.table = table;
        this.origin = origin;
        this.clock = clock;
        this.sink = sink;
    }

    public long unreadLines() {
        return unread;
    }

    public void accept(String line) {
        long t = clock.getAsLong();
        Matcher u = UNKNOWN.matcher(line);
        if (u.find()) {
            int nr = Integer.parseInt(u.group(1));
            sink.accept(new TraceEvent(-1, t, 0, 0, TraceSource.EMULATOR, EventKind.NOTE, origin, table.name(nr),
                    List.of("nr=" + nr), "-1", "ENOSYS", null, TraceCategory.OTHER, null, null, null,
                    "QEMU does not implement syscall " + nr + " (" + table.name(nr) + ") for " + table.arch()
                            + ": an emulator limit", line));
            return;
        }
        String rest = line;
        if (rest.startsWith(" = ")) {
            // the result of a call printed before (another thread's line came in between)
            int next = nextSegment(rest, 3);
            result(rest.substring(3, next).trim(), t, line);
            rest = rest.substring(next);
        }
        while (!rest.isEmpty()) {
            int next = nextSegment(rest, 1);
            String seg = rest.substring(0, next);
            rest = rest.substring(next);
            if (seg.startsWith(SIGNAL)) {
                signal(seg, t);
            } else if (START.matcher(seg).lookingAt()) {
                call(seg, t);
            } else if (!seg.isBlank()) {
                unread++;
            }
        }
    }

    /** Where the next call start or signal begins in {@code s} (from {@code from}), or its length. */
    private static int nextSegment(String s, int from) {
        int best = s.length();
        int sig = s.indexOf(SIGNAL, from);
        if (sig >= 0) best = sig;
        Matcher m = START.matcher(s);
        int at = from;
        while (m.find(at)) {
            int st = m.start();
            if (st >= best) break;
            if (st == 0 || s.charAt(st - 1) == ')' || !Character.isDigit(s.charAt(st - 1))) {
                if (st >= from) return Math.min(best, st);
            }
            at = st + 1;
        }
        return best;
    }

    private void signal(String seg, long t) {
        String body = seg.trim();
        if (body.endsWith(" ---")) body = body.substring(0, body.length() - 4);
        body = body.substring(4);
        int sp = body.indexOf(' ');
        int pid = open.isEmpty() ? 0 : open.peek().pid();
        sink.accept(new TraceEvent(-1, t, pid, pid, TraceSource.SYSCALL, EventKind.SIGNAL, origin,
                sp > 0 ? body.substring(0, sp) : body, sp > 0 ? List.of(body.substring(sp + 1)) : List.of(),
                null, null, null, TraceCategory.SIGNAL, null, null, null, null, seg));
    }

    private void call(String s, long t) {
        int sp = s.indexOf(' ');
        int pid = Integer.parseInt(s.substring(0, sp));
        int paren = s.indexOf('(', sp);
        String name = s.substring(sp + 1, paren);
        int eq = s.lastIndexOf(") = ");
        if (eq < 0) {
            String args = s.endsWith(")") ? s.substring(paren + 1, s.length() - 1) : s.substring(paren + 1);
            open.push(new Open(pid, name, args, t, s));
            if (open.size() > MAX_OPEN) {
                Open old = open.removeLast();
                emit(old.pid(), old.name(), old.args(), null, old.time(), old.raw(),
                        "QEMU printed no result for this call");
            }
            return;
        }
        emit(pid, name, s.substring(paren + 1, eq), s.substring(eq + 4).trim(), t, s, null);
    }

    private void result(String text, long t, String raw) {
        Open o = open.poll();
        if (o == null) {
            unread++;
            return;
        }
        emit(o.pid(), o.name(), o.args(), text, o.time(), o.raw() + "\n" + raw,
                "result matched by order: QEMU prints results without a thread id");
    }

    private void emit(int pid, String name, String args, String resultText, long t, String raw, String note) {
        String result = resultText;
        String errno = null;
        if (resultText != null) {
            Matcher e = ERRNO.matcher(resultText);
            if (e.find()) {
                result = "-1";
                errno = table.errno(Integer.parseInt(e.group(1)));
            } else {
                int blank = resultText.indexOf(' ');
                if (blank > 0) result = resultText.substring(0, blank);
            }
        }
        if (name.startsWith("syscall_")) {
            try {
                name = table.name(Integer.parseInt(name.substring(8)));
            } catch (NumberFormatException ignored) {
                // keep QEMU's name as printed
            }
        }
        List<String> argv = TraceArgs.split(args);
        String n = note;
        if ("connect".equals(name) && !argv.isEmpty() && argv.size() > 1 && argv.get(1).startsWith("0x")) {
            String more = "QEMU 7.2's -strace prints connect's address as a pointer (" + argv.get(1)
                    + "): the endpoint is not known in this mode (host strace of QEMU, the default, decodes it)";
            n = n == null ? more : n + "; " + more;
        }
        TraceEvent ev = new TraceEvent(-1, t, pid, pid, TraceSource.SYSCALL, EventKind.CALL, origin, name,
                argv, result, errno, null, null, null, null, null, n, raw);
        sink.accept(EmulatorArtefacts.label(mapping.classifySyscall(ev)));
    }

    /** Emits the calls still waiting for a result (the process ended inside them, or QEMU never printed it). */
    public void finish() {
        List<Open> left = new ArrayList<>(open);
        open.clear();
        for (int i = left.size() - 1; i >= 0; i--) {
            Open o = left.get(i);
            emit(o.pid(), o.name(), o.args(), null, o.time(), o.raw(), "QEMU printed no result for this call");
        }
    }
}
