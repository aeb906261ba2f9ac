package dev.crosslens.parsers.go;

import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.model.go.GoFacts;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.model.go.GoPclntab;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go build intelligence for one image: build info ({@code go version -m}), the function table (pclntab) that
 * even stripped Go binaries keep, the toolchain version and the facts findings use. A non-Go image comes back
 * unchanged; a Go image gets {@link GoInfo}, one {@link SymbolTable#GO_PCLNTAB} symbol per function and its
 * diagnostics. Broken Go structures never throw: they become diagnostics with the extent of the bytes.
 */
public final class GoAnalyzer {

    public ImageCore analyze(BinaryImage image, BinaryReader reader, ParseOptions options)
            throws ParseCancelledException {
        ImageCore core = image.core();
        BinaryReader r = reader.withOrder(core.endianness().byteOrder());
        GoImageMap map = GoImageMap.of(core, r);
        List<Diagnostic> diagnostics = new ArrayList<>();

        GoBuildInfo buildInfo = new GoBuildInfoReader().read(r, map, core.format(), options, diagnostics);
        GoPclntabReader pclntabReader = new GoPclntabReader();
        GoPclntabReader.Table table = pclntabReader.read(r, map, options, diagnostics);
        boolean namedTable = map.section(".gopclntab", "__gopclntab") != null;
        if (buildInfo == null && table == null && !namedTable && diagnostics.isEmpty()) {
            return core;
        }
        List<String> evidence = new ArrayList<>();
        String version = version(r, map, core, buildInfo, table, options, diagnostics, evidence);

        List<Symbol> goSymbols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, Integer> perPackage = new TreeMap<>();
        GoPclntab pclntab = null;
        if (table != null) {
            Long text = textStart(r, map, table, pclntabReader, options, diagnostics, evidence);
            int index = 0;
            Map<String, int[]> counts = new HashMap<>();
            String pkg = null;
            int[] count = null;
            for (GoPclntabReader.Function f : table.functions()) {
                long value = !table.relativeEntries() ? f.entry() : text == null ? 0 : text + f.entry();
                goSymbols.add(new Symbol(index++, f.name(), null, value, f.size(), SymbolTable.GO_PCLNTAB,
                        SymbolBinding.GLOBAL, SymbolType.FUNC, "", "", true, null, null, 0, f.extent()));
                names.add(f.name());
                String p = GoPackages.packageOf(f.name(), pkg);
                if (p.isEmpty()) continue;
                if (p != pkg) { // a package's functions come together: one map lookup per run of them
                    pkg = p;
                    count = counts.computeIfAbsent(p, k -> new int[1]);
                }
                count[0]++;
            }
            counts.forEach((p, n) -> perPackage.put(p, n[0]));
            pclntab = new GoPclntab(table.layout(), table.magic(), table.foundBy(), table.functions().size(),
                    perPackage, table.extent());
            evidence.add("pclntab: " + table.layout() + " layout, " + table.functions().size() + " functions, found by "
                    + table.foundBy());
        }
        GoFacts derived = new GoFactsDeriver().derive(names, perPackage, core.symbols(), buildInfo, core.kind());
        List<String> allEvidence = new ArrayList<>(evidence);
        allEvidence.addAll(derived.evidence());
        GoFacts facts = new GoFacts(derived.cgo(), derived.tzdataEmbedded(), derived.usesTimeZones(),
                derived.netResolver(), derived.osUser(), derived.buildMode(), allEvidence);

        List<Symbol> symbols = new ArrayList<>(core.symbols());
        symbols.addAll(goSymbols);
        List<Diagnostic> allDiagnostics = new ArrayList<>(core.diagnostics());
        allDiagnostics.addAll(diagnostics);
        return core.toBuilder()
                .go(new GoInfo(version, buildInfo, pclntab, facts))
                .os(refinedOs(core, buildInfo, allEvidence))
                .symbols(symbols)
                .diagnostics(allDiagnostics)
                .build();
    }

    /**
     * The OS of a Go ELF whose header does not name one. GOOS from build info decides; without build info, Go's
     * linker marks FreeBSD binaries with ELFOSABI_FREEBSD and NetBSD/OpenBSD with their notes (the ELF parser
     * reads both), and leaves linux (and android, which has an interpreter) at ELFOSABI_NONE: so a Go ELF that
     * is still SYSV here is Linux.
     */
    private static TargetOs refinedOs(ImageCore core, GoBuildInfo buildInfo, List<String> evidence) {
        if (core.format() != BinaryFormat.ELF || (core.os() != TargetOs.SYSV && core.os() != TargetOs.UNKNOWN)) {
            return core.os();
        }
        String goos = buildInfo == null ? null : buildInfo.setting("GOOS");
        TargetOs fromGoos = TargetOs.fromGoos(goos);
        if (fromGoos != TargetOs.UNKNOWN) {
            evidence.add("os: " + fromGoos.goos() + " from GOOS in build info (ELF OS/ABI is " + core.os().goos() + ")");
            return fromGoos;
        }
        if (core.kind() == BinaryKind.OBJECT) return core.os();
        evidence.add("os: linux, because Go marks FreeBSD/NetBSD/OpenBSD ELF binaries and leaves Linux at "
                + "ELFOSABI_NONE");
        return TargetOs.LINUX;
    }

    /** From build info when there is one, else runtime.buildVersion; says where it came from. */
    private static String version(BinaryReader r, GoImageMap map, ImageCore core, GoBuildInfo buildInfo,
                                  GoPclntabReader.Table table, ParseOptions options, List<Diagnostic> diagnostics,
                                  List<String> evidence) throws ParseCancelledException {
        if (buildInfo != null && !buildInfo.goVersion().isEmpty()) {
            evidence.add("version: " + buildInfo.goVersion() + " from build info (" + buildInfo.layout()
                    + " layout)");
            return buildInfo.goVersion();
        }
        int ptrSize = table != null ? table.ptrSize() : core.bits() / 8;
        ByteOrder order = table != null ? table.order() : r.order();
        GoRuntimeVersion.Found found = new GoRuntimeVersion().find(r, map, ptrSize, order, options);
        if (found == null) {
            diagnostics.add(Diagnostic.info("go.version.unknown",
                    "Go binary without build info and without a readable runtime version string", Extent.NONE));
            return null;
        }
        if (found.confirmed()) {
            String how = "runtime.buildVersion: string header at file offset 0x"
                    + Long.toHexString(r.absolute(found.headerOffset())) + " points at the text";
            evidence.add("version: " + found.version() + " from " + how);
            diagnostics.add(Diagnostic.info("go.version.runtime", "Go version " + found.version()
                    + " read from " + how + " (no build info)", r.extent(found.stringOffset(),
                    found.version().length())));
        } else {
            evidence.add("version: " + found.version() + " from the only Go version text in the file (unconfirmed)");
            diagnostics.add(Diagnostic.warning("go.version.scanned", "Go version " + found.version()
                    + " is the only Go version text in the file; no string header confirms it is runtime.buildVersion",
                    r.extent(found.stringOffset(), found.version().length())));
        }
        return found.version();
    }

    /** runtime.text for Go 1.18+ tables: the pclntab header's, else the moduledata's, else null. */
    private static Long textStart(BinaryReader r, GoImageMap map, GoPclntabReader.Table table,
                                  GoPclntabReader reader, ParseOptions options, List<Diagnostic> diagnostics,
                                  List<String> evidence) throws ParseCancelledException {
        if (!table.relativeEntries()) return null;
        if (table.textStart() != 0) {
            evidence.add("function addresses: text start 0x" + Long.toHexString(table.textStart())
                    + " from the pclntab header");
            return table.textStart();
        }
        Long text = reader.runtimeText(r, map, table, options);
        if (text != null) {
            evidence.add("function addresses: text start 0x" + Long.toHexString(text) + " from runtime moduledata");
            return text;
        }
        diagnostics.add(Diagnostic.info("go.pclntab.no-text-start", "the pclntab header leaves runtime.text out"
                + " and no moduledata was found; Go function symbols have value 0", table.extent()));
        return null;
    }
}
