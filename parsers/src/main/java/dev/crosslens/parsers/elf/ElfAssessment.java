package dev.crosslens.parsers.elf;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.HardeningCheck;
import dev.crosslens.model.HardeningState;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Linkage;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.elf.ElfDetails;
import dev.crosslens.model.elf.ElfNote;
import dev.crosslens.model.elf.ElfProgramHeader;
import dev.crosslens.model.elf.ElfSectionHeader;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What an ELF image is for and where it runs, decided from evidence in the file only: kind, OS, linkage and
 * libc flavour, and the checksec-style hardening properties. Every decision says its evidence.
 */
final class ElfAssessment {
    private static final long PT_GNU_STACK = 0x6474e551L;
    private static final long PT_GNU_RELRO = 0x6474e552L;
    /** glibc's tunables variable: in every glibc since 2.26, static or not; never in musl. */
    private static final byte[] GLIBC_MARKER = "GLIBC_TUNABLES".getBytes(StandardCharsets.US_ASCII);
    /** musl's strerror text for an unknown errno; glibc says "Unknown error". */
    private static final byte[] MUSL_MARKER = "No error information".getBytes(StandardCharsets.US_ASCII);

    private final ElfContext ctx;
    private final ElfDetails elf;
    private final ElfDynamic dynamic;
    private final List<Symbol> symbols;
    private final BinaryKind kind;
    private final Linkage linkage;

    ElfAssessment(ElfContext ctx, ElfDetails elf, ElfDynamic dynamic, List<Symbol> symbols) {
        this.ctx = ctx;
        this.elf = elf;
        this.dynamic = dynamic;
        this.symbols = symbols;
        this.kind = decideKind();
        this.linkage = decideLinkage();
    }

    static Arch arch(int machine, boolean is64, ByteOrder order) {
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        switch (machine) {
            case ElfNames.EM_386: return Arch.X86;
            case ElfNames.EM_X86_64: return Arch.X86_64;
            case ElfNames.EM_ARM: return Arch.ARM;
            case ElfNames.EM_AARCH64: return Arch.ARM64;
            case ElfNames.EM_RISCV: return is64 ? Arch.RISCV64 : Arch.RISCV32;
            case ElfNames.EM_S390: return is64 ? Arch.S390X : Arch.UNKNOWN;
            case ElfNames.EM_PPC: return Arch.PPC;
            case ElfNames.EM_PPC64: return little ? Arch.PPC64LE : Arch.PPC64;
            case ElfNames.EM_MIPS:
                if (is64) return little ? Arch.MIPS64LE : Arch.MIPS64;
                return little ? Arch.MIPSLE : Arch.MIPS;
            case ElfNames.EM_LOONGARCH: return is64 ? Arch.LOONGARCH64 : Arch.UNKNOWN;
            case ElfNames.EM_SPARCV9: return Arch.SPARC64;
            case ElfNames.EM_IA_64: return Arch.IA64;
            default: return Arch.UNKNOWN;
        }
    }

    BinaryKind kind() {
        return kind;
    }

    Linkage linkage() {
        return linkage;
    }

    private BinaryKind decideKind() {
        switch (elf.header().type()) {
            case 1: return BinaryKind.OBJECT;
            case 2: return BinaryKind.EXECUTABLE;
            case 3: return elf.interpreter() != null || dynamic.pie()
                    ? BinaryKind.PIE_EXECUTABLE : BinaryKind.SHARED_LIBRARY;
            case 4: return BinaryKind.CORE;
            default: return BinaryKind.UNKNOWN;
        }
    }

