package dev.crosslens.model;

/**
 * The instruction set of an image, in one vocabulary for every format. The format's own raw machine number is
 * kept beside it in {@link ImageCore#rawMachine()}, so nothing is lost when this says {@link #UNKNOWN}.
 */
public enum Arch {
    X86("i386", 32, "386"),
    X86_64("x86_64", 64, "amd64"),
    ARM("arm", 32, "arm"),
    ARM64("arm64", 64, "arm64"),
    RISCV32("riscv32", 32, null),
    RISCV64("riscv64", 64, "riscv64"),
    S390X("s390x", 64, "s390x"),
    PPC("ppc", 32, null),
    PPC64("ppc64", 64, "ppc64"),
    PPC64LE("ppc64le", 64, "ppc64le"),
    MIPS("mips", 32, "mips"),
    MIPSLE("mipsle", 32, "mipsle"),
    MIPS64("mips64", 64, "mips64"),
    MIPS64LE("mips64le", 64, "mips64le"),
    LOONGARCH64("loong64", 64, "loong64"),
    SPARC64("sparc64", 64, null),
    IA64("ia64", 64, null),
    WASM("wasm", 32, "wasm"),
    /** A fat Mach-O or an archive holding several. */
    MULTI("multi", 0, null),
    UNKNOWN("unknown", 0, null);

    private final String label;
    private final int bits;
    private final String goarch;

    Arch(String label, int bits, String goarch) {
        this.label = label;
        this.bits = bits;
        this.goarch = goarch;
    }

    public String label() {
        return label;
    }

    /** Natural word size, 0 when not known. */
    public int bits() {
        return bits;
    }

    /** The GOARCH value that builds for this arch, or null where Go has none. */
    public String goarch() {
        return goarch;
    }

    public boolean isX86Family() {
        return this == X86 || this == X86_64;
    }

    public static Arch fromGoarch(String goarch) {
        if (goarch == null) return UNKNOWN;
        for (Arch a : values()) {
            if (goarch.equals(a.goarch)) return a;
        }
        return UNKNOWN;
    }
}
