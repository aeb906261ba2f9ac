package dev.crosslens.parsers.analysis;

import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.Segment;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.go.GoInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small questions many rules ask of an image, each answered with its evidence. */
final class Facts {
    private Facts() {
    }

    /** A versioned reference to a library symbol: {@code memcpy@GLIBC_2.14}. */
    record VersionedNeed(String symbol, String version, Extent extent) {
        String label() {
            return symbol + "@" + version;
        }
    }

    static String goSetting(ImageCore c, String key) {
        GoInfo go = c.go();
        if (go == null || go.buildInfo() == null) return null;
        return go.buildInfo().setting(key);
    }

    static Extent goBuildInfoExtent(ImageCore c) {
        GoInfo go = c.go();
        if (go == null || go.buildInfo() == null || go.buildInfo().extent() == null) return Extent.NONE;
        return go.buildInfo().extent();
    }

    static Evidence goSettingEvidence(ImageCore c, String key) {
        return Evidence.of("build-setting", key, goSetting(c, key), goBuildInfoExtent(c));
    }

    static boolean isElf(ImageCore c) {
        return c.format() == BinaryFormat.ELF;
    }

    static boolean isPe(ImageCore c) {
        return c.format() == BinaryFormat.PE;
    }

    static boolean isMachO(ImageCore c) {
        return c.format() == BinaryFormat.MACHO;
    }

    static boolean isProgramOrLibrary(ImageCore c) {
        return c.kind().isExecutable() || c.kind().isLibrary();
    }

    static List<Library> needed(ImageCore c) {
        List<Library> out = new ArrayList<>();
        for (Library l : c.libraries()) {
            if (l.kind() == LibraryKind.NEEDED) out.add(l);
        }
        return out;
    }

    /** ELF: no interpreter and no NEEDED entries (static and static-pie alike). */
    static boolean elfStatic(ImageCore c) {
        return c.linkage().interpreter() == null && needed(c).isEmpty();
    }

    static Segment segment(ImageCore c, String type) {
        for (Segment s : c.segments()) {
            if (s.type().equals(type)) return s;
        }
        return null;
    }

    static Evidence interpreterEvidence(ImageCore c) {
        Segment interp = segment(c, "INTERP");
        Extent e = interp == null ? Extent.NONE : interp.extent().isKnown() ? interp.extent() : interp.headerExtent();
        return Evidence.of("interpreter", "PT_INTERP", c.linkage().interpreter(), e);
    }

    /** The machine field (e_machine, COFF Machine, Mach-O cputype) and what it names. */
    static Evidence machineEvidence(RuleContext ctx) {
        ImageCore c = ctx.core();
        return Evidence.of("header", ctx.header().machineLabel(),
                c.machineName().isEmpty() ? c.arch().label() : c.machineName(), ctx.header().machine());
    }

    /** The bytes that say which OS the format is for (EI_OSABI, the PE signature, the Mach-O platform command). */
    static Evidence osEvidence(RuleContext ctx, String value) {
        return Evidence.of("header", ctx.header().osMarkerLabel(), value, ctx.header().osMarker());
    }

    static Evidence libraryEvidence(Library l) {
        String label = l.kind() == LibraryKind.NEEDED ? "NEEDED" : l.kind() == LibraryKind.IMPORT ? "import"
                : l.kind().name();
        return Evidence.of("library", label, l.name(), l.extent());
    }

    static Evidence symbolEvidence(Symbol s) {
        return Evidence.of("symbol", (s.defined() ? "defines " : "uses ") + s.table().label(), s.versionedName(),
                s.extent());
    }