    TargetOs os() {
        switch (elf.header().osAbi()) {
            case 2: return TargetOs.NETBSD;
            case 3: return TargetOs.LINUX;
            case 6: return TargetOs.SOLARIS;
            case 9: return TargetOs.FREEBSD;
            case 12: return TargetOs.OPENBSD;
            default: break;
        }
        for (ElfNote n : elf.notes()) {
            switch (n.owner()) {
                case "Android": return TargetOs.ANDROID;
                case "FreeBSD": return TargetOs.FREEBSD;
                case "NetBSD": return TargetOs.NETBSD;
                case "OpenBSD": return TargetOs.OPENBSD;
                default: break;
            }
        }
        for (ElfNote n : elf.notes()) {
            if (n.owner().equals("GNU") && n.type() == 1) {
                String s = n.summary();
                if (s.startsWith("Linux")) return TargetOs.LINUX;
                if (s.startsWith("FreeBSD")) return TargetOs.FREEBSD;
                if (s.startsWith("NetBSD")) return TargetOs.NETBSD;
                if (s.startsWith("Solaris")) return TargetOs.SOLARIS;
            }
        }
        String interp = elf.interpreter();
        if (interp != null) {
            if (interp.startsWith("/system/bin/linker")) return TargetOs.ANDROID;
            if (interp.contains("ld-linux") || interp.contains("ld-musl") || interp.contains("ld64.so")
                    || interp.contains("ld.so.1") && interp.startsWith("/lib")) {
                return TargetOs.LINUX;
            }
            if (interp.contains("ld-elf.so")) return TargetOs.FREEBSD;
        }
        if (linkage.libc() == LibcFlavor.GLIBC || linkage.libc() == LibcFlavor.MUSL) return TargetOs.LINUX;
        if (linkage.libc() == LibcFlavor.BIONIC) return TargetOs.ANDROID;
        return elf.header().osAbi() == 0 ? TargetOs.SYSV : TargetOs.UNKNOWN;
    }

    private Linkage decideLinkage() {
        String interp = elf.interpreter();
        boolean dyn = interp != null || !elf.needed().isEmpty();
        if (elf.header().type() == 1 || elf.header().type() == 4) {
            return new Linkage(false, null, LibcFlavor.UNKNOWN, "relocatable objects and cores are not linked");
        }
        if (interp != null) {
            String base = interp.substring(interp.lastIndexOf('/') + 1);
            if (interp.startsWith("/system/bin/linker")) {
                return new Linkage(true, interp, LibcFlavor.BIONIC, "PT_INTERP " + interp);
            }
            if (base.startsWith("ld-musl")) return new Linkage(true, interp, LibcFlavor.MUSL, "PT_INTERP " + interp);
            if (base.startsWith("ld-linux") || base.startsWith("ld64.so") || base.equals("ld.so.1")) {
                return new Linkage(true, interp, LibcFlavor.GLIBC, "PT_INTERP " + interp);
            }
            if (base.startsWith("ld-uClibc")) {
                return new Linkage(true, interp, LibcFlavor.UCLIBC, "PT_INTERP " + interp);
            }
        }
        for (String n : elf.needed()) {
            if (n.equals("libc.so.6") || n.startsWith("ld-linux")) {
                return new Linkage(dyn, interp, LibcFlavor.GLIBC, "DT_NEEDED " + n);
            }
            if (n.startsWith("libc.musl") || n.startsWith("ld-musl")) {
                return new Linkage(dyn, interp, LibcFlavor.MUSL, "DT_NEEDED " + n);
            }
            if (n.equals("libc.so")) {
                return new Linkage(dyn, interp, LibcFlavor.MUSL,
                        "DT_NEEDED libc.so: musl's soname (glibc's is libc.so.6)");
            }
        }
        for (ElfNote n : elf.notes()) {
            if (n.owner().equals("Android")) return new Linkage(dyn, interp, LibcFlavor.BIONIC, "Android note");
        }
        for (var need : elf.versionNeeds()) {
            for (var v : need.versions()) {
                if (v.name().startsWith("GLIBC_")) {
                    return new Linkage(dyn, interp, LibcFlavor.GLIBC, "needs version " + v.name() + " of "
                            + need.file());
                }
            }
        }
        if (dyn) {
            return new Linkage(true, interp, LibcFlavor.UNKNOWN, "no known loader or C library named");
        }
        if (hasBytes(GLIBC_MARKER)) {
            return new Linkage(false, null, LibcFlavor.GLIBC, "static; contains glibc's \"GLIBC_TUNABLES\"");
        }
        if (hasBytes(MUSL_MARKER)) {
            return new Linkage(false, null, LibcFlavor.MUSL,
                    "static; contains musl's strerror text \"No error information\"");
        }
        String go = goEvidence();
        if (go != null) {
            return new Linkage(false, null, LibcFlavor.NONE, "static Go binary (" + go + ") with no C library");
        }
        return new Linkage(false, null, LibcFlavor.UNKNOWN, "static; no C library evidence found");
    }

