package dev.crosslens.parsers.elf;

import java.util.HashMap;
import java.util.Map;

/** Relocation type names per machine, as the psABIs and readelf spell them; hex for anything else. */
final class ElfRelocationTypes {
    private static final Map<Integer, String> X86_64 = prefixed("R_X86_64_", ElfNames.table(
            "NONE", "64", "PC32", "GOT32", "PLT32", "COPY", "GLOB_DAT", "JUMP_SLOT", "RELATIVE", "GOTPCREL", "32",
            "32S", "16", "PC16", "8", "PC8", "DTPMOD64", "DTPOFF64", "TPOFF64", "TLSGD", "TLSLD", "DTPOFF32",
            "GOTTPOFF", "TPOFF32", "PC64", "GOTOFF64", "GOTPC32", "GOT64", "GOTPCREL64", "GOTPC64", "GOTPLT64",
            "PLTOFF64", "SIZE32", "SIZE64", "GOTPC32_TLSDESC", "TLSDESC_CALL", "TLSDESC", "IRELATIVE",
            "RELATIVE64", null, null, "GOTPCRELX", "REX_GOTPCRELX"));

    private static final Map<Integer, String> I386 = prefixed("R_386_", ElfNames.table(
            "NONE", "32", "PC32", "GOT32", "PLT32", "COPY", "GLOB_DAT", "JUMP_SLOT", "RELATIVE", "GOTOFF", "GOTPC",
            "32PLT", null, null, "TLS_TPOFF", "TLS_IE", "TLS_GOTIE", "TLS_LE", "TLS_GD", "TLS_LDM", "16", "PC16",
            "8", "PC8", "TLS_GD_32", "TLS_GD_PUSH", "TLS_GD_CALL", "TLS_GD_POP", "TLS_LDM_32", "TLS_LDM_PUSH",
            "TLS_LDM_CALL", "TLS_LDM_POP", "TLS_LDO_32", "TLS_IE_32", "TLS_LE_32", "TLS_DTPMOD32",
            "TLS_DTPOFF32", "TLS_TPOFF32", "SIZE32", "TLS_GOTDESC", "TLS_DESC_CALL", "TLS_DESC", "IRELATIVE",
            "GOT32X"));

    private static final Map<Integer, String> ARM = prefixed("R_ARM_", ElfNames.table(
            "NONE", "PC24", "ABS32", "REL32", "LDR_PC_G0", "ABS16", "ABS12", "THM_ABS5", "ABS8", "SBREL32",
            "THM_CALL", "THM_PC8", "BREL_ADJ", "TLS_DESC", "THM_SWI8", "XPC25", "THM_XPC22", "TLS_DTPMOD32",
            "TLS_DTPOFF32", "TLS_TPOFF32", "COPY", "GLOB_DAT", "JUMP_SLOT", "RELATIVE", "GOTOFF", "GOTPC",
            "GOT32", "PLT32", "CALL", "JUMP24", "THM_JUMP24", "BASE_ABS", "ALU_PCREL_7_0", "ALU_PCREL_15_8",
            "ALU_PCREL_23_15", "LDR_SBREL_11_0", "ALU_SBREL_19_12", "ALU_SBREL_27_20", "TARGET1", "SBREL31",
            "V4BX", "TARGET2", "PREL31", "MOVW_ABS_NC", "MOVT_ABS", "MOVW_PREL_NC", "MOVT_PREL",
            "THM_MOVW_ABS_NC", "THM_MOVT_ABS", "THM_MOVW_PREL_NC", "THM_MOVT_PREL", "THM_JUMP19", "THM_JUMP6",
            "THM_ALU_PREL_11_0", "THM_PC12", "ABS32_NOI", "REL32_NOI"));

    private static final Map<Integer, String> AARCH64 = new HashMap<>();

    private static final Map<Integer, String> RISCV = prefixed("R_RISCV_", ElfNames.table(
            "NONE", "32", "64", "RELATIVE", "COPY", "JUMP_SLOT", "TLS_DTPMOD32", "TLS_DTPMOD64", "TLS_DTPREL32",
            "TLS_DTPREL64", "TLS_TPREL32", "TLS_TPREL64", null, null, null, null, "BRANCH", "JAL", "CALL",
            "CALL_PLT", "GOT_HI20", "TLS_GOT_HI20", "TLS_GD_HI20", "PCREL_HI20", "PCREL_LO12_I", "PCREL_LO12_S",
            "HI20", "LO12_I", "LO12_S", "TPREL_HI20", "TPREL_LO12_I", "TPREL_LO12_S", "TPREL_ADD", "ADD8",
            "ADD16", "ADD32", "ADD64", "SUB8", "SUB16", "SUB32", "SUB64", "GNU_VTINHERIT", "GNU_VTENTRY",
            "ALIGN", "RVC_BRANCH", "RVC_JUMP", "RVC_LUI", null, null, null, null, "RELAX", "SUB6", "SET6",
            "SET8", "SET16", "SET32", "32_PCREL", "IRELATIVE", "PLT32", "SET_ULEB128", "SUB_ULEB128"));

