package dev.crosslens.parsers.elf;

import java.util.HashMap;
import java.util.Map;

/**
 * readelf's names for ELF constants (binutils 2.40 spelling). A value without a name comes back in hex, so
 * nothing read is ever dropped.
 */
final class ElfNames {
    static final int EM_SPARC = 2;
    static final int EM_386 = 3;
    static final int EM_MIPS = 8;
    static final int EM_SPARC32PLUS = 18;
    static final int EM_PPC = 20;
    static final int EM_PPC64 = 21;
    static final int EM_S390 = 22;
    static final int EM_ARM = 40;
    static final int EM_SPARCV9 = 43;
    static final int EM_IA_64 = 50;
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;
    static final int EM_RISCV = 243;
    static final int EM_LOONGARCH = 258;

    private static final Map<Integer, String> MACHINES = Map.ofEntries(
            Map.entry(0, "None"), Map.entry(EM_SPARC, "Sparc"), Map.entry(EM_386, "Intel 80386"),
            Map.entry(4, "MC68000"), Map.entry(EM_MIPS, "MIPS R3000"), Map.entry(10, "MIPS R4000 big-endian"),
            Map.entry(EM_SPARC32PLUS, "Sparc v8+"), Map.entry(EM_PPC, "PowerPC"), Map.entry(EM_PPC64, "PowerPC64"),
            Map.entry(EM_S390, "IBM S/390"), Map.entry(EM_ARM, "ARM"), Map.entry(42, "Renesas / SuperH SH"),
            Map.entry(EM_SPARCV9, "Sparc v9"), Map.entry(EM_IA_64, "Intel IA-64"),
            Map.entry(EM_X86_64, "Advanced Micro Devices X86-64"), Map.entry(EM_AARCH64, "AArch64"),
            Map.entry(EM_RISCV, "RISC-V"), Map.entry(247, "Linux BPF"), Map.entry(EM_LOONGARCH, "LoongArch"));

    private static final Map<Integer, String> OSABI = Map.ofEntries(
            Map.entry(0, "UNIX - System V"), Map.entry(1, "UNIX - HP-UX"), Map.entry(2, "UNIX - NetBSD"),
            Map.entry(3, "UNIX - GNU"), Map.entry(6, "UNIX - Solaris"), Map.entry(7, "UNIX - AIX"),
            Map.entry(8, "UNIX - IRIX"), Map.entry(9, "UNIX - FreeBSD"), Map.entry(10, "UNIX - TRU64"),
            Map.entry(11, "Novell - Modesto"), Map.entry(12, "UNIX - OpenBSD"), Map.entry(13, "VMS - OpenVMS"),
            Map.entry(14, "HP - Non-Stop Kernel"), Map.entry(15, "AROS"), Map.entry(16, "FenixOS"),
            Map.entry(17, "Nuxi CloudABI"), Map.entry(18, "Stratus Technologies OpenVOS"),
            Map.entry(255, "Standalone App"));

    private static final Map<Long, String> PHDR_TYPES = Map.ofEntries(
            Map.entry(0L, "NULL"), Map.entry(1L, "LOAD"), Map.entry(2L, "DYNAMIC"), Map.entry(3L, "INTERP"),
            Map.entry(4L, "NOTE"), Map.entry(5L, "SHLIB"), Map.entry(6L, "PHDR"), Map.entry(7L, "TLS"),
            Map.entry(0x6474e550L, "GNU_EH_FRAME"), Map.entry(0x6474e551L, "GNU_STACK"),
            Map.entry(0x6474e552L, "GNU_RELRO"), Map.entry(0x6474e553L, "GNU_PROPERTY"),
            Map.entry(0x6474e554L, "GNU_SFRAME"), Map.entry(0x65a3dbe6L, "OPENBSD_RANDOMIZE"),
            Map.entry(0x65a3dbe7L, "OPENBSD_WXNEEDED"), Map.entry(0x65a41be6L, "OPENBSD_BOOTDATA"));

