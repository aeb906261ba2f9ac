package dev.crosslens.parsers.pe;

import dev.crosslens.model.Arch;

import java.util.ArrayList;
import java.util.List;

/** PE/COFF constants and llvm-readobj's names for them. Unknown values keep their number in the name. */
final class PeNames {
    static final int MACHINE_I386 = 0x14c;
    static final int MACHINE_AMD64 = 0x8664;
    static final int MACHINE_ARM64 = 0xaa64;
    static final int MACHINE_ARMNT = 0x1c4;

    static final int FILE_RELOCS_STRIPPED = 0x1;
    static final int FILE_DLL = 0x2000;

    static final int DLL_HIGH_ENTROPY_VA = 0x20;
    static final int DLL_DYNAMIC_BASE = 0x40;
    static final int DLL_FORCE_INTEGRITY = 0x80;
    static final int DLL_NX_COMPAT = 0x100;
    static final int DLL_NO_SEH = 0x400;
    static final int DLL_GUARD_CF = 0x4000;

    static final String[] DIRECTORY_NAMES = {"ExportTable", "ImportTable", "ResourceTable", "ExceptionTable",
        "CertificateTable", "BaseRelocationTable", "Debug", "Architecture", "GlobalPtr", "TLSTable",
        "LoadConfigTable", "BoundImport", "IAT", "DelayImportDescriptor", "CLRRuntimeHeader", "Reserved"};

    private static final String[] FILE_FLAGS = {"IMAGE_FILE_RELOCS_STRIPPED", "IMAGE_FILE_EXECUTABLE_IMAGE",
        "IMAGE_FILE_LINE_NUMS_STRIPPED", "IMAGE_FILE_LOCAL_SYMS_STRIPPED", "IMAGE_FILE_AGGRESSIVE_WS_TRIM",
        "IMAGE_FILE_LARGE_ADDRESS_AWARE", null, "IMAGE_FILE_BYTES_REVERSED_LO", "IMAGE_FILE_32BIT_MACHINE",
        "IMAGE_FILE_DEBUG_STRIPPED", "IMAGE_FILE_REMOVABLE_RUN_FROM_SWAP", "IMAGE_FILE_NET_RUN_FROM_SWAP",
        "IMAGE_FILE_SYSTEM", "IMAGE_FILE_DLL", "IMAGE_FILE_UP_SYSTEM_ONLY", "IMAGE_FILE_BYTES_REVERSED_HI"};

    private static final String[] DLL_FLAGS = {null, null, null, null, null,
        "IMAGE_DLL_CHARACTERISTICS_HIGH_ENTROPY_VA", "IMAGE_DLL_CHARACTERISTICS_DYNAMIC_BASE",
        "IMAGE_DLL_CHARACTERISTICS_FORCE_INTEGRITY", "IMAGE_DLL_CHARACTERISTICS_NX_COMPAT",
        "IMAGE_DLL_CHARACTERISTICS_NO_ISOLATION", "IMAGE_DLL_CHARACTERISTICS_NO_SEH",
        "IMAGE_DLL_CHARACTERISTICS_NO_BIND", "IMAGE_DLL_CHARACTERISTICS_APPCONTAINER",
        "IMAGE_DLL_CHARACTERISTICS_WDM_DRIVER", "IMAGE_DLL_CHARACTERISTICS_GUARD_CF",
        "IMAGE_DLL_CHARACTERISTICS_TERMINAL_SERVER_AWARE"};

    private PeNames() {
    }