    private static final Map<Integer, String> S390 = prefixed("R_390_", ElfNames.table(
            "NONE", "8", "12", "16", "32", "PC32", "GOT12", "GOT32", "PLT32", "COPY", "GLOB_DAT", "JMP_SLOT",
            "RELATIVE", "GOTOFF32", "GOTPC", "GOT16", "PC16", "PC16DBL", "PLT16DBL", "PC32DBL", "PLT32DBL",
            "GOTPCDBL", "64", "PC64", "GOT64", "PLT64", "GOTENT", "GOTOFF16", "GOTOFF64", "GOTPLT12",
            "GOTPLT16", "GOTPLT32", "GOTPLT64", "GOTPLTENT", "PLTOFF16", "PLTOFF32", "PLTOFF64", "TLS_LOAD",
            "TLS_GDCALL", "TLS_LDCALL", "TLS_GD32", "TLS_GD64", "TLS_GOTIE12", "TLS_GOTIE32", "TLS_GOTIE64",
            "TLS_LDM32", "TLS_LDM64", "TLS_IE32", "TLS_IE64", "TLS_IEENT", "TLS_LE32", "TLS_LE64", "TLS_LDO32",
            "TLS_LDO64", "TLS_DTPMOD", "TLS_DTPOFF", "TLS_TPOFF", "20", "GOT20", "GOTPLT20", "TLS_GOTIE20",
            "IRELATIVE", "PC12DBL", "PLT12DBL", "PC24DBL", "PLT24DBL"));

    private static final Map<Integer, String> PPC = prefixed("R_PPC_", ElfNames.table(
            "NONE", "ADDR32", "ADDR24", "ADDR16", "ADDR16_LO", "ADDR16_HI", "ADDR16_HA", "ADDR14",
            "ADDR14_BRTAKEN", "ADDR14_BRNTAKEN", "REL24", "REL14", "REL14_BRTAKEN", "REL14_BRNTAKEN", "GOT16",
            "GOT16_LO", "GOT16_HI", "GOT16_HA", "PLTREL24", "COPY", "GLOB_DAT", "JMP_SLOT", "RELATIVE",
            "LOCAL24PC", "UADDR32", "UADDR16", "REL32", "PLT32", "PLTREL32", "PLT16_LO", "PLT16_HI", "PLT16_HA",
            "SDAREL16", "SECTOFF", "SECTOFF_LO", "SECTOFF_HI", "SECTOFF_HA"));

    private static final Map<Integer, String> PPC64 = prefixed("R_PPC64_", ElfNames.table(
            "NONE", "ADDR32", "ADDR24", "ADDR16", "ADDR16_LO", "ADDR16_HI", "ADDR16_HA", "ADDR14",
            "ADDR14_BRTAKEN", "ADDR14_BRNTAKEN", "REL24", "REL14", "REL14_BRTAKEN", "REL14_BRNTAKEN", "GOT16",
            "GOT16_LO", "GOT16_HI", "GOT16_HA", null, "COPY", "GLOB_DAT", "JMP_SLOT", "RELATIVE", null,
            "UADDR32", "UADDR16", "REL32", "PLT32", "PLTREL32", "PLT16_LO", "PLT16_HI", "PLT16_HA", null,
            "SECTOFF", "SECTOFF_LO", "SECTOFF_HI", "SECTOFF_HA", "ADDR30", "ADDR64", "ADDR16_HIGHER",
            "ADDR16_HIGHERA", "ADDR16_HIGHEST", "ADDR16_HIGHESTA", "UADDR64", "REL64", "PLT64", "PLTREL64",
            "TOC16", "TOC16_LO", "TOC16_HI", "TOC16_HA", "TOC"));

