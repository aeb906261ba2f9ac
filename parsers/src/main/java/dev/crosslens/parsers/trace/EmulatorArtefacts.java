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

    /**
     * Under host strace of QEMU an RWX mapping is QEMU's own translation cache (its JIT for the guest's code): kept,
     * labelled EMULATOR, risk lowered with the reason. A guest's own RWX request is indistinguishable here; the
     * -strace mode shows guest calls only.
     */
    public static TraceEvent translationCache(TraceEvent e) {
        if (e.risk() == dev.crosslens.model.trace.RiskLevel.CRITICAL
                && e.category() == dev.crosslens.model.trace.TraceCategory.MEMORY) {
            return e.withSource(TraceSource.EMULATOR).withClassification(e.category(),
                    dev.crosslens.model.trace.RiskLevel.LOW, "RWX memory under QEMU: its translation cache for the "
                            + "guest's code (run with -strace to see the guest's own requests)", e.windowsApi());
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