    static String machineName(int machine) {
        return switch (machine) {
            case 0 -> "IMAGE_FILE_MACHINE_UNKNOWN";
            case 0x14c -> "IMAGE_FILE_MACHINE_I386";
            case 0x8664 -> "IMAGE_FILE_MACHINE_AMD64";
            case 0xaa64 -> "IMAGE_FILE_MACHINE_ARM64";
            case 0xa641 -> "IMAGE_FILE_MACHINE_ARM64EC";
            case 0xa64e -> "IMAGE_FILE_MACHINE_ARM64X";
            case 0x1c4 -> "IMAGE_FILE_MACHINE_ARMNT";
            case 0x1c0 -> "IMAGE_FILE_MACHINE_ARM";
            case 0x1c2 -> "IMAGE_FILE_MACHINE_THUMB";
            case 0x200 -> "IMAGE_FILE_MACHINE_IA64";
            case 0xebc -> "IMAGE_FILE_MACHINE_EBC";
            case 0x5032 -> "IMAGE_FILE_MACHINE_RISCV32";
            case 0x5064 -> "IMAGE_FILE_MACHINE_RISCV64";
            case 0x5128 -> "IMAGE_FILE_MACHINE_RISCV128";
            case 0x1f0 -> "IMAGE_FILE_MACHINE_POWERPC";
            case 0x1f1 -> "IMAGE_FILE_MACHINE_POWERPCFP";
            case 0x166 -> "IMAGE_FILE_MACHINE_R4000";
            case 0x169 -> "IMAGE_FILE_MACHINE_WCEMIPSV2";
            case 0x6232 -> "IMAGE_FILE_MACHINE_LOONGARCH32";
            case 0x6264 -> "IMAGE_FILE_MACHINE_LOONGARCH64";
            default -> String.format("IMAGE_FILE_MACHINE_UNKNOWN (0x%X)", machine);
        };
    }

    static Arch arch(int machine) {
        return switch (machine) {
            case 0x14c -> Arch.X86;
            case 0x8664 -> Arch.X86_64;
            case 0xaa64, 0xa641, 0xa64e -> Arch.ARM64;
            case 0x1c0, 0x1c2, 0x1c4 -> Arch.ARM;
            case 0x200 -> Arch.IA64;
            case 0x5032 -> Arch.RISCV32;
            case 0x5064 -> Arch.RISCV64;
            case 0x1f0, 0x1f1 -> Arch.PPC;
            case 0x166, 0x169 -> Arch.MIPSLE;
            case 0x6264 -> Arch.LOONGARCH64;
            default -> Arch.UNKNOWN;
        };
    }

    static List<String> fileFlags(int characteristics) {
        return flags(characteristics, FILE_FLAGS);
    }

    static List<String> dllFlags(int dllCharacteristics) {
        return flags(dllCharacteristics, DLL_FLAGS);
    }