    static {
        String[][] aarch64 = {
            {"0", "NONE"}, {"256", "NONE"}, {"257", "ABS64"}, {"258", "ABS32"}, {"259", "ABS16"},
            {"260", "PREL64"}, {"261", "PREL32"}, {"262", "PREL16"}, {"263", "MOVW_UABS_G0"},
            {"264", "MOVW_UABS_G0_NC"}, {"265", "MOVW_UABS_G1"}, {"266", "MOVW_UABS_G1_NC"},
            {"267", "MOVW_UABS_G2"}, {"268", "MOVW_UABS_G2_NC"}, {"269", "MOVW_UABS_G3"},
            {"270", "MOVW_SABS_G0"}, {"271", "MOVW_SABS_G1"}, {"272", "MOVW_SABS_G2"},
            {"273", "LD_PREL_LO19"}, {"274", "ADR_PREL_LO21"}, {"275", "ADR_PREL_PG_HI21"},
            {"276", "ADR_PREL_PG_HI21_NC"}, {"277", "ADD_ABS_LO12_NC"}, {"278", "LDST8_ABS_LO12_NC"},
            {"279", "TSTBR14"}, {"280", "CONDBR19"}, {"282", "JUMP26"}, {"283", "CALL26"},
            {"284", "LDST16_ABS_LO12_NC"}, {"285", "LDST32_ABS_LO12_NC"}, {"286", "LDST64_ABS_LO12_NC"},
            {"287", "MOVW_PREL_G0"}, {"288", "MOVW_PREL_G0_NC"}, {"289", "MOVW_PREL_G1"},
            {"290", "MOVW_PREL_G1_NC"}, {"291", "MOVW_PREL_G2"}, {"292", "MOVW_PREL_G2_NC"},
            {"293", "MOVW_PREL_G3"}, {"299", "LDST128_ABS_LO12_NC"}, {"309", "GOTREL64"},
            {"310", "GOTREL32"}, {"311", "GOT_LD_PREL19"}, {"312", "LD64_GOTOFF_LO15"},
            {"313", "ADR_GOT_PAGE"}, {"314", "LD64_GOT_LO12_NC"}, {"315", "LD64_GOTPAGE_LO15"},
            {"512", "TLSGD_ADR_PREL21"}, {"513", "TLSGD_ADR_PAGE21"}, {"514", "TLSGD_ADD_LO12_NC"},
            {"515", "TLSGD_MOVW_G1"}, {"516", "TLSGD_MOVW_G0_NC"}, {"517", "TLSLD_ADR_PREL21"},
            {"518", "TLSLD_ADR_PAGE21"}, {"519", "TLSLD_ADD_LO12_NC"},
            {"539", "TLSIE_MOVW_GOTTPREL_G1"}, {"540", "TLSIE_MOVW_GOTTPREL_G0_NC"},
            {"541", "TLSIE_ADR_GOTTPREL_PAGE21"}, {"542", "TLSIE_LD64_GOTTPREL_LO12_NC"},
            {"543", "TLSIE_LD_GOTTPREL_PREL19"}, {"544", "TLSLE_MOVW_TPREL_G2"},
            {"545", "TLSLE_MOVW_TPREL_G1"}, {"546", "TLSLE_MOVW_TPREL_G1_NC"},
            {"547", "TLSLE_MOVW_TPREL_G0"}, {"548", "TLSLE_MOVW_TPREL_G0_NC"},
            {"549", "TLSLE_ADD_TPREL_HI12"}, {"550", "TLSLE_ADD_TPREL_LO12"},
            {"551", "TLSLE_ADD_TPREL_LO12_NC"}, {"560", "TLSDESC_LD_PREL19"}, {"561", "TLSDESC_ADR_PREL21"},
            {"562", "TLSDESC_ADR_PAGE21"}, {"563", "TLSDESC_LD64_LO12"}, {"564", "TLSDESC_ADD_LO12"},
            {"565", "TLSDESC_OFF_G1"}, {"566", "TLSDESC_OFF_G0_NC"}, {"567", "TLSDESC_LDR"},
            {"568", "TLSDESC_ADD"}, {"569", "TLSDESC_CALL"}, {"1024", "COPY"}, {"1025", "GLOB_DAT"},
            {"1026", "JUMP_SLOT"}, {"1027", "RELATIVE"}, {"1028", "TLS_DTPMOD64"}, {"1029", "TLS_DTPREL64"},
            {"1030", "TLS_TPREL64"}, {"1031", "TLSDESC"}, {"1032", "IRELATIVE"}};
        for (String[] e : aarch64) {
            AARCH64.put(Integer.parseInt(e[0]), "R_AARCH64_" + e[1]);
        }
    }

    private ElfRelocationTypes() {
    }

    static String name(int machine, boolean is64, long type) {
        Map<Integer, String> table = table(machine, is64);
        String n = table == null || type < 0 || type > Integer.MAX_VALUE ? null : table.get((int) type);
        return n != null ? n : ElfNames.hex(type);
    }

    /** The machine's RELATIVE type number, which RELR entries stand for; 0 where not known. */
    static long relativeType(int machine) {
        switch (machine) {
            case ElfNames.EM_X86_64: case ElfNames.EM_386: return 8;
            case ElfNames.EM_AARCH64: return 1027;
            case ElfNames.EM_ARM: return 23;
            case ElfNames.EM_RISCV: return 3;
            case ElfNames.EM_S390: return 12;
            case ElfNames.EM_PPC: case ElfNames.EM_PPC64: return 22;
            default: return 0;
        }
    }

    private static Map<Integer, String> table(int machine, boolean is64) {
        switch (machine) {
            case ElfNames.EM_X86_64: return X86_64;
            case ElfNames.EM_386: return I386;
            case ElfNames.EM_AARCH64: return AARCH64;
            case ElfNames.EM_ARM: return ARM;
            case ElfNames.EM_RISCV: return RISCV;
            case ElfNames.EM_S390: return S390;
            case ElfNames.EM_PPC: return PPC;
            case ElfNames.EM_PPC64: return PPC64;
            default: return null;
        }
    }

    private static Map<Integer, String> prefixed(String prefix, Map<Integer, String> names) {
        Map<Integer, String> out = new HashMap<>();
        names.forEach((k, v) -> out.put(k, prefix + v));
        return Map.copyOf(out);
    }
}
