package dev.crosslens.parsers.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a foreign-arch ELF under QEMU user mode. By default the emulator itself runs under host strace from outside
 * the sandbox (which decodes socket addresses); QEMU's own start-up, internals and {@code /etc/qemu-binfmt} probes
 * are labelled EMULATOR. With {@code guestStrace} QEMU's {@code -strace} (guest syscalls, no timestamps) is written
 * by {@code -D} to a log of its own (never into the program's stderr) and read from there. A dynamic binary gets
 * {@code -L sysroot} (default {@code /usr/<triple>} when a cross libc is installed there).
 */
public final class QemuRunner implements Runner {
    private final Path strace;
    private final Path qemu;
    private final String qemuArch;
    private final String sysroot;
    private final boolean guestStrace;

    public QemuRunner(HostTools tools, String qemuArch, String sysroot, boolean guestStrace)
            throws ToolMissingException {
        this.strace = guestStrace ? null : tools.strace();
        this.qemu = tools.qemu(qemuArch);
        this.qemuArch = qemuArch;
        this.sysroot = sysroot;
        this.guestStrace = guestStrace;
    }

    /** The Debian cross sysroot for a QEMU arch name, when installed (libc6-arm64-cross and friends). */
    public static String defaultSysroot(String qemuArch) {
        String triple = switch (qemuArch) {
            case "aarch64" -> "aarch64-linux-gnu";
            case "arm" -> "arm-linux-gnueabihf";
            case "riscv64" -> "riscv64-linux-gnu";
            case "s390x" -> "s390x-linux-gnu";
            case "ppc64le" -> "powerpc64le-linux-gnu";
            case "ppc64" -> "powerpc64-linux-gnu";
            case "mips" -> "mips-linux-gnu";
            case "mipsel" -> "mipsel-linux-gnu";
            case "mips64el" -> "mips64el-linux-gnuabi64";
            case "mips64" -> "mips64-linux-gnuabi64";
            default -> null;
        };
        if (triple == null) return null;
        Path p = Path.of("/usr", triple);
        return Files.isDirectory(p) ? p.toString() : null;
    }

    public String qemuArch() {
        return qemuArch;
    }

    public boolean guestStrace() {
        return guestStrace;
    }

    @Override
    public String name() {
        return "qemu";
    }

    @Override
    public String description() {
        return "foreign-arch ELF: QEMU user mode (" + qemu.getFileName() + ")"
                + (sysroot != null ? " with sysroot " + sysroot : "")
                + (guestStrace ? ", guest syscalls from QEMU's -strace log (written by the emulator in the guest's own process, "
                + "so within the guest's reach; host strace is not)" : ", emulator traced by host strace");
    }

    @Override
    public Map<String, Path> tools() {
        return strace == null ? Map.of("qemu", qemu) : Map.of("qemu", qemu, "strace", strace);
    }

    @Override
    public Launch launch(String program, List<String> args, String runDir, String logDir, Path hostRunDir) {
        List<String> c = new ArrayList<>();
        c.add(qemu.toString());
        if (sysroot != null) {
            c.add("-L");
            c.add(sysroot);
        }
        String log = null;
        if (guestStrace) {
            log = logDir + "/qemu-strace.log";
            c.addAll(List.of("-strace", "-D", log));
        }
        c.add(program);
        c.addAll(args);
        return new Launch(c, Map.of(), guestStrace ? Launch.Trace.QEMU_LOG : Launch.Trace.STRACE_OF_EMULATOR,
                Launch.StderrRoute.PLAIN, List.of(new Launch.Stage(qemu.toString(), null, Launch.ProcessRole.PROGRAM)),
                log);
    }
}
