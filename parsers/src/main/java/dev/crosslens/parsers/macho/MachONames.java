package dev.crosslens.parsers.macho;

import dev.crosslens.model.Arch;
import dev.crosslens.model.TargetOs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Names for Mach-O numbers, spelled as llvm-objdump prints them; unknown numbers come back in hex. */
final class MachONames {
    private MachONames() {
    }

    static final long LC_REQ_DYLD = 0x80000000L;
    static final long LC_SEGMENT = 0x1;
    static final long LC_SYMTAB = 0x2;
    static final long LC_THREAD = 0x4;
    static final long LC_UNIXTHREAD = 0x5;
    static final long LC_DYSYMTAB = 0xb;
    static final long LC_LOAD_DYLIB = 0xc;
    static final long LC_ID_DYLIB = 0xd;
    static final long LC_LOAD_DYLINKER = 0xe;
    static final long LC_LOAD_WEAK_DYLIB = 0x18 | LC_REQ_DYLD;
    static final long LC_SEGMENT_64 = 0x19;
    static final long LC_UUID = 0x1b;
    static final long LC_RPATH = 0x1c | LC_REQ_DYLD;
    static final long LC_CODE_SIGNATURE = 0x1d;
    static final long LC_REEXPORT_DYLIB = 0x1f | LC_REQ_DYLD;
    static final long LC_LAZY_LOAD_DYLIB = 0x20;
    static final long LC_DYLD_INFO = 0x22;
    static final long LC_DYLD_INFO_ONLY = 0x22 | LC_REQ_DYLD;
    static final long LC_LOAD_UPWARD_DYLIB = 0x23 | LC_REQ_DYLD;
    static final long LC_VERSION_MIN_MACOSX = 0x24;
    static final long LC_VERSION_MIN_IPHONEOS = 0x25;
    static final long LC_MAIN = 0x28 | LC_REQ_DYLD;
    static final long LC_VERSION_MIN_TVOS = 0x2f;
    static final long LC_VERSION_MIN_WATCHOS = 0x30;
    static final long LC_BUILD_VERSION = 0x32;
    static final long LC_DYLD_EXPORTS_TRIE = 0x33 | LC_REQ_DYLD;
    static final long LC_DYLD_CHAINED_FIXUPS = 0x34 | LC_REQ_DYLD;