    private static final Map<Long, String> SECTION_TYPES = Map.ofEntries(
            Map.entry(0L, "NULL"), Map.entry(1L, "PROGBITS"), Map.entry(2L, "SYMTAB"), Map.entry(3L, "STRTAB"),
            Map.entry(4L, "RELA"), Map.entry(5L, "HASH"), Map.entry(6L, "DYNAMIC"), Map.entry(7L, "NOTE"),
            Map.entry(8L, "NOBITS"), Map.entry(9L, "REL"), Map.entry(10L, "SHLIB"), Map.entry(11L, "DYNSYM"),
            Map.entry(14L, "INIT_ARRAY"), Map.entry(15L, "FINI_ARRAY"), Map.entry(16L, "PREINIT_ARRAY"),
            Map.entry(17L, "GROUP"), Map.entry(18L, "SYMTAB SECTION INDICES"), Map.entry(19L, "RELR"),
            Map.entry(0x6ffffff5L, "GNU_ATTRIBUTES"), Map.entry(0x6ffffff6L, "GNU_HASH"),
            Map.entry(0x6ffffff7L, "GNU_LIBLIST"), Map.entry(0x6ffffffdL, "VERDEF"),
            Map.entry(0x6ffffffeL, "VERNEED"), Map.entry(0x6fffffffL, "VERSYM"),
            Map.entry(0x6fff4c00L, "LLVM_ODRTAB"), Map.entry(0x6fff4c01L, "LLVM_LINKER_OPTIONS"),
            Map.entry(0x6fff4c02L, "LLVM_CALL_GRAPH_PROFILE"), Map.entry(0x6fff4c03L, "LLVM_ADDRSIG"),
            Map.entry(0x6fff4c04L, "LLVM_DEPENDENT_LIBRARIES"), Map.entry(0x6fff4c05L, "LLVM_SYMPART"),
            Map.entry(0x6fff4c06L, "LLVM_PART_EHDR"), Map.entry(0x6fff4c07L, "LLVM_PART_PHDR"),
            Map.entry(0x6fff4c08L, "LLVM_BB_ADDR_MAP_V0"), Map.entry(0x6fff4c09L, "LLVM_CALL_GRAPH_PROFILE"),
            Map.entry(0x6fff4c0aL, "LLVM_BB_ADDR_MAP"));

    private static final String[] DYNAMIC_TAGS = {
        "NULL", "NEEDED", "PLTRELSZ", "PLTGOT", "HASH", "STRTAB", "SYMTAB", "RELA", "RELASZ", "RELAENT", "STRSZ",
        "SYMENT", "INIT", "FINI", "SONAME", "RPATH", "SYMBOLIC", "REL", "RELSZ", "RELENT", "PLTREL", "DEBUG",
        "TEXTREL", "JMPREL", "BIND_NOW", "INIT_ARRAY", "FINI_ARRAY", "INIT_ARRAYSZ", "FINI_ARRAYSZ", "RUNPATH",
        "FLAGS", null, "PREINIT_ARRAY", "PREINIT_ARRAYSZ", "SYMTAB_SHNDX", "RELRSZ", "RELR", "RELRENT"};

    private static final Map<Long, String> GNU_DYNAMIC_TAGS = Map.ofEntries(
            Map.entry(0x6ffffdf5L, "GNU_PRELINKED"), Map.entry(0x6ffffdf6L, "GNU_CONFLICTSZ"),
            Map.entry(0x6ffffdf7L, "GNU_LIBLISTSZ"), Map.entry(0x6ffffdf8L, "CHECKSUM"),
            Map.entry(0x6ffffdf9L, "PLTPADSZ"), Map.entry(0x6ffffdfaL, "MOVEENT"), Map.entry(0x6ffffdfbL, "MOVESZ"),
            Map.entry(0x6ffffdfcL, "FEATURE"), Map.entry(0x6ffffdfdL, "POSFLAG_1"),
            Map.entry(0x6ffffdfeL, "SYMINSZ"), Map.entry(0x6ffffdffL, "SYMINENT"),
            Map.entry(0x6ffffef5L, "GNU_HASH"), Map.entry(0x6ffffef6L, "TLSDESC_PLT"),
            Map.entry(0x6ffffef7L, "TLSDESC_GOT"), Map.entry(0x6ffffef8L, "GNU_CONFLICT"),
            Map.entry(0x6ffffef9L, "GNU_LIBLIST"), Map.entry(0x6ffffefaL, "CONFIG"),
            Map.entry(0x6ffffefbL, "DEPAUDIT"), Map.entry(0x6ffffefcL, "AUDIT"), Map.entry(0x6ffffefdL, "PLTPAD"),
            Map.entry(0x6ffffefeL, "MOVETAB"), Map.entry(0x6ffffeffL, "SYMINFO"),
            Map.entry(0x6ffffff0L, "VERSYM"), Map.entry(0x6ffffff9L, "RELACOUNT"),
            Map.entry(0x6ffffffaL, "RELCOUNT"), Map.entry(0x6ffffffbL, "FLAGS_1"),
            Map.entry(0x6ffffffcL, "VERDEF"), Map.entry(0x6ffffffdL, "VERDEFNUM"),
            Map.entry(0x6ffffffeL, "VERNEED"), Map.entry(0x6fffffffL, "VERNEEDNUM"),
            Map.entry(0x7ffffffdL, "AUXILIARY"), Map.entry(0x7ffffffeL, "USED"), Map.entry(0x7fffffffL, "FILTER"));

