package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.EventKind;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Wine's debug output ({@code WINEDEBUG=+timestamp,+pid,+tid,+relay,+winsock,+file,+process,+loaddll}) into
 * Windows API events with their real names.
 *
 * <ul>
 *   <li>{@code 1441.268:0020:0024:Call KERNEL32.CreateFileW(...) ret=004648be} /
 *       {@code ...:Ret  KERNEL32.CreateFileW() retval=000000bc ret=...}: paired per thread on a stack. Only calls
 *       of the families in the mapping's {@code relayKeep} are kept, and only the outermost of a nesting
 *       (KERNEL32 -> kernelbase -> ntdll); at most {@code maxRelayLines} relay lines are looked at.</li>
 *   <li>{@code ...:trace:winsock:WS2_ConnectEx socket 0xbc, ... address 127.0.0.1, port 1 ...}: channel lines of
 *       the functions listed in the mapping; inside a kept relay call they add detail to it instead.</li>
 *   <li>{@code ...:trace:loaddll:build_module Loaded L"...kernel32.dll" at ...: builtin}: a library event.</li>
 *   <li>{@code ...:err:module:import_dll Library X.dll (which is needed by L"...") not found}: a failed load.</li>
 * </ul>
 * Wine's pids/tids are its own (hex), not Linux ones.
 */
public final class WineDebugParser {
    /** "1441.268:0020:0024:" or without timestamp "0020:0024:". */
    public static final Pattern PREFIX = Pattern.compile("^(?:(\\d+\\.\\d+):)?([0-9a-f]{4,8}):([0-9a-f]{4,8}):");
    private static final Pattern CALL = Pattern.compile("^Call ([\\w.-]+)\\.(\\w+)\\((.*)\\) ret=([0-9a-f]+)$");
    private static final Pattern RET = Pattern.compile("^Ret  ([\\w.-]+)\\.(\\w+)\\(\\) retval=([0-9a-f]+) ret=([0-9a-f]+)$");
    private static final Pattern CHANNEL = Pattern.compile("^(trace|warn|err|fixme):(\\w+):(\\w+) ?(.*)$");
    private static final Pattern NEW_PID = Pattern.compile("started process pid ([0-9a-f]+)");
    private static final Pattern IMAGE = Pattern.compile("^L\"([^\"]*)\" pid ([0-9a-f]+)");
    private static final Pattern NOT_FOUND = Pattern.compile("Library (\\S+) \\(which is needed by (L\"[^\"]*\")\\) not found");

    private final TraceMapping mapping;
    private final Consumer<TraceEvent> sink;
    private final long maxRelayLines;
    private final String programName;
    private final Map<Integer, Deque<Pending>> stacks = new HashMap<>();
    private final Map<Integer, String> processNames = new HashMap<>();
    private long relayLines;
    private long relayDropped;
    private long baseMillis = -1;
    private long offsetMicros;
    private long lines;

    private static final class Pending {
        final String module;
        final String function;
        final String args;
        final long time;
        final boolean kept;
        final List<String> details = new ArrayList<>(2);
        final String raw;

        Pending(String module, String function, String args, long time, boolean kept, String raw) {
            this.module = module;
            this.function = function;
            this.args = args;
            this.time = time;
            this.kept = kept;
            this.raw = raw;
        }
    }

    /**
     * @param programName   the name given to the first Wine process seen (the program that was run)
     * @param maxRelayLines relay lines looked at before the rest are counted and ignored
     */
    public WineDebugParser(TraceMapping mapping, String programName, long maxRelayLines, Consumer<TraceEvent> sink) {
        this.mapping = mapping;
        this.programName = programName;
        this.maxRelayLines = maxRelayLines;
        this.sink = sink;
    }

    /** The first line seen is {@code sessionMicros} into the session. */
    public WineDebugParser alignClock(long sessionMicros) {
        this.offsetMicros = sessionMicros;
        return this;
    }

    private static final Pattern UNIMPLEMENTED = Pattern.compile(
            "^wine: Call from (\\S+) to unimplemented function (\\S+)\\.([^.\\s,]+), aborting$");

    /**
     * Wine's loader message for a call of a function it has only a stub for ({@code wine: Call from 0x... to
     * unimplemented function plugin.dll.plugin_run, aborting}): it has no debug prefix and goes to stderr like
     * the program's output. Becomes an event {@code unimplemented_function(dll, function, caller)}; the line stays
     * in stderr too, where Wine printed it.
     */
    public boolean acceptLoaderMessage(String line, long sessionMicros) {
        Matcher m = UNIMPLEMENTED.matcher(line);
        if (!m.matches()) return false;
        TraceEvent e = new TraceEvent(-1, sessionMicros, 0, 0, TraceSource.WINDOWS_API, EventKind.CALL, programName,
                "unimplemented_function", List.of(m.group(2), m.group(3), "called from " + m.group(1)), null,
                "unimplemented", null, TraceCategory.LIBRARY, null, null, null, null, line);
        sink.accept(mapping.classifyApi(e));
        return true;
    }

