package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.EventKind;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads QEMU user mode's {@code -strace} output (guest syscalls on stderr): {@code PID name(args) = result},
 * {@code = -1 errno=115 (Operation now in progress)}, {@code --- SIGURG {...} ---}, {@code Unknown syscall N}.
 * QEMU prints no timestamps: the time is taken from {@code clock} when the line is read. A call interrupted by
 * another thread's line ({@code nanosleep(...)25332 openat(...)}) is split and the cut call kept without result.
 * Events are SYSCALL from the guest, names resolved with the guest arch's table for unknown numbers.
 */
public final class QemuStraceParser {
    private static final Pattern START = Pattern.compile("(\\d+) ([a-z_][a-z0-9_]*)\\(");
    private static final Pattern ERRNO = Pattern.compile("^-1 errno=(\\d+)");
    private static final Pattern UNKNOWN = Pattern.compile("Unknown syscall (\\d+)");

    private final TraceMapping mapping;
    private final SyscallTable table;
    private final String origin;
    private final Consumer<TraceEvent> sink;
    private final LongSupplier clock;
    private long unread;

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
        int sig = line.indexOf(" --- ");
        if (sig > 0 && line.endsWith(" ---")) {
            int pid = leadingPid(line);
            String body = line.substring(sig + 5, line.length() - 4);
            int sp = body.indexOf(' ');
            sink.accept(new TraceEvent(-1, t, pid, pid, TraceSource.SYSCALL, EventKind.SIGNAL, origin,
                    sp > 0 ? body.substring(0, sp) : body, sp > 0 ? List.of(body.substring(sp + 1)) : List.of(),
                    null, null, null, TraceCategory.SIGNAL, null, null, null, null, line));
            return;
        }
        Matcher m = START.matcher(line);
        List<int[]> starts = new ArrayList<>();
        while (m.find()) {
            if (m.start() == 0 || line.charAt(m.start() - 1) == ')' || !Character.isDigit(line.charAt(m.start() - 1))) {
                starts.add(new int[]{m.start(), m.end()});
            }
        }
        if (starts.isEmpty()) {
            if (!line.isBlank()) unread++;
            return;
        }
        for (int k = 0; k < starts.size(); k++) {
            int from = starts.get(k)[0];
            int to = k + 1 < starts.size() ? starts.get(k + 1)[0] : line.length();
            one(line.substring(from, to), t, k + 1 < starts.size());
        }
    }

    private void one(String s, long t, boolean cut) {
        int sp = s.indexOf(' ');
        int pid = Integer.parseInt(s.substring(0, sp));
        int paren = s.indexOf('(', sp);
        String name = s.substring(sp + 1, paren);
        int eq = s.lastIndexOf(") = ");
        String args = eq > 0 ? s.substring(paren + 1, eq) : s.substring(paren + 1).replaceAll("\\)?$", "");
        String resultText = eq > 0 ? s.substring(eq + 4).trim() : null;
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
        TraceEvent ev = new TraceEvent(-1, t, pid, pid, TraceSource.SYSCALL, EventKind.CALL, origin, name,
                TraceArgs.split(args), result, errno, null, null, null, null, null,
                cut ? "cut by another thread's line: result not printed" : null, s);
        sink.accept(EmulatorArtefacts.label(mapping.classifySyscall(ev)));
    }

    private static int leadingPid(String line) {
        int k = 0;
        while (k < line.length() && Character.isDigit(line.charAt(k))) k++;
        return k == 0 ? 0 : Integer.parseInt(line.substring(0, k));
    }
}
