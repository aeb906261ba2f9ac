package dev.crosslens.model;

import dev.crosslens.model.go.GoInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The common view every format answers (LIEF's {@code Binary}): what it is, what it needs and what it holds.
 * Format-specific structures live beside it in {@link ElfImage}, {@link PeImage}, {@link MachOImage} ...
 *
 * @param rawMachine  the format's own machine number (e_machine, COFF Machine, Mach-O cputype)
 * @param machineName the format's own name for it ({@code EM_X86_64}, {@code IMAGE_FILE_MACHINE_ARM64})
 * @param entry       entry point virtual address, null where there is none (libraries, objects, dylibs)
 * @param rpaths      ELF RPATH/RUNPATH entries, Mach-O LC_RPATH
 * @param stripped    no symbol table beyond what dynamic linking needs
 * @param go          Go facts, null for a non-Go image
 * @param extent      where this image lies in the file (a fat slice or archive member starts past 0)
 */
public record ImageCore(BinaryFormat format, Arch arch, long rawMachine, String machineName, int bits,
                        Endianness endianness, TargetOs os, BinaryKind kind, Long entry, Linkage linkage,
                        List<Section> sections, List<Segment> segments, List<Symbol> symbols,
                        List<Library> libraries, List<String> rpaths, List<HardeningCheck> hardening,
                        RelocationSummary relocations, boolean stripped, GoInfo go,
                        List<Diagnostic> diagnostics, Extent extent) {
    public ImageCore {
        Objects.requireNonNull(format, "format");
        arch = arch == null ? Arch.UNKNOWN : arch;
        machineName = machineName == null ? "" : machineName;
        endianness = endianness == null ? Endianness.LITTLE : endianness;
        os = os == null ? TargetOs.UNKNOWN : os;
        kind = kind == null ? BinaryKind.UNKNOWN : kind;
        linkage = linkage == null ? Linkage.unknown() : linkage;
        sections = List.copyOf(sections);
        segments = List.copyOf(segments);
        symbols = List.copyOf(symbols);
        libraries = List.copyOf(libraries);
        rpaths = List.copyOf(rpaths);
        hardening = List.copyOf(hardening);
        relocations = relocations == null ? RelocationSummary.empty() : relocations;
        diagnostics = List.copyOf(diagnostics);
        extent = extent == null ? Extent.NONE : extent;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(BinaryFormat format) {
        return new Builder(format);
    }

    public ImageCore withGo(GoInfo goInfo) {
        return toBuilder().go(goInfo).build();
    }

    public ImageCore withSymbols(List<Symbol> newSymbols) {
        return toBuilder().symbols(newSymbols).build();
    }

    public ImageCore withMoreDiagnostics(List<Diagnostic> more) {
        if (more.isEmpty()) return this;
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        all.addAll(more);
        return toBuilder().diagnostics(all).build();
    }

    public HardeningCheck hardening(String id) {
        for (HardeningCheck h : hardening) {
            if (h.id().equals(id)) return h;
        }
        return null;
    }

    public Section section(String name) {
        for (Section s : sections) {
            if (s.name().equals(name)) return s;
        }
        return null;
    }

    /** A mutable builder for parsers; {@link #build()} copies every list. */
    public static final class Builder {
        private BinaryFormat format;
        private Arch arch = Arch.UNKNOWN;
        private long rawMachine;
        private String machineName = "";
        private int bits;
        private Endianness endianness = Endianness.LITTLE;
        private TargetOs os = TargetOs.UNKNOWN;
        private BinaryKind kind = BinaryKind.UNKNOWN;
        private Long entry;
        private Linkage linkage = Linkage.unknown();
        private List<Section> sections = List.of();
        private List<Segment> segments = List.of();
        private List<Symbol> symbols = List.of();
        private List<Library> libraries = List.of();
        private List<String> rpaths = List.of();
        private List<HardeningCheck> hardening = List.of();
        private RelocationSummary relocations = RelocationSummary.empty();
        private boolean stripped;
        private GoInfo go;
        private List<Diagnostic> diagnostics = List.of();
        private Extent extent = Extent.NONE;

        private Builder(BinaryFormat format) {
            this.format = format;
        }

        private Builder(ImageCore c) {
            format = c.format; arch = c.arch; rawMachine = c.rawMachine; machineName = c.machineName;
            bits = c.bits; endianness = c.endianness; os = c.os; kind = c.kind; entry = c.entry;
            linkage = c.linkage; sections = c.sections; segments = c.segments; symbols = c.symbols;
            libraries = c.libraries; rpaths = c.rpaths; hardening = c.hardening; relocations = c.relocations;
            stripped = c.stripped; go = c.go; diagnostics = c.diagnostics; extent = c.extent;
        }

        public Builder format(BinaryFormat v) { format = v; return this; }
        public Builder arch(Arch v) { arch = v; return this; }
        public Builder rawMachine(long v) { rawMachine = v; return this; }
        public Builder machineName(String v) { machineName = v; return this; }
        public Builder bits(int v) { bits = v; return this; }
        public Builder endianness(Endianness v) { endianness = v; return this; }
        public Builder os(TargetOs v) { os = v; return this; }
        public Builder kind(BinaryKind v) { kind = v; return this; }
        public Builder entry(Long v) { entry = v; return this; }
        public Builder linkage(Linkage v) { linkage = v; return this; }
        public Builder sections(List<Section> v) { sections = v; return this; }
        public Builder segments(List<Segment> v) { segments = v; return this; }
        public Builder symbols(List<Symbol> v) { symbols = v; return this; }
        public Builder libraries(List<Library> v) { libraries = v; return this; }
        public Builder rpaths(List<String> v) { rpaths = v; return this; }
        public Builder hardening(List<HardeningCheck> v) { hardening = v; return this; }
        public Builder relocations(RelocationSummary v) { relocations = v; return this; }
        public Builder stripped(boolean v) { stripped = v; return this; }
        public Builder go(GoInfo v) { go = v; return this; }
        public Builder diagnostics(List<Diagnostic> v) { diagnostics = v; return this; }
        public Builder extent(Extent v) { extent = v; return this; }

        public ImageCore build() {
            return new ImageCore(format, arch, rawMachine, machineName, bits, endianness, os, kind, entry, linkage,
                    sections, segments, symbols, libraries, rpaths, hardening, relocations, stripped, go,
                    diagnostics, extent);
        }
    }
}