    private String goEvidence() {
        for (ElfNote n : elf.notes()) {
            if (n.owner().equals("Go")) return "Go note";
        }
        for (ElfSectionHeader s : elf.sectionHeaders()) {
            if (s.name().equals(".gopclntab") || s.name().equals(".note.go.buildid")
                    || s.name().equals(".go.buildinfo")) {
                return s.name();
            }
        }
        return null;
    }

    /** Looks for a marker in the read-only data (.rodata), or the whole file when there are no sections. */
    private boolean hasBytes(byte[] marker) {
        boolean any = false;
        for (ElfSectionHeader s : elf.sectionHeaders()) {
            if (!s.name().equals(".rodata") || s.type() == ElfContext.SHT_NOBITS) continue;
            any = true;
            if (ctx.r.inBounds(s.offset(), s.size()) && ctx.r.indexOf(marker, s.offset(), s.offset() + s.size()) >= 0) {
                return true;
            }
        }
        return !any && ctx.r.indexOf(marker, 0, ctx.r.size()) >= 0;
    }

    List<HardeningCheck> hardening() {
        List<HardeningCheck> out = new ArrayList<>();
        out.add(pie());
        out.add(nx());
        out.add(relro());
        out.add(bindNow());
        out.add(canary());
        out.add(fortify());
        return out;
    }

    private HardeningCheck pie() {
        switch (kind) {
            case PIE_EXECUTABLE:
                return new HardeningCheck("pie", "PIE", HardeningState.ENABLED, elf.interpreter() != null
                        ? "ET_DYN with PT_INTERP" : "ET_DYN with DF_1_PIE");
            case EXECUTABLE:
                return new HardeningCheck("pie", "No PIE", HardeningState.DISABLED, "ET_EXEC: loaded at a fixed address");
            default:
                return new HardeningCheck("pie", "PIE", HardeningState.NOT_APPLICABLE, kind.label());
        }
    }

    private HardeningCheck nx() {
        if (kind == BinaryKind.OBJECT) {
            for (ElfSectionHeader s : elf.sectionHeaders()) {
                if (s.name().equals(".note.GNU-stack")) {
                    boolean x = (s.flags() & 0x4) != 0;
                    return new HardeningCheck("nx", x ? "Executable stack requested" : "NX",
                            x ? HardeningState.DISABLED : HardeningState.ENABLED,
                            ".note.GNU-stack " + (x ? "with" : "without") + " SHF_EXECINSTR");
                }
            }
            return new HardeningCheck("nx", "NX", HardeningState.UNKNOWN,
                    "object without .note.GNU-stack: the linker decides");
        }
        for (ElfProgramHeader p : elf.programHeaders()) {
            if (p.type() == PT_GNU_STACK) {
                boolean x = (p.flags() & 1) != 0;
                return new HardeningCheck("nx", x ? "Executable stack" : "NX",
                        x ? HardeningState.DISABLED : HardeningState.ENABLED,
                        "PT_GNU_STACK flags " + p.flagsLabel());
            }
        }
        if (elf.programHeaders().isEmpty()) {
            return new HardeningCheck("nx", "NX", HardeningState.UNKNOWN, "no program headers");
        }
        boolean nxDefault = ctx.machine == ElfNames.EM_AARCH64 || ctx.machine == ElfNames.EM_RISCV
                || ctx.machine == ElfNames.EM_LOONGARCH;
        return nxDefault
                ? new HardeningCheck("nx", "NX", HardeningState.ENABLED,
                        "no PT_GNU_STACK; Linux gives this architecture a non-executable stack by default")
                : new HardeningCheck("nx", "Executable stack", HardeningState.DISABLED,
                        "no PT_GNU_STACK: the loader makes the stack executable");
    }

