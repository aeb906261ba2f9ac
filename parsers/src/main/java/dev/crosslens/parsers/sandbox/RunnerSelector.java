package dev.crosslens.parsers.sandbox;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Endianness;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.TargetOs;

import java.nio.file.Path;

/**
 * Picks the runner from the image's common view (format, arch, bits, endianness, linkage): Wine for PE32+ x86-64,
 * QEMU user mode for foreign-arch ELF, native strace for host-arch ELF; says why when nothing here can run it.
 */
public final class RunnerSelector {
    private final HostTools tools;
    private final WineTemplate template;
    private final Arch hostArch;

    public RunnerSelector(HostTools tools, WineTemplate template) {
        this(tools, template, hostArch());
    }

    public RunnerSelector(HostTools tools, WineTemplate template, Arch hostArch) {
        this.tools = tools;
        this.template = template;
        this.hostArch = hostArch;
    }

    public static Arch hostArch() {
        String a = System.getProperty("os.arch", "");
        return switch (a) {
            case "amd64", "x86_64" -> Arch.X86_64;
            case "aarch64", "arm64" -> Arch.ARM64;
            case "x86", "i386", "i686" -> Arch.X86;
            default -> Arch.fromGoarch(a);
        };
    }

    /**
     * @param sysroot     QEMU {@code -L} for dynamic ELF, null for the Debian default when installed
     * @param guestStrace QEMU's own -strace instead of host strace of the emulator
     */
    public Runner select(ImageCore core, RunnerKind requested, String sysroot, boolean guestStrace)
            throws SandboxException {
        BinaryFormat f = core.format();
        if (f == BinaryFormat.MACHO || f == BinaryFormat.FAT_MACHO) {
            throw new SandboxException("cannot run Mach-O here: there is no macOS user-mode emulator on Linux; "
                    + "run it on a Mac (the static analysis still applies)");
        }
        if (f == BinaryFormat.PE) return pe(core, requested);
        if (f == BinaryFormat.ELF) return elf(core, requested, sysroot, guestStrace);
        throw new SandboxException("cannot run a " + f.label() + " (" + core.kind().label()
                + "): only ELF and PE programs run in the sandbox");
    }

    private Runner pe(ImageCore core, RunnerKind requested) throws SandboxException {
        if (requested != RunnerKind.AUTO && requested != RunnerKind.WINE) {
            throw new SandboxException("a Windows PE program runs under wine, not " + requested.label());
        }
        if (core.kind() == BinaryKind.DLL) {
            throw new SandboxException("a DLL is not a program: run the .exe that loads it");
        }
        if (core.arch() == Arch.X86_64 && core.bits() == 64) return new WineRunner(tools, template);
        if (core.arch() == Arch.X86) {
            Path wine32 = tools.wine32().orElseThrow(() -> new SandboxException(
                    "PE32 (32-bit x86) program: this machine has 64-bit wine only, under which a PE32 exits 0 with "
                            + "no output; install a 32-bit wine (dpkg --add-architecture i386 && apt-get update && "
                            + "apt-get install wine32) or build for windows/amd64"));
            return new WineRunner(tools, template, wine32);
        }
        if (core.arch() == Arch.ARM64 || core.arch() == Arch.ARM) {
            throw new SandboxException("Windows " + core.arch().label() + " program: wine on this "
                    + hostArch.label() + " machine runs x86 code only (Wine 8 has no ARM emulation); run it on "
                    + "Windows on ARM or under wine on an " + core.arch().label() + " Linux");
        }
        throw new SandboxException("Windows program for " + core.machineName() + ": wine here runs x86-64 only");
    }

    private Runner elf(ImageCore core, RunnerKind requested, String sysroot, boolean guestStrace)
            throws SandboxException {
        TargetOs os = core.os();
        if (os != TargetOs.LINUX && os != TargetOs.SYSV && os != TargetOs.UNKNOWN && os != TargetOs.ANDROID) {
            throw new SandboxException("ELF for " + os.goos() + ": Linux cannot run it (no "
                    + os.goos() + " syscall layer here)");
        }
        if (core.kind() == BinaryKind.OBJECT || core.kind() == BinaryKind.CORE) {
            throw new SandboxException(article(core.kind().label()) + " " + core.kind().label() + " is not a program");
        }
        if (core.kind() == BinaryKind.SHARED_LIBRARY) {
            // ET_DYN without PT_INTERP and without DF_1_PIE: loaded by a program, not run (its e_entry, if any, is
            // no program's start); a library that is also a program (libc.so.6) has PT_INTERP and reads as a PIE
            throw new SandboxException("an ELF shared library (no PT_INTERP, not a PIE) is not a program: run the "
                    + "program that loads it (a library with an interpreter and an entry point, such as libc.so.6, runs)");
        }
        boolean host = core.arch() == hostArch || (hostArch == Arch.X86_64 && core.arch() == Arch.X86);
        if (requested == RunnerKind.WINE) throw new SandboxException("an ELF program does not run under wine");
        if (host && requested != RunnerKind.QEMU) return new NativeStraceRunner(tools);
        if (!host && requested == RunnerKind.NATIVE) {
            throw new SandboxException(capital(article(core.arch().label())) + " " + core.arch().label()
                    + " ELF cannot run natively on " + hostArch.label() + ": use --runner qemu");
        }
        String qa = qemuArch(core.arch(), core.endianness());
        if (qa == null) {
            throw new SandboxException("no QEMU user-mode emulator for " + core.arch().label() + " ("
                    + core.machineName() + ")");
        }
        String root = sysroot;
        if (root == null && core.linkage().dynamic()) root = QemuRunner.defaultSysroot(qa);
        return new QemuRunner(tools, qa, root, guestStrace);
    }

    /** "a" or "an" before a word as it is said: an arm64, an x86-64, an object file, a riscv64. */
    static String article(String word) {
        if (word == null || word.isEmpty()) return "a";
        char c = Character.toLowerCase(word.charAt(0));
        return "aeiox8".indexOf(c) >= 0 ? "an" : "a";
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** QEMU's user-mode name for an arch and byte order; null when there is none. */
    public static String qemuArch(Arch arch, Endianness e) {
        boolean big = e == Endianness.BIG;
        return switch (arch) {
            case ARM64 -> big ? "aarch64_be" : "aarch64";
            case ARM -> big ? "armeb" : "arm";
            case X86 -> "i386";
            case X86_64 -> "x86_64";
            case RISCV64 -> "riscv64";
            case RISCV32 -> "riscv32";
            case S390X -> "s390x";
            case PPC -> "ppc";
            case PPC64 -> big ? "ppc64" : "ppc64le";
            case PPC64LE -> "ppc64le";
            case MIPS, MIPSLE -> big ? "mips" : "mipsel";
            case MIPS64, MIPS64LE -> big ? "mips64" : "mips64el";
            case LOONGARCH64 -> "loongarch64";
            case SPARC64 -> "sparc64";
            default -> null;
        };
    }
}