    private static List<String> flags(int value, String[] names) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 16; bit++) {
            if ((value & (1 << bit)) == 0) continue;
            String n = names[bit];
            out.add(n != null ? n : String.format("0x%X", 1 << bit));
        }
        return out;
    }

    static String subsystemName(int subsystem) {
        return switch (subsystem) {
            case 0 -> "IMAGE_SUBSYSTEM_UNKNOWN";
            case 1 -> "IMAGE_SUBSYSTEM_NATIVE";
            case 2 -> "IMAGE_SUBSYSTEM_WINDOWS_GUI";
            case 3 -> "IMAGE_SUBSYSTEM_WINDOWS_CUI";
            case 5 -> "IMAGE_SUBSYSTEM_OS2_CUI";
            case 7 -> "IMAGE_SUBSYSTEM_POSIX_CUI";
            case 8 -> "IMAGE_SUBSYSTEM_NATIVE_WINDOWS";
            case 9 -> "IMAGE_SUBSYSTEM_WINDOWS_CE_GUI";
            case 10 -> "IMAGE_SUBSYSTEM_EFI_APPLICATION";
            case 11 -> "IMAGE_SUBSYSTEM_EFI_BOOT_SERVICE_DRIVER";
            case 12 -> "IMAGE_SUBSYSTEM_EFI_RUNTIME_DRIVER";
            case 13 -> "IMAGE_SUBSYSTEM_EFI_ROM";
            case 14 -> "IMAGE_SUBSYSTEM_XBOX";
            case 16 -> "IMAGE_SUBSYSTEM_WINDOWS_BOOT_APPLICATION";
            default -> "IMAGE_SUBSYSTEM_UNKNOWN (" + subsystem + ")";
        };
    }

    static boolean efiSubsystem(int subsystem) {
        return subsystem >= 10 && subsystem <= 13;
    }

    static String debugTypeName(long type) {
        return switch ((int) type) {
            case 0 -> "Unknown";
            case 1 -> "COFF";
            case 2 -> "CodeView";
            case 3 -> "FPO";
            case 4 -> "Misc";
            case 5 -> "Exception";
            case 6 -> "Fixup";
            case 7 -> "OmapToSrc";
            case 8 -> "OmapFromSrc";
            case 9 -> "Borland";
            case 10 -> "Reserved10";
            case 11 -> "CLSID";
            case 12 -> "VCFeature";
            case 13 -> "POGO";
            case 14 -> "ILTCG";
            case 15 -> "MPX";
            case 16 -> "Repro";
            case 20 -> "ExtendedDLLCharacteristics";
            default -> "Unknown (" + type + ")";
        };
    }

    /** llvm-readobj's base relocation type names. */
    static String baseRelocationTypeName(int type) {
        return switch (type) {
            case 0 -> "ABSOLUTE";
            case 1 -> "HIGH";
            case 2 -> "LOW";
            case 3 -> "HIGHLOW";
            case 4 -> "HIGHADJ";
            case 7 -> "ARM_MOV32(T)";
            case 10 -> "DIR64";
            default -> "unknown (" + type + ")";
        };
    }

    /** Object file relocation type names for the common machines (llvm's IMAGE_REL_* names). */
    static String relocationTypeName(int machine, int type) {
        String[] names = switch (machine) {
            case MACHINE_AMD64 -> new String[] {"IMAGE_REL_AMD64_ABSOLUTE", "IMAGE_REL_AMD64_ADDR64",
                "IMAGE_REL_AMD64_ADDR32", "IMAGE_REL_AMD64_ADDR32NB", "IMAGE_REL_AMD64_REL32",
                "IMAGE_REL_AMD64_REL32_1", "IMAGE_REL_AMD64_REL32_2", "IMAGE_REL_AMD64_REL32_3",
                "IMAGE_REL_AMD64_REL32_4", "IMAGE_REL_AMD64_REL32_5", "IMAGE_REL_AMD64_SECTION",
                "IMAGE_REL_AMD64_SECREL", "IMAGE_REL_AMD64_SECREL7", "IMAGE_REL_AMD64_TOKEN",
                "IMAGE_REL_AMD64_SREL32", "IMAGE_REL_AMD64_PAIR", "IMAGE_REL_AMD64_SSPAN32"};
            case MACHINE_I386 -> new String[] {"IMAGE_REL_I386_ABSOLUTE", "IMAGE_REL_I386_DIR16",
                "IMAGE_REL_I386_REL16", null, null, null, "IMAGE_REL_I386_DIR32", "IMAGE_REL_I386_DIR32NB", null,
                "IMAGE_REL_I386_SEG12", "IMAGE_REL_I386_SECTION", "IMAGE_REL_I386_SECREL", "IMAGE_REL_I386_TOKEN",
                "IMAGE_REL_I386_SECREL7", null, null, null, null, null, null, "IMAGE_REL_I386_REL32"};
            case MACHINE_ARM64 -> new String[] {"IMAGE_REL_ARM64_ABSOLUTE", "IMAGE_REL_ARM64_ADDR32",
                "IMAGE_REL_ARM64_ADDR32NB", "IMAGE_REL_ARM64_BRANCH26", "IMAGE_REL_ARM64_PAGEBASE_REL21",
                "IMAGE_REL_ARM64_REL21", "IMAGE_REL_ARM64_PAGEOFFSET_12A", "IMAGE_REL_ARM64_PAGEOFFSET_12L",
                "IMAGE_REL_ARM64_SECREL", "IMAGE_REL_ARM64_SECREL_LOW12A", "IMAGE_REL_ARM64_SECREL_HIGH12A",
                "IMAGE_REL_ARM64_SECREL_LOW12L", "IMAGE_REL_ARM64_TOKEN", "IMAGE_REL_ARM64_SECTION",
                "IMAGE_REL_ARM64_ADDR64", "IMAGE_REL_ARM64_BRANCH19", "IMAGE_REL_ARM64_BRANCH14",
                "IMAGE_REL_ARM64_REL32"};
            default -> new String[0];
        };
        String n = type >= 0 && type < names.length ? names[type] : null;
        return n != null ? n : "Unknown (" + type + ")";
    }
}