    /** True when the line is Wine debug output (so it does not belong to the program's stderr). */
    public static boolean isDebugLine(String line) {
        return PREFIX.matcher(line).find();
    }

    public long relayLines() {
        return relayLines;
    }

    /** Relay lines not looked at because the cap was reached. */
    public long relayDropped() {
        return relayDropped;
    }

    public long lines() {
        return lines;
    }

    public void accept(String line) {
        Matcher p = PREFIX.matcher(line);
        if (!p.find()) return;
        lines++;
        long t = time(p.group(1));
        int pid = Integer.parseInt(p.group(2), 16);
        int tid = Integer.parseInt(p.group(3), 16);
        String rest = line.substring(p.end());
        TraceEvent held = heldChannel.get(tid);
        if (held != null && !rest.startsWith("Call ") && !rest.startsWith("Ret  ")) {
            // "WS2_ConnectEx status 0x103.": the result of the channel line before it (lines the trace does not
            // keep may come between)
            Matcher st = STATUS.matcher(rest);
            if (st.matches() && held.name().equals(st.group(1))) {
                heldChannel.remove(tid);
                heldLines.remove(tid);
                sink.accept(mapping.classifyApi(new TraceEvent(held.seq(), held.timeMicros(), held.pid(), held.tid(),
                        held.source(), held.kind(), held.origin(), held.name(), held.arguments(), st.group(2),
                        held.errno(), Math.max(0, t - held.timeMicros()), held.category(), held.risk(),
                        held.riskReason(), held.windowsApi(), held.note(), held.raw() + "\n" + line)));
                return;
            }
            Matcher c = CHANNEL.matcher(rest);
            int n = heldLines.merge(tid, 1, Integer::sum);
            if (n > 64 || (c.matches() && mapping.keepChannel(c.group(2), c.group(3)))) {
                heldChannel.remove(tid);
                heldLines.remove(tid);
                sink.accept(held);
            }
        }
        if (processNames.isEmpty()) processNames.put(pid, programName);
        String body = line.substring(p.end());
        if (body.startsWith("Call ") || body.startsWith("Ret  ")) {
            if (relayLines >= maxRelayLines) {
                relayDropped++;
                return;
            }
            relayLines++;
            if (body.startsWith("Call ")) call(pid, tid, t, body, line); else ret(pid, tid, t, body);
            return;
        }
        Matcher c = CHANNEL.matcher(body);
        if (c.matches()) channel(pid, tid, t, c.group(1), c.group(2), c.group(3), c.group(4), line);
    }

    /** Emits kept calls that never returned (ExitProcess, a killed process). */
    public void finish() {
        for (TraceEvent h : heldChannel.values()) sink.accept(h);
        heldChannel.clear();
        for (Map.Entry<Integer, Deque<Pending>> e : stacks.entrySet()) {
            for (Pending pd : e.getValue()) {
                if (pd.kept) emitCall(pidOfTid(e.getKey()), e.getKey(), pd, null, null, "never returned");
            }
        }
        stacks.clear();
    }

    private final Map<Integer, Integer> tidToPid = new HashMap<>();
    /** A channel event held until the thread's next line: it may be its status ("WS2_ConnectEx status 0x103."). */
    private final Map<Integer, TraceEvent> heldChannel = new HashMap<>();
    private final Map<Integer, Integer> heldLines = new HashMap<>();
    private static final Pattern STATUS = Pattern.compile("^trace:\\w+:(\\w+) status (0x[0-9a-f]+)\\.?$");

    private int pidOfTid(int tid) {
        Integer p = tidToPid.get(tid);
        return p == null ? 0 : p;
    }

    private void call(int pid, int tid, long t, String body, String raw) {
        Matcher m = CALL.matcher(body);
        if (!m.matches()) return;
        tidToPid.put(tid, pid);
        Deque<Pending> st = stacks.computeIfAbsent(tid, k -> new ArrayDeque<>());
        boolean insideKept = false;
        for (Pending pd : st) {
            if (pd.kept) { insideKept = true; break; }
        }
        boolean keep = !insideKept && mapping.keepRelay(m.group(2));
        st.push(new Pending(m.group(1), m.group(2), m.group(3), t, keep, raw));
    }

    private void ret(int pid, int tid, long t, String body) {
        Matcher m = RET.matcher(body);
        if (!m.matches()) return;
        Deque<Pending> st = stacks.get(tid);
        if (st == null) return;
        boolean known = false;
        for (Pending pd : st) {
            if (pd.function.equals(m.group(2)) && pd.module.equals(m.group(1))) { known = true; break; }
        }
        // a Ret whose Call was lost (relay printed into the middle of a channel line): ignore it
        if (!known) return;
        // unwind to the matching call (a lost Ret inside leaves stale frames)
        while (!st.isEmpty()) {
            Pending pd = st.pop();
            if (pd.function.equals(m.group(2)) && pd.module.equals(m.group(1))) {
                if (pd.kept) emitCall(pid, tid, pd, m.group(3), t - pd.time, null);
                return;
            }
            if (pd.kept) emitCall(pid, tid, pd, null, null, "no Ret seen");
        }
    }

