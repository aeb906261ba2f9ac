package dev.crosslens.app.overview;

import dev.crosslens.app.control.Plural;
import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.HardeningCheck;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.pe.PeDetails;
import dev.crosslens.model.pe.PeVersionInfo;
import dev.crosslens.model.Library;
import dev.crosslens.model.Section;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.model.go.GoInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the overview shows of one image, as plain data: the verdict line and the facts of each card. Computed once
 * from the parsed image (no engine call, no I/O).
 */
public final class OverviewViewModel {
    /** One label/value row; {@code mono} for offsets, hashes, paths. */
    public record Fact(String label, String value, boolean mono) {
    }

    private final BinaryFile file;
    private final BinaryImage image;
    private final ImageCore core;

    public OverviewViewModel(BinaryFile file, BinaryImage image) {
        this.file = file;
        this.image = image;
        this.core = image.core();
    }

    public ImageCore core() {
        return core;
    }

    /** "ELF 64-bit PIE executable, ARM64, linux, dynamically linked to libc.so.6 + 2 libraries, Go 1.20.4, ..." */
    public String verdict() {
        List<String> parts = new ArrayList<>();
        parts.add(formatName() + " " + core.kind().label());
        if (core.arch() != Arch.MULTI && core.arch() != Arch.UNKNOWN) {
            parts.add(core.arch().label().toUpperCase(Locale.ROOT));
        } else if (core.arch() == Arch.UNKNOWN && !core.machineName().isEmpty()) {
            parts.add(core.machineName());
        }
        String subsystem = peSubsystem();
        if (subsystem != null) parts.add(subsystem);
        else if (core.os() != TargetOs.UNKNOWN) parts.add(osName(core.os()));
        if (core.format() != BinaryFormat.FAT_MACHO && core.format() != BinaryFormat.ARCHIVE) {
            parts.add(linkage());
        } else {
            parts.add(core.format() == BinaryFormat.FAT_MACHO ? Plural.of(image.children().size(), "slice", "slices")
                    : Plural.of(image.children().size(), "object", "objects"));
        }
        GoInfo go = core.go();
        if (go != null) {
            parts.add(go.version() != null ? goVersion(go.version()) : "Go (version unknown)");
            if (go.facts() != null) parts.add(go.facts().cgo() ? "CGO on" : "CGO off");
        }
        if (core.stripped()) parts.add("stripped");
        return String.join(", ", parts);
    }

    private PeDetails pe() {
        return image instanceof PeImage ? ((PeImage) image).pe() : null;
    }

    /** "Windows GUI subsystem" from IMAGE_SUBSYSTEM_WINDOWS_GUI; null for non-PE or no optional header. */
    String peSubsystem() {
        PeDetails pe = pe();
        if (pe == null || pe.optionalHeader() == null) return null;
        String n = pe.optionalHeader().subsystemName();
        if (n == null || n.isEmpty()) return null;
        switch (n) {
            case "IMAGE_SUBSYSTEM_WINDOWS_GUI": return "Windows GUI subsystem";
            case "IMAGE_SUBSYSTEM_WINDOWS_CUI": return "Windows console subsystem";
            case "IMAGE_SUBSYSTEM_NATIVE": return "Windows native subsystem";
            default: return n.replace("IMAGE_SUBSYSTEM_", "").replace('_', ' ').toLowerCase(Locale.ROOT) + " subsystem";
        }
    }

    /** PE version resource strings and the CPE built from them; empty when the file has none. */
    public List<Fact> versionInfo() {
        List<Fact> f = new ArrayList<>();
        PeDetails pe = pe();
        if (pe == null) return f;
        PeVersionInfo vi = pe.versionInfo();
        if (vi != null) {
            for (String key : List.of("CompanyName", "ProductName", "FileDescription", "FileVersion",
                    "ProductVersion", "OriginalFilename", "LegalCopyright")) {
                String v = vi.string(key);
                if (v != null && !v.isBlank()) f.add(new Fact(key, v, false));
            }
        }
        if (pe.cpe() != null) f.add(new Fact("CPE", pe.cpe(), true));
        return f;
    }

    private String formatName() {
        switch (core.format()) {
            case PE:
                return core.bits() == 64 ? "PE32+" : "PE32";
            case ELF:
            case MACHO:
                return core.bits() > 0 ? core.format().label() + " " + core.bits() + "-bit" : core.format().label();
            default:
                return core.format().label();
        }
    }

    static String osName(TargetOs os) {
        switch (os) {
            case LINUX: return "Linux";
            case WINDOWS: return "Windows";
            case MACOS: return "macOS";
            case ANDROID: return "Android";
            case IOS: return "iOS";
            case TVOS: return "tvOS";
            case WATCHOS: return "watchOS";
            case BRIDGEOS: return "bridgeOS";
            case DRIVERKIT: return "DriverKit";
            case VISIONOS: return "visionOS";
            case FREEBSD: return "FreeBSD";
            case OPENBSD: return "OpenBSD";
            case NETBSD: return "NetBSD";
            case SOLARIS: return "Solaris";
            case SYSV: return "System V";
            default: return os.goos();
        }
    }

    static String goVersion(String v) {
        return v.startsWith("go") ? "Go " + v.substring(2) : v;
    }

    private String linkage() {
        if (!core.linkage().dynamic()) {
            String s = "statically linked";
            return core.linkage().libc() != LibcFlavor.UNKNOWN && core.linkage().libc() != LibcFlavor.NONE
                    ? s + " (" + core.linkage().libc().label() + ")" : s;
        }
        List<Library> libs = core.libraries();
        if (libs.isEmpty()) return "dynamically linked";
        String more = libs.size() == 1 ? "" : " + " + (libs.size() - 1) + " "
                + (core.format() == BinaryFormat.PE ? (libs.size() == 2 ? "DLL" : "DLLs")
                : (libs.size() == 2 ? "library" : "libraries"));
        return "dynamically linked to " + libs.get(0).name() + more;
    }

