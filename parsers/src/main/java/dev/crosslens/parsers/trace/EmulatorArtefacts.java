package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSource;

/**
 * Labels what comes from running under QEMU user mode rather than from the program: ENOSYS (the emulator does
 * not implement the call), exec format error on a child (no binfmt_misc registration for QEMU on this machine),
 * and QEMU's own start-up probes ({@code /etc/qemu-binfmt/...}).
 */
public final class EmulatorArtefacts {
    private EmulatorArtefacts() {
    }

    public static TraceEvent label(TraceEvent e) {
        if ("ENOSYS".equals(e.errno())) {
            return e.withNote("ENOSYS under QEMU: the emulator does not implement this call (an emulator limit, "
                    + "not a fault of the binary)");
        }
        if ("ENOEXEC".equals(e.errno()) && (e.name().equals("execve") || e.name().equals("execveat"))) {
            return e.withNote("exec format error: the child is a foreign-arch binary and binfmt_misc has no QEMU "
                    + "handler on this machine (an emulator limit, not a fault of the binary)");
        }
        return e;
    }

    /** True for QEMU's own probes that say nothing about the guest program. */
    public static boolean isEmulatorProbe(TraceEvent e) {
        String p = TraceFacts.path(e);
        return p != null && (p.startsWith("/etc/qemu-binfmt") || p.startsWith("/etc/qemu"));
    }

    /** Marks an event as the emulator's own doing (before the guest binary was loaded). */
    public static TraceEvent asEmulator(TraceEvent e, String why) {
        return e.withSource(TraceSource.EMULATOR).withNote(why);
    }
}
