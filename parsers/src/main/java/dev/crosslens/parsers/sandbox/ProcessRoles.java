package dev.crosslens.parsers.sandbox;

import dev.crosslens.model.trace.EventKind;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.trace.TraceArgs;
import dev.crosslens.parsers.trace.TraceFacts;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sorts the events of a trace that starts outside the sandbox by whose process made them (see
 * {@link Launch.Stage}): the first process is the sandbox's; a child inherits its parent's role; an exec matching a
 * stage gives the process that stage's role. Events of the program and of wineserver go on; the sandbox's own and
 * Wine's services are counted. A process no clone announced (the trace cannot say whose it is) is shown.
 * Not thread-safe: one per trace.
 */
final class ProcessRoles implements Consumer<TraceEvent> {
    private final List<Launch.Stage> stages;
    private final Consumer<TraceEvent> next;
    private final Map<Integer, Launch.ProcessRole> roles = new HashMap<>();
    private final Map<Launch.ProcessRole, Long> hidden = new EnumMap<>(Launch.ProcessRole.class);
    private boolean first = true;

    ProcessRoles(List<Launch.Stage> stages, Consumer<TraceEvent> next) {
        this.stages = stages;
        this.next = next;
    }

    @Override
    public void accept(TraceEvent e) {
        Launch.ProcessRole role = roles.get(e.pid());
        if (role == null) {
            role = first ? Launch.ProcessRole.SANDBOX : Launch.ProcessRole.PROGRAM;
            roles.put(e.pid(), role);
        }
        first = false;
        if (e.kind() == EventKind.CALL && e.failed() && role == Launch.ProcessRole.SANDBOX
                && ("execve".equals(e.name()) || "execveat".equals(e.name()))
                && stage(e) == Launch.ProcessRole.PROGRAM) {
            // the sandbox could not start the program (a missing interpreter): the program's failure to show
            String prog = TraceFacts.startedProgram(e);
            next.accept(prog == null ? e : e.withOrigin(TraceFacts.baseName(prog)));
            return;
        }
        if (e.kind() == EventKind.CALL && !e.failed()) {
            if (isProcessClone(e)) {
                int child = childPid(e);
                if (child > 0) roles.put(child, role);
            } else if ("execve".equals(e.name()) || "execveat".equals(e.name())) {
                Launch.ProcessRole to = stage(e);
                if (to != null) {
                    if (role == Launch.ProcessRole.SANDBOX && to != Launch.ProcessRole.SANDBOX) e = started(e);
                    role = to;
                    roles.put(e.pid(), to);
                }
            }
        }
        if (role == Launch.ProcessRole.PROGRAM || role == Launch.ProcessRole.WINE_SERVER) {
            next.accept(e);
        } else {
            hidden.merge(role, 1L, Long::sum);
        }
    }

    /** The exec by which the sandbox starts the program (or wineserver): its start, not "runs another program". */
    private static TraceEvent started(TraceEvent e) {
        String prog = TraceFacts.startedProgram(e);
        TraceEvent s = e.withClassification(e.category(), dev.crosslens.model.trace.RiskLevel.NONE, "", e.windowsApi())
                .withNote("the sandbox starts the run's program");
        return prog == null ? s : s.withOrigin(TraceFacts.baseName(prog));
    }

    private Launch.ProcessRole stage(TraceEvent e) {
        String path = TraceFacts.path(e);
        if (path == null) return null;
        List<String> argv = e.arguments().size() > 1 ? TraceArgs.split(strip(e.argument(1))) : List.of();
        String argv1 = argv.size() > 1 ? TraceArgs.firstQuoted(argv.get(1)) : null;
        for (Launch.Stage s : stages) {
            if (s.matches(path, argv1)) return s.role();
        }
        return null;
    }

    private static String strip(String s) {
        return s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']' ? s.substring(1, s.length() - 1) : s;
    }

    static boolean isProcessClone(TraceEvent e) {
        String n = e.name();
        if (!("clone".equals(n) || "clone3".equals(n) || "fork".equals(n) || "vfork".equals(n))) return false;
        for (String a : e.arguments()) {
            if (a.contains("CLONE_THREAD")) return false;
        }
        return true;
    }

    static int childPid(TraceEvent e) {
        try {
            return e.result() == null ? -1 : Integer.parseInt(e.result());
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** Events not shown, per role. */
    Map<Launch.ProcessRole, Long> hidden() {
        return hidden;
    }
}