    public List<Fact> identity() {
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("File", file.path(), true));
        f.add(new Fact("Format", core.format().label() + (core.bits() > 0 ? ", " + core.bits() + "-bit" : "")
                + (core.bits() > 0 ? ", " + core.endianness().name().toLowerCase(Locale.ROOT) + " endian" : ""),
                false));
        f.add(new Fact("Kind", core.kind().label(), false));
        f.add(new Fact("Architecture", core.arch().label() + (core.machineName().isEmpty() ? ""
                : "  (" + core.machineName() + ", 0x" + Long.toHexString(core.rawMachine()) + ")"), false));
        f.add(new Fact("OS", osName(core.os()), false));
        if (core.entry() != null) f.add(new Fact("Entry point", "0x" + Long.toHexString(core.entry()), true));
        if (core.extent().isKnown() && core.extent().offset() > 0) {
            f.add(new Fact("In file at", core.extent().toString(), true));
        }
        return f;
    }

    public List<Fact> linkageFacts() {
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("Linkage", core.linkage().dynamic() ? "dynamic" : "static", false));
        if (core.linkage().interpreter() != null) f.add(new Fact("Interpreter", core.linkage().interpreter(), true));
        f.add(new Fact("C runtime", core.linkage().libc().label(), false));
        if (!core.linkage().evidence().isEmpty()) f.add(new Fact("Evidence", core.linkage().evidence(), false));
        f.add(new Fact("Libraries", core.libraries().isEmpty() ? "none" : joinLibraries(), true));
        if (!core.rpaths().isEmpty()) f.add(new Fact("Search paths", String.join(":", core.rpaths()), true));
        return f;
    }

    /** Up to {@link #LIBRARIES_SHOWN} names (the value wraps); past that, how many more the Libraries tab lists. */
    private String joinLibraries() {
        List<Library> libs = core.libraries();
        List<String> names = new ArrayList<>();
        int shown = libs.size() <= LIBRARIES_SHOWN ? libs.size() : LIBRARIES_SHOWN - 1;
        for (int i = 0; i < shown; i++) names.add(libs.get(i).name());
        String joined = String.join(", ", names);
        return shown == libs.size() ? joined : joined + " and " + (libs.size() - shown) + " more (Libraries tab)";
    }

    static final int LIBRARIES_SHOWN = 24;

    public List<HardeningCheck> hardening() {
        return core.hardening();
    }

    /** Go build info rows, empty for a non-Go image. */
    public List<Fact> goFacts() {
        List<Fact> f = new ArrayList<>();
        GoInfo go = core.go();
        if (go == null) return f;
        f.add(new Fact("Toolchain", go.version() == null ? "unknown" : go.version(), true));
        GoBuildInfo bi = go.buildInfo();
        if (bi != null) {
            if (bi.path() != null) f.add(new Fact("Main package", bi.path(), true));
            if (bi.main() != null) {
                f.add(new Fact("Main module", bi.main().path() + " " + bi.main().version(), true));
            }
            f.add(new Fact("Dependencies", String.valueOf(bi.deps().size()), false));
            for (String key : List.of("GOOS", "GOARCH", "CGO_ENABLED", "-trimpath", "-ldflags", "-tags",
                    "-buildmode", "vcs.revision")) {
                String v = bi.setting(key);
                if (v != null) f.add(new Fact(key, v, true));
            }
        } else {
            f.add(new Fact("Build info", "not present", false));
        }
        if (go.facts() != null) {
            f.add(new Fact("cgo", go.facts().cgo() ? "linked in" : "off", false));
            if (!go.facts().netResolver().isEmpty()) f.add(new Fact("DNS resolver", go.facts().netResolver(), false));
            if (!go.facts().buildMode().isEmpty()) f.add(new Fact("Build mode", go.facts().buildMode(), false));
            f.add(new Fact("Embedded tzdata", go.facts().tzdataEmbedded() ? "yes" : "no", false));
        }
        if (go.pclntab() != null) {
            f.add(new Fact("pclntab", go.pclntab().layout() + ", " + Plural.of(go.pclntab().functionCount(),
                    "function", "functions") + " (" + go.pclntab().foundBy() + ")", false));
        }
        return f;
    }

    public List<Fact> sizes() {
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("File size", humanBytes(file.size()) + "  (" + Plural.of(file.size(), "byte", "bytes") + ")", false));
        if (core.extent().isKnown() && core.extent().size() != file.size()) {
            f.add(new Fact("This image", humanBytes(core.extent().size()), false));
        }
        long code = 0;
        long data = 0;
        long bss = 0;
        for (Section s : core.sections()) {
            if (s.permissions().execute()) code += s.fileSize();
            else if (s.fileSize() == 0 && s.memorySize() > 0) bss += s.memorySize();
            else if (s.permissions().read() || s.permissions().write()) data += s.fileSize();
        }
        f.add(new Fact("Sections", core.sections().size() + " (code " + humanBytes(code) + ", data "
                + humanBytes(data) + ", zero-fill " + humanBytes(bss) + ")", false));
        f.add(new Fact("Segments", String.valueOf(core.segments().size()), false));
        f.add(new Fact("Symbols", String.valueOf(core.symbols().size()), false));
        f.add(new Fact("Relocations", String.valueOf(core.relocations().total()), false));
        return f;
    }

    public String sha256() {
        return file.sha256();
    }

    public List<Diagnostic> diagnostics() {
        return core.diagnostics();
    }

    static String humanBytes(long n) {
        if (n < 1024) return n + " B";
        double v = n;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