    private HardeningCheck relro() {
        if (kind == BinaryKind.OBJECT || kind == BinaryKind.CORE) {
            return new HardeningCheck("relro", "RELRO", HardeningState.NOT_APPLICABLE, kind.label());
        }
        boolean relro = elf.programHeaders().stream().anyMatch(p -> p.type() == PT_GNU_RELRO);
        if (!relro) return new HardeningCheck("relro", "No RELRO", HardeningState.DISABLED, "no PT_GNU_RELRO");
        if (dynamic.bindNow()) {
            return new HardeningCheck("relro", "Full RELRO", HardeningState.ENABLED,
                    "PT_GNU_RELRO + " + bindNowEvidence());
        }
        return new HardeningCheck("relro", "Partial RELRO", HardeningState.PARTIAL, "PT_GNU_RELRO without BIND_NOW");
    }

    private HardeningCheck bindNow() {
        if (!dynamic.present()) {
            return new HardeningCheck("bind-now", "BIND_NOW", HardeningState.NOT_APPLICABLE, "no dynamic section");
        }
        return dynamic.bindNow()
                ? new HardeningCheck("bind-now", "BIND_NOW", HardeningState.ENABLED, bindNowEvidence())
                : new HardeningCheck("bind-now", "Lazy binding", HardeningState.DISABLED,
                        "no DT_BIND_NOW, DF_BIND_NOW or DF_1_NOW");
    }

    private String bindNowEvidence() {
        if (dynamic.bindNowTag()) return "DT_BIND_NOW";
        if ((dynamic.flags() & ElfDynamic.DF_BIND_NOW) != 0) return "DT_FLAGS BIND_NOW";
        return "DT_FLAGS_1 NOW";
    }

    private HardeningCheck canary() {
        for (Symbol s : symbols) {
            if (s.name().equals("__stack_chk_fail") || s.name().equals("__stack_chk_guard")
                    || s.name().equals("__stack_chk_fail_local")) {
                return new HardeningCheck("canary", "Stack canary", HardeningState.ENABLED,
                        "symbol " + s.name() + " (" + s.table().label() + ")");
            }
        }
        return symbols.isEmpty()
                ? new HardeningCheck("canary", "Stack canary", HardeningState.UNKNOWN, "no symbols to look at")
                : new HardeningCheck("canary", "No canary", HardeningState.DISABLED, "no __stack_chk_fail/guard symbol");
    }

    private HardeningCheck fortify() {
        TreeSet<String> chk = new TreeSet<>();
        for (Symbol s : symbols) {
            String n = s.name();
            if (n.startsWith("__") && n.endsWith("_chk") && !n.startsWith("__stack_chk")) chk.add(n);
        }
        if (!chk.isEmpty()) {
            return new HardeningCheck("fortify", "FORTIFY_SOURCE", HardeningState.ENABLED,
                    chk.size() + (chk.size() == 1 ? " fortified function: " : " fortified functions: ") + String.join(", ", chk.stream().limit(8).toList()));
        }
        return symbols.isEmpty()
                ? new HardeningCheck("fortify", "FORTIFY_SOURCE", HardeningState.UNKNOWN, "no symbols to look at")
                : new HardeningCheck("fortify", "No FORTIFY_SOURCE", HardeningState.DISABLED, "no __*_chk symbol");
    }
}