    private void emitCall(int pid, int tid, Pending pd, String retval, Long dur, String note) {
        List<String> args = new ArrayList<>(TraceArgs.split(pd.args));
        args.addAll(pd.details);
        String errno = null;
        if (retval != null && failedBool(pd.function, retval)) errno = "FALSE";
        TraceEvent e = new TraceEvent(-1, pd.time, pid, tid, TraceSource.WINDOWS_API, EventKind.CALL, name(pid),
                pd.module + "." + pd.function, args, retval, errno, dur, null, null, null, null, note, pd.raw);
        sink.accept(mapping.classifyApi(e));
    }

    /** Win32 BOOL functions return 0 on failure; CreateFile returns INVALID_HANDLE_VALUE. */
    private static boolean failedBool(String fn, String retval) {
        if (fn.startsWith("CreateFile")) return retval.matches("f+");
        if (fn.startsWith("CreateProcess") || fn.startsWith("DeleteFile") || fn.startsWith("MoveFile")
                || fn.startsWith("CopyFile") || fn.startsWith("CreateDirectory") || fn.startsWith("RemoveDirectory")) {
            return retval.matches("0+");
        }
        return false;
    }

    private void channel(int pid, int tid, long t, String cls, String channel, String fn, String msg, String raw) {
        if (msg.contains(":Call ") || msg.contains(":Ret  ") || msg.startsWith("Call ")) return; // interleaved relay
        Deque<Pending> st = stacks.get(tid);
        Pending top = null;
        if (st != null) {
            for (Pending pd : st) {
                if (pd.kept) { top = pd; break; }
            }
        }
        if ("process".equals(channel) && "NtCreateUserProcess".equals(fn)) {
            Matcher im = IMAGE.matcher(msg);
            if (im.find()) processNames.put(Integer.parseInt(im.group(2), 16), TraceFacts.baseName(
                    im.group(1).replace("\\\\", "\\")));
        }
        if ("err".equals(cls) && "module".equals(channel)) {
            Matcher nf = NOT_FOUND.matcher(msg);
            List<String> args = nf.find() ? List.of(nf.group(1), nf.group(2)) : List.of(msg);
            TraceEvent e = new TraceEvent(-1, t, pid, tid, TraceSource.WINDOWS_API, EventKind.CALL, name(pid), fn,
                    args, null, "not found", null, TraceCategory.LIBRARY, null, null, null, msg, raw);
            sink.accept(mapping.classifyApi(e));
            return;
        }
        if (!"trace".equals(cls) || !mapping.keepChannel(channel, fn)) return;
        if (msg.startsWith("returning")) {
            if (top != null) top.details.add(channel + ": " + msg);
            return; // the result of a call already shown
        }
        if (top != null) {
            top.details.add(channel + ": " + msg);
            Matcher np = NEW_PID.matcher(msg);
            if (np.find()) processNames.putIfAbsent(Integer.parseInt(np.group(1), 16), "child");
            return;
        }
        if ("loaddll".equals(channel)) {
            if (!msg.startsWith("Loaded ")) return;
            int at = msg.indexOf(" at ");
            int colon = msg.lastIndexOf(": ");
            List<String> args = List.of(at > 0 ? msg.substring(7, at) : msg.substring(7),
                    colon > 0 ? msg.substring(colon + 2) : "");
            TraceEvent e = new TraceEvent(-1, t, pid, tid, TraceSource.WINDOWS_API, EventKind.CALL, name(pid),
                    "Loaded", args, null, null, null, TraceCategory.LIBRARY, null, null, null, null, raw);
            sink.accept(mapping.classifyApi(e));
            return;
        }
        TraceEvent e = new TraceEvent(-1, t, pid, tid, TraceSource.WINDOWS_API, EventKind.CALL, name(pid), fn,
                TraceArgs.split(msg), null, null, null, null, null, null, null, channel + " channel", raw);
        TraceEvent before = heldChannel.put(tid, mapping.classifyApi(e));
        heldLines.remove(tid);
        if (before != null) sink.accept(before);
    }

    private String name(int pid) {
        String n = processNames.get(pid);
        return n != null ? n : String.format("wine pid %04x", pid);
    }

    private long time(String seconds) {
        if (seconds == null) return offsetMicros;
        int dot = seconds.indexOf('.');
        long ms = Long.parseLong(seconds.substring(0, dot)) * 1000 + Long.parseLong(
                (seconds.substring(dot + 1) + "000").substring(0, 3));
        if (baseMillis < 0) baseMillis = ms;
        return offsetMicros + (ms - baseMillis) * 1000;
    }
}
