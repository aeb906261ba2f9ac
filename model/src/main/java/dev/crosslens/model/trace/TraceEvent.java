package dev.crosslens.model.trace;

import java.util.List;
import java.util.Objects;

/**
 * One thing a traced run did, in one vocabulary for strace, QEMU and Wine.
 *
 * @param seq          position in the session, from 0
 * @param timeMicros   microseconds since the session started (clock of the source, aligned at its first line)
 * @param pid          process id as the source reports it (Linux pid for strace, Wine's hex pid for WINEDEBUG)
 * @param tid          thread id where known, else the pid
 * @param origin       who did it: the program, "wineserver", "emulator", a child's name
 * @param name         syscall or API name as observed ({@code openat}, {@code KERNEL32.CreateFileW})
 * @param arguments    arguments as printed by the source, split at top level
 * @param result       the return value as printed ("3", "-1", "0x7f00", "?"), null when unknown
 * @param errno        errno symbol ({@code ENOENT}) or Windows status, null on success
 * @param durationMicros time spent in the call (strace -T, relay Call..Ret), null when unknown
 * @param windowsApi   the Windows API this call serves or is (from the mapping table), null where none applies
 * @param riskReason   why {@code risk} is what it is, empty for NONE
 * @param note         an explanation: emulator artefact, static cause (missing interpreter, NEEDED, import)
 * @param raw          the source line(s), trimmed to a cap
 */
public record TraceEvent(long seq, long timeMicros, int pid, int tid, TraceSource source, EventKind kind,
                         String origin, String name, List<String> arguments, String result, String errno,
                         Long durationMicros, TraceCategory category, RiskLevel risk, String riskReason,
                         String windowsApi, String note, String raw) {
    public TraceEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        kind = kind == null ? EventKind.CALL : kind;
        origin = origin == null ? "" : origin;
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
        category = category == null ? TraceCategory.OTHER : category;
        risk = risk == null ? RiskLevel.NONE : risk;
        riskReason = riskReason == null ? "" : riskReason;
        note = note == null ? "" : note;
        raw = raw == null ? "" : raw;
    }

    public boolean failed() {
        return errno != null && !errno.isEmpty();
    }

    public TraceEvent withSeq(long newSeq) {
        return new TraceEvent(newSeq, timeMicros, pid, tid, source, kind, origin, name, arguments, result, errno,
                durationMicros, category, risk, riskReason, windowsApi, note, raw);
    }

    public TraceEvent withTime(long newTimeMicros) {
        return new TraceEvent(seq, newTimeMicros, pid, tid, source, kind, origin, name, arguments, result, errno,
                durationMicros, category, risk, riskReason, windowsApi, note, raw);
    }

    public TraceEvent withOrigin(String newOrigin) {
        return new TraceEvent(seq, timeMicros, pid, tid, source, kind, newOrigin, name, arguments, result, errno,
                durationMicros, category, risk, riskReason, windowsApi, note, raw);
    }

    public TraceEvent withSource(TraceSource newSource) {
        return new TraceEvent(seq, timeMicros, pid, tid, newSource, kind, origin, name, arguments, result, errno,
                durationMicros, category, risk, riskReason, windowsApi, note, raw);
    }

    public TraceEvent withClassification(TraceCategory newCategory, RiskLevel newRisk, String newReason,
                                         String newWindowsApi) {
        return new TraceEvent(seq, timeMicros, pid, tid, source, kind, origin, name, arguments, result, errno,
                durationMicros, newCategory, newRisk, newReason, newWindowsApi, note, raw);
    }

    /** Adds a note (kept after any note already there). */
    public TraceEvent withNote(String more) {
        String n = note.isEmpty() ? more : note + "; " + more;
        return new TraceEvent(seq, timeMicros, pid, tid, source, kind, origin, name, arguments, result, errno,
                durationMicros, category, risk, riskReason, windowsApi, n, raw);
    }

    public String argument(int i) {
        return i < arguments.size() ? arguments.get(i) : "";
    }
}