    private static final Map<Long, String> LOAD_COMMANDS = Map.ofEntries(
            Map.entry(0x1L, "LC_SEGMENT"), Map.entry(0x2L, "LC_SYMTAB"), Map.entry(0x3L, "LC_SYMSEG"),
            Map.entry(0x4L, "LC_THREAD"), Map.entry(0x5L, "LC_UNIXTHREAD"), Map.entry(0x6L, "LC_LOADFVMLIB"),
            Map.entry(0x7L, "LC_IDFVMLIB"), Map.entry(0x8L, "LC_IDENT"), Map.entry(0x9L, "LC_FVMFILE"),
            Map.entry(0xaL, "LC_PREPAGE"), Map.entry(0xbL, "LC_DYSYMTAB"), Map.entry(0xcL, "LC_LOAD_DYLIB"),
            Map.entry(0xdL, "LC_ID_DYLIB"), Map.entry(0xeL, "LC_LOAD_DYLINKER"), Map.entry(0xfL, "LC_ID_DYLINKER"),
            Map.entry(0x10L, "LC_PREBOUND_DYLIB"), Map.entry(0x11L, "LC_ROUTINES"),
            Map.entry(0x12L, "LC_SUB_FRAMEWORK"), Map.entry(0x13L, "LC_SUB_UMBRELLA"),
            Map.entry(0x14L, "LC_SUB_CLIENT"), Map.entry(0x15L, "LC_SUB_LIBRARY"),
            Map.entry(0x16L, "LC_TWOLEVEL_HINTS"), Map.entry(0x17L, "LC_PREBIND_CKSUM"),
            Map.entry(LC_LOAD_WEAK_DYLIB, "LC_LOAD_WEAK_DYLIB"), Map.entry(0x19L, "LC_SEGMENT_64"),
            Map.entry(0x1aL, "LC_ROUTINES_64"), Map.entry(0x1bL, "LC_UUID"), Map.entry(LC_RPATH, "LC_RPATH"),
            Map.entry(0x1dL, "LC_CODE_SIGNATURE"), Map.entry(0x1eL, "LC_SEGMENT_SPLIT_INFO"),
            Map.entry(LC_REEXPORT_DYLIB, "LC_REEXPORT_DYLIB"), Map.entry(0x20L, "LC_LAZY_LOAD_DYLIB"),
            Map.entry(0x21L, "LC_ENCRYPTION_INFO"), Map.entry(0x22L, "LC_DYLD_INFO"),
            Map.entry(LC_DYLD_INFO_ONLY, "LC_DYLD_INFO_ONLY"), Map.entry(LC_LOAD_UPWARD_DYLIB, "LC_LOAD_UPWARD_DYLIB"),
            Map.entry(0x24L, "LC_VERSION_MIN_MACOSX"), Map.entry(0x25L, "LC_VERSION_MIN_IPHONEOS"),
            Map.entry(0x26L, "LC_FUNCTION_STARTS"), Map.entry(0x27L, "LC_DYLD_ENVIRONMENT"),
            Map.entry(LC_MAIN, "LC_MAIN"), Map.entry(0x29L, "LC_DATA_IN_CODE"),
            Map.entry(0x2aL, "LC_SOURCE_VERSION"), Map.entry(0x2bL, "LC_DYLIB_CODE_SIGN_DRS"),
            Map.entry(0x2cL, "LC_ENCRYPTION_INFO_64"), Map.entry(0x2dL, "LC_LINKER_OPTION"),
            Map.entry(0x2eL, "LC_LINKER_OPTIMIZATION_HINT"), Map.entry(0x2fL, "LC_VERSION_MIN_TVOS"),
            Map.entry(0x30L, "LC_VERSION_MIN_WATCHOS"), Map.entry(0x31L, "LC_NOTE"),
            Map.entry(0x32L, "LC_BUILD_VERSION"), Map.entry(LC_DYLD_EXPORTS_TRIE, "LC_DYLD_EXPORTS_TRIE"),
            Map.entry(LC_DYLD_CHAINED_FIXUPS, "LC_DYLD_CHAINED_FIXUPS"),
            Map.entry(0x35L | LC_REQ_DYLD, "LC_FILESET_ENTRY"), Map.entry(0x36L, "LC_ATOM_INFO"));

    static String loadCommand(long cmd) {
        String n = LOAD_COMMANDS.get(cmd);
        return n != null ? n : "LC_0x" + Long.toHexString(cmd);
    }

    static boolean knownLoadCommand(long cmd) {
        return LOAD_COMMANDS.containsKey(cmd);
    }

    private static final String[] FILE_TYPES = {null, "OBJECT", "EXECUTE", "FVMLIB", "CORE", "PRELOAD", "DYLIB",
            "DYLINKER", "BUNDLE", "DYLIB_STUB", "DSYM", "KEXT_BUNDLE", "FILESET"};

    static String fileType(long t) {
        return t > 0 && t < FILE_TYPES.length ? FILE_TYPES[(int) t] : "0x" + Long.toHexString(t);
    }

    private static final String[] FLAGS = {"NOUNDEFS", "INCRLINK", "DYLDLINK", "BINDATLOAD", "PREBOUND",
            "SPLIT_SEGS", "LAZY_INIT", "TWOLEVEL", "FORCE_FLAT", "NOMULTIDEFS", "NOFIXPREBINDING", "PREBINDABLE",
            "ALLMODSBOUND", "SUBSECTIONS_VIA_SYMBOLS", "CANONICAL", "WEAK_DEFINES", "BINDS_TO_WEAK",
            "ALLOW_STACK_EXECUTION", "ROOT_SAFE", "SETUID_SAFE", "NO_REEXPORTED_DYLIBS", "PIE",
            "DEAD_STRIPPABLE_DYLIB", "MH_HAS_TLV_DESCRIPTORS", "NO_HEAP_EXECUTION", "APP_EXTENSION_SAFE",
            "NLIST_OUTOFSYNC_WITH_DYLDINFO", "SIM_SUPPORT", null, null, null, "DYLIB_IN_CACHE"};

