package dev.crosslens.parsers.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a foreign-arch ELF under QEMU user mode. By default the emulator itself runs under host strace (which
 * decodes socket addresses); QEMU's own start-up and {@code /etc/qemu-binfmt} probes are labelled EMULATOR. With
 * {@code guestStrace} QEMU's {@code -strace} (guest syscalls, no timestamps) is read from stderr instead. A
 * dynamic binary gets {@code -L sysroot} (default {@code /usr/<triple>} when a cross libc is installed there).
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
                + (guestStrace ? ", guest syscalls from -strace" : ", emulator traced by host strace");
    }

    @Override
    public Map<String, Path> tools() {
        return strace == null ? Map.of("qemu", qemu) : Map.of("qemu", qemu, "strace", strace);
    }

    @Override
    public Launch launch(String program, List<String> args, String runDir, String traceDir, String traceExpr) {
        List<String> c = new ArrayList<>();
        String origin = program.substring(program.lastIndexOf('/') + 1);
        if (!guestStrace) c.addAll(StraceCommand.options(strace, traceExpr, traceDir + "/emulator.strace"));
        c.add(qemu.toString());
        if (sysroot != null) {
            c.add("-L");
            c.add(sysroot);
        }
        if (guestStrace) c.add("-strace");
        c.add(program);
        c.addAll(args);
        List<Launch.TraceFile> traces = guestStrace ? List.of()
                : List.of(new Launch.TraceFile("emulator.strace", Launch.Format.STRACE_OF_EMULATOR, origin));
        return new Launch(c, Map.of(), traces, guestStrace ? Launch.StderrRoute.QEMU_STRACE : Launch.StderrRoute.PLAIN);
    }
}
