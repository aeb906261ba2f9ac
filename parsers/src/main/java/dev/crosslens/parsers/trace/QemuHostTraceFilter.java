package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.EventKind;
import dev.crosslens.model.trace.TraceEvent;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Host strace of {@code qemu-*-static}: tells QEMU's own doing from the guest's. QEMU's start-up is EMULATOR: until
 * it has opened the guest binary and then installed its handler for every signal (a run of {@code rt_sigaction}
 * calls), the first guest syscalls come after that. Threads QEMU starts during start-up (its RCU thread) stay
 * EMULATOR. Later QEMU internals are EMULATOR too: reading {@code /proc/sys/vm/mmap_min_addr}, its own
 * {@code /proc/self/maps} (to place mappings or to emulate the guest's), {@code /proc/self/exe}, and the
 * {@code rt_sigaction(SIGKILL|SIGSTOP)} = EINVAL of its handler sweep. Its {@code /etc/qemu-binfmt} path probes are
 * dropped; RWX mappings are its translation cache ({@link EmulatorArtefacts#translationCache}). Not thread-safe.
 */
public final class QemuHostTraceFilter implements Consumer<TraceEvent> {
    private static final int SWEEP = 16;
    private final Set<String> guestPaths;
    private final Consumer<TraceEvent> next;
    private final Set<Integer> emulatorThreads = new HashSet<>();
    private int mainThread = -1;
    private boolean loaded;
    private boolean started;
    private int sigactions;

    /** @param guestPaths the guest binary's path as QEMU opens it (inside and host forms) */
    public QemuHostTraceFilter(Set<String> guestPaths, Consumer<TraceEvent> next) {
        this.guestPaths = Set.copyOf(guestPaths);
        this.next = next;
    }

    @Override
    public void accept(TraceEvent e) {
        if (EmulatorArtefacts.isEmulatorProbe(e)) return;
        if (mainThread < 0) mainThread = e.tid();
        if (!started) {
            if (e.tid() != mainThread) emulatorThreads.add(e.tid());
            if (!loaded) {
                String p = TraceFacts.path(e);
                loaded = e.kind() == EventKind.CALL && !e.name().startsWith("exec") && p != null
                        && guestPaths.contains(p) && !e.failed();
            } else if (e.tid() == mainThread) {
                if ("rt_sigaction".equals(e.name())) {
                    sigactions++;
                } else if (sigactions >= SWEEP) {
                    started = true; // the guest's first syscall
                }
            }
            if (!started) {
                next.accept(EmulatorArtefacts.asEmulator(e, "QEMU start-up, before the guest program runs"));
                return;
            }
        }
        if (emulatorThreads.contains(e.tid())) {
            next.accept(EmulatorArtefacts.asEmulator(e, "a thread of QEMU's own (started before the guest ran)"));
            return;
        }
        String internal = internal(e);
        if (internal != null) {
            next.accept(EmulatorArtefacts.asEmulator(e, internal));
            return;
        }
        next.accept(EmulatorArtefacts.label(EmulatorArtefacts.translationCache(e)));
    }

    /** Why an event after start-up is QEMU's own, or null. */
    static String internal(TraceEvent e) {
        String p = TraceFacts.path(e);
        if (p != null) {
            if (p.equals("/proc/sys/vm/mmap_min_addr")) return "QEMU checks the lowest address it may map";
            if (p.equals("/proc/self/maps") || p.matches("/proc/\\d+/maps")) {
                return "QEMU reads its own memory map (to place guest mappings, or to emulate the guest's "
                        + "/proc/self/maps)";
            }
            if (p.equals("/proc/self/exe") && e.name().startsWith("readlink")) return "QEMU finds its own binary";
        }
        if ("rt_sigaction".equals(e.name()) && "EINVAL".equals(e.errno())
                && (e.argument(0).equals("SIGKILL") || e.argument(0).equals("SIGSTOP"))) {
            return "QEMU installs its handler for every signal; SIGKILL and SIGSTOP cannot have one";
        }
        return null;
    }
}