    static List<String> headerFlags(long flags) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            long mask = 1L << bit;
            if ((flags & mask) == 0) continue;
            out.add(FLAGS[bit] != null ? FLAGS[bit] : String.format("0x%08x", mask));
        }
        return out;
    }

    static final long CPU_ARCH_ABI64 = 0x01000000L;
    static final long CPU_ARCH_ABI64_32 = 0x02000000L;

    static String cpuType(long t) {
        if (t == 7) return "I386";
        if (t == (7 | CPU_ARCH_ABI64)) return "X86_64";
        if (t == 12) return "ARM";
        if (t == (12 | CPU_ARCH_ABI64)) return "ARM64";
        if (t == (12 | CPU_ARCH_ABI64_32)) return "ARM64_32";
        if (t == 18) return "PPC";
        if (t == (18 | CPU_ARCH_ABI64)) return "PPC64";
        if (t == 6) return "MC680x0";
        if (t == 10) return "MC98000";
        if (t == 11) return "HPPA";
        if (t == 13) return "MC88000";
        if (t == 14) return "SPARC";
        if (t == 15) return "I860";
        return "0x" + Long.toHexString(t);
    }

    static Arch arch(long cpuType) {
        if (cpuType == 7) return Arch.X86;
        if (cpuType == (7 | CPU_ARCH_ABI64)) return Arch.X86_64;
        if (cpuType == 12) return Arch.ARM;
        if (cpuType == (12 | CPU_ARCH_ABI64) || cpuType == (12 | CPU_ARCH_ABI64_32)) return Arch.ARM64;
        if (cpuType == 18) return Arch.PPC;
        if (cpuType == (18 | CPU_ARCH_ABI64)) return Arch.PPC64;
        return Arch.UNKNOWN;
    }

    /** PowerPC Mach-O files are big endian whatever their magic is read as. */
    static boolean bigEndianCpu(long cpuType) {
        long base = cpuType & 0xffffff;
        return base == 18 || base == 6 || base == 14 || base == 11 || base == 13 || base == 10;
    }

    static String cpuSubtype(long cpuType, long subtype) {
        long s = subtype & 0x00ffffffL;
        long base = cpuType & 0xffffff;
        if (base == 7) {
            if (s == 3) return "ALL";
            if (s == 8 && cpuType != 7) return "H";
        } else if (cpuType == (12 | CPU_ARCH_ABI64)) {
            if (s == 0) return "ALL";
            if (s == 1) return "V8";
            if (s == 2) return "E";
        } else if (cpuType == 12) {
            String[] arm = {"ALL", null, null, null, null, "V4T", "V6", "V5TEJ", "XSCALE", "V7", "V7F", "V7S",
                    "V7K", "V8", "V6M", "V7M", "V7EM"};
            if (s < arm.length && arm[(int) s] != null) return arm[(int) s];
        } else if (cpuType == (12 | CPU_ARCH_ABI64_32)) {
            if (s == 1) return "V8";
            if (s == 0) return "ALL";
        } else if (base == 18) {
            if (s == 0) return "ALL";
        }
        return Long.toString(s);
    }

    private static final String[] SECTION_TYPES = {"S_REGULAR", "S_ZEROFILL", "S_CSTRING_LITERALS",
            "S_4BYTE_LITERALS", "S_8BYTE_LITERALS", "S_LITERAL_POINTERS", "S_NON_LAZY_SYMBOL_POINTERS",
            "S_LAZY_SYMBOL_POINTERS", "S_SYMBOL_STUBS", "S_MOD_INIT_FUNC_POINTERS", "S_MOD_TERM_FUNC_POINTERS",
            "S_COALESCED", "S_GB_ZEROFILL", "S_INTERPOSING", "S_16BYTE_LITERALS", "S_DTRACE_DOF",
            "S_LAZY_DYLIB_SYMBOL_POINTERS", "S_THREAD_LOCAL_REGULAR", "S_THREAD_LOCAL_ZEROFILL",
            "S_THREAD_LOCAL_VARIABLES", "S_THREAD_LOCAL_VARIABLE_POINTERS", "S_THREAD_LOCAL_INIT_FUNCTION_POINTERS",
            "S_INIT_FUNC_OFFSETS"};

    static String sectionType(long flags) {
        int t = (int) (flags & 0xff);
        return t < SECTION_TYPES.length ? SECTION_TYPES[t] : "0x" + Integer.toHexString(t);
    }

    private static final String[] PLATFORMS = {null, "macos", "ios", "tvos", "watchos", "bridgeos", "macCatalyst",
            "iossimulator", "tvossimulator", "watchossimulator", "driverkit", "xros", "xrsimulator"};

    static String platform(long p) {
        return p > 0 && p < PLATFORMS.length ? PLATFORMS[(int) p] : "0x" + Long.toHexString(p);
    }

    /**
     * The OS a PLATFORM_* value targets: Mac Catalyst runs on macOS, a simulator build on the OS it simulates;
     * UNKNOWN for a value this table does not know (the raw number stays in MachOBuildVersion).
     */
    static TargetOs platformOs(long p) {
        switch ((int) Math.min(p, Integer.MAX_VALUE)) {
            case 1: case 6: return TargetOs.MACOS;
            case 2: case 7: return TargetOs.IOS;
            case 3: case 8: return TargetOs.TVOS;
            case 4: case 9: return TargetOs.WATCHOS;
            case 5: return TargetOs.BRIDGEOS;
            case 10: return TargetOs.DRIVERKIT;
            case 11: case 12: return TargetOs.VISIONOS;
            default: return TargetOs.UNKNOWN;
        }
    }

    /** What sets a platform apart from its OS ({@code Mac Catalyst}, {@code simulator}), null for the OS itself. */
    static String platformVariant(long p) {
        if (p == 6) return "Mac Catalyst (iOS app on macOS)";
        if (p == 7 || p == 8 || p == 9 || p == 12) return "simulator build";
        return null;
    }

    private static final String[] TOOLS = {null, "clang", "swift", "ld", "lld"};

    static String tool(long t) {
        return t > 0 && t < TOOLS.length ? TOOLS[(int) t] : "0x" + Long.toHexString(t);
    }

    /** X.Y.Z packed in nibbles xxxx.yy.zz, as llvm-objdump prints build versions: the patch only when set. */
    static String version(long v) {
        long major = (v >>> 16) & 0xffff;
        long minor = (v >>> 8) & 0xff;
        long patch = v & 0xff;
        return patch == 0 ? major + "." + minor : major + "." + minor + "." + patch;
    }

    /** A dylib version, always with three parts ({@code 1311.0.0}). */
    static String dylibVersion(long v) {
        return ((v >>> 16) & 0xffff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    private static final Map<Integer, String> STABS = Map.ofEntries(Map.entry(0x20, "N_GSYM"),
            Map.entry(0x22, "N_FNAME"), Map.entry(0x24, "N_FUN"), Map.entry(0x26, "N_STSYM"),
            Map.entry(0x28, "N_LCSYM"), Map.entry(0x2e, "N_BNSYM"), Map.entry(0x30, "N_PC"),
            Map.entry(0x32, "N_AST"), Map.entry(0x3c, "N_OPT"), Map.entry(0x40, "N_RSYM"),
            Map.entry(0x44, "N_SLINE"), Map.entry(0x4e, "N_ENSYM"), Map.entry(0x60, "N_SSYM"),
            Map.entry(0x64, "N_SO"), Map.entry(0x66, "N_OSO"), Map.entry(0x80, "N_LSYM"),
            Map.entry(0x82, "N_BINCL"), Map.entry(0x84, "N_SOL"), Map.entry(0x86, "N_PARAMS"),
            Map.entry(0x88, "N_VERSION"), Map.entry(0x8a, "N_OLEVEL"), Map.entry(0xa0, "N_PSYM"),
            Map.entry(0xa2, "N_EINCL"), Map.entry(0xa4, "N_ENTRY"), Map.entry(0xc0, "N_LBRAC"),
            Map.entry(0xc2, "N_EXCL"), Map.entry(0xe0, "N_RBRAC"), Map.entry(0xe2, "N_BCOMM"),
            Map.entry(0xe4, "N_ECOMM"), Map.entry(0xe8, "N_ECOML"), Map.entry(0xfe, "N_LENG"));

    static String stab(int type) {
        String n = STABS.get(type);
        return n != null ? n : String.format("N_STAB_0x%02x", type);
    }

    /** The name of a library ordinal: a dylib, or SELF / MAIN_EXECUTABLE / DYNAMIC_LOOKUP / WEAK_LOOKUP. */
    static String specialOrdinal(int ordinal) {
        switch (ordinal) {
            case 0: return "SELF";
            case -1: return "MAIN_EXECUTABLE";
            case -2: return "DYNAMIC_LOOKUP";
            case -3: return "WEAK_LOOKUP";
            default: return null;
        }
    }

    private static final String[] X86_64_RELOCS = {"UNSIGNED", "SIGNED", "BRANCH", "GOT_LOAD", "GOT",
            "SUBTRACTOR", "SIGNED_1", "SIGNED_2", "SIGNED_4", "TLV"};
    private static final String[] ARM64_RELOCS = {"UNSIGNED", "SUBTRACTOR", "BRANCH26", "PAGE21", "PAGEOFF12",
            "GOT_LOAD_PAGE21", "GOT_LOAD_PAGEOFF12", "POINTER_TO_GOT", "TLVP_LOAD_PAGE21", "TLVP_LOAD_PAGEOFF12",
            "ADDEND", "AUTHENTICATED_POINTER"};
    private static final String[] GENERIC_RELOCS = {"VANILLA", "PAIR", "SECTDIFF", "PB_LA_PTR",
            "LOCAL_SECTDIFF", "TLV"};

    static String relocationType(long cpuType, int type) {
        if (cpuType == (7 | CPU_ARCH_ABI64)) {
            return type < X86_64_RELOCS.length ? "X86_64_RELOC_" + X86_64_RELOCS[type] : "X86_64_RELOC_" + type;
        }
        if (cpuType == (12 | CPU_ARCH_ABI64) || cpuType == (12 | CPU_ARCH_ABI64_32)) {
            return type < ARM64_RELOCS.length ? "ARM64_RELOC_" + ARM64_RELOCS[type] : "ARM64_RELOC_" + type;
        }
        if (cpuType == 7) {
            return type < GENERIC_RELOCS.length ? "GENERIC_RELOC_" + GENERIC_RELOCS[type] : "GENERIC_RELOC_" + type;
        }
        return cpuType(cpuType) + "_RELOC_" + type;
    }

    private static final String[] HASH_TYPES = {null, "SHA1", "SHA256", "SHA256_TRUNCATED", "SHA384"};

    static String hashType(int t) {
        return t > 0 && t < HASH_TYPES.length ? HASH_TYPES[t] : "0x" + Integer.toHexString(t);
    }

    private static final long[] CS_FLAG_BITS = {0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x100, 0x200, 0x400, 0x800,
            0x1000, 0x2000, 0x10000, 0x20000};
    private static final String[] CS_FLAG_NAMES = {"valid", "adhoc", "get-task-allow", "installer", "forced-lv",
            "invalid-allowed", "hard", "kill", "check-expiration", "restrict", "enforcement", "library-validation",
            "runtime", "linker-signed"};

    static List<String> codeDirectoryFlags(long flags) {
        List<String> out = new ArrayList<>();
        long rest = flags;
        for (int i = 0; i < CS_FLAG_BITS.length; i++) {
            if ((flags & CS_FLAG_BITS[i]) != 0) {
                out.add(CS_FLAG_NAMES[i]);
                rest &= ~CS_FLAG_BITS[i];
            }
        }
        if (rest != 0) out.add("0x" + Long.toHexString(rest));
        return out;
    }
}
