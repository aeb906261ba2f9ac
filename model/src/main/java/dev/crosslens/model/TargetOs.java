package dev.crosslens.model;

/** The operating system an image is built for, as far as the file says. */
public enum TargetOs {
    LINUX("linux"),
    ANDROID("android"),
    WINDOWS("windows"),
    MACOS("darwin"),
    IOS("ios"),
    /** Apple platforms beyond macOS and iOS (Mach-O LC_BUILD_VERSION platform, LC_VERSION_MIN_*). */
    TVOS("tvos"),
    WATCHOS("watchos"),
    BRIDGEOS("bridgeos"),
    DRIVERKIT("driverkit"),
    VISIONOS("visionos"),
    FREEBSD("freebsd"),
    OPENBSD("openbsd"),
    NETBSD("netbsd"),
    SOLARIS("solaris"),
    /** Generic System V / "none": ELF objects and static binaries that do not name an OS. */
    SYSV("sysv"),
    UNKNOWN("unknown");

    private final String goos;

    TargetOs(String goos) {
        this.goos = goos;
    }

    /** The GOOS spelling. */
    public String goos() {
        return goos;
    }

    public static TargetOs fromGoos(String goos) {
        if (goos == null) return UNKNOWN;
        for (TargetOs os : values()) {
            if (os.goos.equals(goos)) return os;
        }
        return UNKNOWN;
    }
}