    private ElfNames() {
    }

    static String machine(int machine) {
        String n = MACHINES.get(machine);
        return n != null ? n : "<unknown>: 0x" + Integer.toHexString(machine);
    }

    static String osAbi(int osAbi, int machine) {
        if (osAbi == 97 && machine == EM_ARM) return "ARM";
        if (osAbi == 64 && machine == EM_ARM) return "ARM FDPIC";
        String n = OSABI.get(osAbi);
        return n != null ? n : "<unknown: " + Integer.toHexString(osAbi) + ">";
    }

    static String fileType(int type) {
        switch (type) {
            case 0: return "NONE";
            case 1: return "REL";
            case 2: return "EXEC";
            case 3: return "DYN";
            case 4: return "CORE";
            default: return hex(type);
        }
    }

    static String programHeaderType(long type, int machine) {
        String n = PHDR_TYPES.get(type);
        if (n != null) return n;
        if (type >= 0x70000000L && type <= 0x7fffffffL) {
            String p = processorSegmentType(type, machine);
            if (p != null) return p;
        }
        return hex(type);
    }

    private static String processorSegmentType(long type, int machine) {
        int low = (int) (type - 0x70000000L);
        switch (machine) {
            case EM_ARM: return low == 1 ? "EXIDX" : null;
            case EM_AARCH64: return low == 2 ? "AARCH64_MEMTAG_MTE" : null;
            case EM_RISCV: return low == 3 ? "RISCV_ATTRIBUTES" : null;
            case EM_MIPS:
                switch (low) {
                    case 0: return "REGINFO";
                    case 1: return "RTPROC";
                    case 2: return "OPTIONS";
                    case 3: return "ABIFLAGS";
                    default: return null;
                }
            default: return null;
        }
    }

    static String sectionType(long type, int machine) {
        String n = SECTION_TYPES.get(type);
        if (n != null) return n;
        if (type >= 0x70000000L && type <= 0x7fffffffL) {
            String p = processorSectionType(type, machine);
            if (p != null) return p;
        }
        return hex(type);
    }

    private static String processorSectionType(long type, int machine) {
        int low = (int) (type - 0x70000000L);
        switch (machine) {
            case EM_X86_64: return low == 1 ? "X86_64_UNWIND" : null;
            case EM_ARM:
                switch (low) {
                    case 1: return "ARM_EXIDX";
                    case 2: return "ARM_PREEMPTMAP";
                    case 3: return "ARM_ATTRIBUTES";
                    default: return null;
                }
            case EM_AARCH64: return low == 3 ? "AARCH64_ATTRIBUTES" : null;
            case EM_RISCV: return low == 3 ? "RISCV_ATTRIBUTES" : null;
            case EM_MIPS:
                switch (low) {
                    case 6: return "MIPS_REGINFO";
                    case 0xd: return "MIPS_OPTIONS";
                    case 0x1e: return "MIPS_DWARF";
                    case 0x2a: return "MIPS_ABIFLAGS";
                    default: return null;
                }
            default: return null;
        }
    }

    static String dynamicTag(long tag) {
        if (tag >= 0 && tag < DYNAMIC_TAGS.length && DYNAMIC_TAGS[(int) tag] != null) {
            return DYNAMIC_TAGS[(int) tag];
        }
        String n = GNU_DYNAMIC_TAGS.get(tag);
        return n != null ? n : hex(tag);
    }

    /** readelf's {@code Flags:} line: the hex value, then what the machine's bits mean. */
    static String headerFlags(long flags, int machine) {
        StringBuilder b = new StringBuilder(hex(flags));
        if (flags == 0) return b.toString();
        switch (machine) {
            case EM_RISCV:
                if ((flags & 0x1) != 0) b.append(", RVC");
                if ((flags & 0x8) != 0) b.append(", RVE");
                if ((flags & 0x10) != 0) b.append(", TSO");
                switch ((int) (flags & 0x6)) {
                    case 0: b.append(", soft-float ABI"); break;
                    case 2: b.append(", single-float ABI"); break;
                    case 4: b.append(", double-float ABI"); break;
                    default: b.append(", quad-float ABI"); break;
                }
                break;
            case EM_ARM:
                armFlags(flags, b);
                break;
            case EM_MIPS:
                mipsFlags(flags, b);
                break;
            case EM_S390:
                if ((flags & 0x1) != 0) b.append(", highgprs");
                break;
            case EM_PPC64:
                if ((flags & 0x3) != 0) b.append(", abiv").append(flags & 0x3);
                break;
            default:
                break;
        }
        return b.toString();
    }