    /** Which libc an ELF image wants, from the parser's linkage, else from its interpreter and NEEDED names. */
    static LibcFlavor elfLibc(ImageCore c) {
        if (c.linkage().libc() != LibcFlavor.UNKNOWN && c.linkage().libc() != LibcFlavor.NONE) {
            return c.linkage().libc();
        }
        String interp = c.linkage().interpreter();
        if (interp != null) {
            if (interp.contains("ld-musl")) return LibcFlavor.MUSL;
            if (interp.contains("ld-linux") || interp.contains("ld64.so") || interp.contains("ld.so.1")) {
                return LibcFlavor.GLIBC;
            }
        }
        for (Library l : needed(c)) {
            if (isGlibcLibc(l.name())) return LibcFlavor.GLIBC;
            if (isMuslLibc(l.name())) return LibcFlavor.MUSL;
        }
        if (!versionedNeeds(c, "GLIBC_").isEmpty()) return LibcFlavor.GLIBC;
        return c.linkage().libc();
    }

    static boolean isGlibcLibc(String name) {
        return name.equals("libc.so.6") || name.equals("libc.so.6.1") || name.startsWith("libpthread.so.0")
                || name.equals("libdl.so.2") || name.equals("libm.so.6");
    }

    static boolean isMuslLibc(String name) {
        return name.startsWith("libc.musl-") || name.equals("libc.so");
    }

    static boolean isGlibcInterpreter(String interp) {
        return interp != null && !interp.contains("musl")
                && (interp.contains("ld-linux") || interp.endsWith("/ld64.so.1") || interp.endsWith("/ld64.so.2")
                || interp.endsWith("/ld.so.1"));
    }

    static boolean isMuslInterpreter(String interp) {
        return interp != null && interp.contains("ld-musl");
    }

    /**
     * Every undefined symbol (and ELF library import) versioned with {@code prefix} ({@code GLIBC_}), skipping
     * {@code GLIBC_PRIVATE}.
     */
    static List<VersionedNeed> versionedNeeds(ImageCore c, String prefix) {
        List<VersionedNeed> out = new ArrayList<>();
        for (Symbol s : c.symbols()) {
            if (!s.defined() && s.version() != null && s.version().startsWith(prefix)
                    && Character.isDigit(lastChar(s.version()))) {
                out.add(new VersionedNeed(s.name(), s.version(), s.extent()));
            }
        }
        for (Library l : c.libraries()) {
            for (ImportedSymbol i : l.imports()) {
                if (i.version() != null && i.version().startsWith(prefix) && Character.isDigit(lastChar(i.version()))
                        && i.name() != null) {
                    out.add(new VersionedNeed(i.name(), i.version(), i.extent()));
                }
            }
        }
        return out;
    }

    private static char lastChar(String s) {
        return s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
    }

    /** The need with the highest version, the first one met among equals; null when there is none. */
    static VersionedNeed highest(List<VersionedNeed> needs) {
        VersionedNeed best = null;
        for (VersionedNeed n : needs) {
            if (best == null || Versions.compare(n.version(), best.version()) > 0) best = n;
        }
        return best;
    }

    static Symbol symbol(ImageCore c, String name) {
        for (Symbol s : c.symbols()) {
            if (s.name().equals(name)) return s;
        }
        return null;
    }

    static String goosOf(ImageCore c) {
        String g = goSetting(c, "GOOS");
        return g != null ? g : c.os().goos();
    }

    static String goarchOf(ImageCore c) {
        String g = goSetting(c, "GOARCH");
        return g != null ? g : c.arch().goarch();
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** The {@code go build} line that rebuilds this image for its own GOOS/GOARCH with CGO off. */
    static String goBuildCommand(ImageCore c, String extraFlags) {
        String goos = goosOf(c);
        String goarch = goarchOf(c);
        StringBuilder sb = new StringBuilder("CGO_ENABLED=0");
        if (goos != null && !goos.equals("unknown") && !goos.equals("sysv")) sb.append(" GOOS=").append(goos);
        if (goarch != null) sb.append(" GOARCH=").append(goarch);
        String goarm = goSetting(c, "GOARM");
        if (goarm != null && GoLevels.goarm(goarm).valid()) sb.append(" GOARM=").append(goarm);
        sb.append(" go build");
        if (extraFlags != null && !extraFlags.isEmpty()) sb.append(' ').append(extraFlags);
        sb.append(" .");
        return sb.toString();
    }
}