    private static void armFlags(long flags, StringBuilder b) {
        long eabi = flags & 0xff000000L;
        long rest = flags & 0x00ffffffL;
        if (eabi == 0x05000000L) {
            b.append(", Version5 EABI");
            if ((rest & 0x800000) != 0) b.append(", BE8");
            if ((rest & 0x400000) != 0) b.append(", LE8");
            if ((rest & 0x200) != 0) b.append(", soft-float ABI");
            if ((rest & 0x400) != 0) b.append(", hard-float ABI");
            rest &= ~0xc00600L;
        } else if (eabi == 0x04000000L) {
            b.append(", Version4 EABI");
            if ((rest & 0x800000) != 0) b.append(", BE8");
            if ((rest & 0x400000) != 0) b.append(", LE8");
            rest &= ~0xc00000L;
        } else {
            return;
        }
        if (rest != 0) b.append(", <unknown>");
    }

    private static final String[] MIPS_ARCH = {"mips1", "mips2", "mips3", "mips4", "mips5", "mips32", "mips64",
        "mips32r2", "mips64r2", "mips32r6", "mips64r6"};

    private static void mipsFlags(long flags, StringBuilder b) {
        String[][] bits = {{"1", "noreorder"}, {"2", "pic"}, {"4", "cpic"}, {"16", "ugen_reserved"},
            {"32", "abi2"}, {"128", "odk first"}, {"256", "32bitmode"}, {"1024", "nan2008"}, {"512", "fp64"}};
        for (String[] bit : bits) {
            if ((flags & Long.parseLong(bit[0])) != 0) b.append(", ").append(bit[1]);
        }
        switch ((int) (flags & 0xf000)) {
            case 0x1000: b.append(", o32"); break;
            case 0x2000: b.append(", o64"); break;
            case 0x3000: b.append(", eabi32"); break;
            case 0x4000: b.append(", eabi64"); break;
            default: break;
        }
        if ((flags & 0x08000000L) != 0) b.append(", mdmx");
        if ((flags & 0x04000000L) != 0) b.append(", mips16");
        if ((flags & 0x02000000L) != 0) b.append(", micromips");
        int arch = (int) ((flags >>> 28) & 0xf);
        b.append(", ").append(arch < MIPS_ARCH.length ? MIPS_ARCH[arch] : "unknown ISA");
    }

    static String noteType(String owner, long type, boolean core) {
        if (core) return hex(type);
        switch (owner) {
            case "GNU":
                switch ((int) type) {
                    case 1: return "NT_GNU_ABI_TAG";
                    case 2: return "NT_GNU_HWCAP";
                    case 3: return "NT_GNU_BUILD_ID";
                    case 4: return "NT_GNU_GOLD_VERSION";
                    case 5: return "NT_GNU_PROPERTY_TYPE_0";
                    default: return hex(type);
                }
            case "Go":
                return type == 4 ? "GO BUILDID" : hex(type);
            case "FreeBSD":
                switch ((int) type) {
                    case 1: return "NT_FREEBSD_ABI_TAG";
                    case 2: return "NT_FREEBSD_NOINIT_TAG";
                    case 3: return "NT_FREEBSD_ARCH_TAG";
                    case 4: return "NT_FREEBSD_FEATURE_CTL";
                    default: return hex(type);
                }
            case "NetBSD":
                return type == 1 ? "NT_NETBSD_IDENT" : hex(type);
            case "OpenBSD":
                return type == 1 ? "NT_OPENBSD_IDENT" : hex(type);
            case "Android":
                return type == 1 ? "NT_ANDROID_TYPE_IDENT" : hex(type);
            case "stapsdt":
                return type == 3 ? "NT_STAPSDT" : hex(type);
            default:
                return hex(type);
        }
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    static Map<Integer, String> table(String... namesFromZero) {
        Map<Integer, String> m = new HashMap<>();
        for (int i = 0; i < namesFromZero.length; i++) {
            if (namesFromZero[i] != null) m.put(i, namesFromZero[i]);
        }
        return m;
    }
}
