package dev.crosslens.parsers.resolve;

import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.pe.PeExport;
import dev.crosslens.model.pe.PeExportDirectory;
import dev.crosslens.model.pe.PeImportDescriptor;
import dev.crosslens.model.resolve.DependencyNode;
import dev.crosslens.model.resolve.LibraryResolution;
import dev.crosslens.model.resolve.RelocationUse;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.model.resolve.ResolutionState;
import dev.crosslens.model.resolve.SymbolResolution;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a PE image's import and delay-import descriptors against a folder of DLLs (Wine's by default): each
 * DLL by case-insensitive name (the binary's own folder first, as Windows searches the application folder
 * first), API set contracts ({@code api-ms-win-*}, {@code ext-ms-*}) through the schema in
 * {@code apisetschema.dll}, each function by name or ordinal in the DLL's export table, and export forwarders
 * ({@code KERNEL32.HeapAlloc -> NTDLL.RtlAllocateHeap}) followed up to a hop limit.
 */
final class PeResolver {
    private static final int MAX_DIR_ENTRIES = 100_000;

    Resolution resolve(String name, Path file, PeImage image, ResolveOptions options) throws IOException {
        boolean pe64 = image.pe().optionalHeader() != null && image.pe().optionalHeader().pe32Plus();
        Path dllDir = options.sysroot() != null ? options.sysroot() : ResolveOptions.wineDllDir(pe64);
        List<String> notes = new ArrayList<>();
        LibraryCache cache = new LibraryCache(options.maxFiles());
        Search search = new Search(file, dllDir, image, cache, notes);
        LoadedLibrary root = new LoadedLibrary(file.getFileName().toString(), file, file.toString(), image);
        if (dllDir == null) {
            notes.add("no folder of " + (pe64 ? "64" : "32") + "-bit DLLs: Wine is not installed here "
                    + "(looked in " + String.join(", ", pe64 ? ResolveOptions.WINE_DLL_DIRS
                    : ResolveOptions.WINE_DLL_DIRS_32) + "); pass --sysroot DIR");
        }
        List<LibraryResolution> libraries = new ArrayList<>();
        List<SymbolResolution> symbols = new ArrayList<>();
        List<PeImportDescriptor> all = new ArrayList<>(image.pe().imports());
        all.addAll(image.pe().delayImports());
        for (PeImportDescriptor d : all) {
            DependencyLoader.Located found = search.locate(root, d.dllName());
            LibraryResolution lr = found.resolution();
            libraries.add(new LibraryResolution(lr.name(), d.delayLoad() ? LibraryKind.DELAY_IMPORT
                    : LibraryKind.IMPORT, lr.path(), lr.state(), lr.reason(), lr.searched()));
            String table = (d.delayLoad() ? "delay import " : "import ") + d.dllName();
            for (ImportedSymbol f : d.functions()) {
                LibraryCache.checkCancelled();
                symbols.add(resolveFunction(f, d, table, found, search, options.maxForwarders()));
            }
        }
        DependencyNode tree = new DependencyTreeBuilder(search, options.maxDepth()).build(root);
        if (cache.opened() >= options.maxFiles()) {
            notes.add("stopped opening DLLs at the limit of " + options.maxFiles() + " files");
        }
        return new Resolution(name, image.core().format(), dllDir == null ? "" : dllDir.toString(), libraries,
                symbols, tree, notes);
    }

    private static SymbolResolution resolveFunction(ImportedSymbol f, PeImportDescriptor d, String table,
                                                    DependencyLoader.Located found, Search search, int maxHops)
            throws IOException {
        String binding = d.delayLoad() ? "DELAY" : "IMPORT";
        List<RelocationUse> uses = List.of(new RelocationUse(table, 1));
        int ordinal = f.name() == null ? f.ordinal() : -1;
        if (found.library() == null) {
            return new SymbolResolution(f.name(), ordinal, null, binding, d.dllName(), null, null,
                    ResolutionState.UNRESOLVED, d.delayLoad(), uses, d.dllName() + " is not found");
        }
        LoadedLibrary dll = found.library();
        String wanted = f.name() != null ? f.name() : "#" + f.ordinal();
        Set<String> visited = new HashSet<>();
        String chain = null;
        for (int hop = 0; ; hop++) {
            PeExport e = export(dll, f.name(), f.name() == null ? f.ordinal() : -1, wanted);
            if (e == null) {
                String what = wanted.startsWith("#") ? "ordinal " + wanted.substring(1) : wanted;
                PeExportDirectory dir = ((PeImage) dll.image()).pe().exports();
                String reason = (hop == 0 ? "" : "forwarded as " + chain + ": ") + what + " is not exported by "
                        + dll.name() + " (" + (dir == null ? "no export table" : dir.exports().size() + " exports")
                        + ")";
                return new SymbolResolution(f.name(), ordinal, null, binding, d.dllName(), d.dllName(), chain,
                        ResolutionState.UNRESOLVED, d.delayLoad(), uses, reason);
            }
            if (!e.forwarded()) {
                return new SymbolResolution(f.name(), ordinal, null, binding, d.dllName(), d.dllName(), chain,
                        ResolutionState.RESOLVED, d.delayLoad(), uses, "");
            }
            String fwd = e.forwarder();
            int dot = fwd.lastIndexOf('.');
            if (dot <= 0 || dot == fwd.length() - 1) {
                return unresolvedForward(f, ordinal, binding, d, uses, chain, "malformed forwarder " + fwd);
            }
            String targetDll = fwd.substring(0, dot);
            if (!targetDll.toLowerCase(Locale.ROOT).endsWith(".dll")) targetDll = targetDll + ".dll";
            wanted = fwd.substring(dot + 1);
            chain = targetDll.toLowerCase(Locale.ROOT) + "!" + wanted;
            if (!visited.add(chain)) {
                return unresolvedForward(f, ordinal, binding, d, uses, chain, "forwarder cycle at " + chain);
            }
            if (hop + 1 > maxHops) {
                return unresolvedForward(f, ordinal, binding, d, uses, chain, "more than " + maxHops
                        + " forwarder hops");
            }
            DependencyLoader.Located next = search.locate(dll, targetDll);
            if (next.library() == null) {
                return unresolvedForward(f, ordinal, binding, d, uses, chain, "forwarded to " + chain + ", but "
                        + next.resolution().reason());
            }
            dll = next.library();
        }
    }

    private static SymbolResolution unresolvedForward(ImportedSymbol f, int ordinal, String binding,
                                                      PeImportDescriptor d, List<RelocationUse> uses, String chain,
                                                      String reason) {
        return new SymbolResolution(f.name(), ordinal, null, binding, d.dllName(), d.dllName(), chain,
                ResolutionState.UNRESOLVED, d.delayLoad(), uses, reason);
    }

    /** The export named {@code wanted} ("Name" or "#ordinal"). */
    private static PeExport export(LoadedLibrary dll, String name, int ordinal, String wanted) {
        PeExportDirectory dir = ((PeImage) dll.image()).pe().exports();
        if (dir == null) return null;
        boolean byOrdinal = wanted.startsWith("#");
        long ord = byOrdinal ? parseOrdinal(wanted.substring(1)) : -1;
        for (PeExport e : dir.exports()) {
            if (byOrdinal ? e.ordinal() == ord : wanted.equals(e.name())) return e;
        }
        return null;
    }

    private static long parseOrdinal(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    /** DLL search: the binary's folder, then the DLL folder; API set names mapped to their host first. */
    private static final class Search implements DependencyLoader {
        private final Path appDir;
        private final Path dllDir;
        private final PeImage root;
        private final LibraryCache cache;
        private final Map<String, Path> appIndex;
        private final Map<String, Path> dllIndex;
        private ApiSetSchema schema;

        Search(Path file, Path dllDir, PeImage root, LibraryCache cache, List<String> notes) throws IOException {
            this.appDir = file.toAbsolutePath().getParent();
            this.dllDir = dllDir;
            this.root = root;
            this.cache = cache;
            this.appIndex = index(appDir);
            this.dllIndex = index(dllDir);
            Path schemaDll = dllIndex.get("apisetschema.dll");
            if (schemaDll != null) {
                BinaryImage img = cache.open(schemaDll);
                if (img instanceof PeImage) schema = ApiSetSchema.read(schemaDll, (PeImage) img);
            }
            if (dllDir != null && (schema == null || schema.size() == 0)) {
                notes.add("no API set schema (apisetschema.dll) in " + dllDir + ": api-ms-win-* names are looked "
                        + "up as files");
            }
        }

        private static Map<String, Path> index(Path dir) throws IOException {
            Map<String, Path> out = new HashMap<>();
            if (dir == null || !Files.isDirectory(dir)) return out;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    if (out.size() >= MAX_DIR_ENTRIES) break;
                    out.putIfAbsent(p.getFileName().toString().toLowerCase(Locale.ROOT), p);
                }
            }
            return out;
        }

        @Override
        public List<String> needs(LoadedLibrary owner) {
            if (!(owner.image() instanceof PeImage)) return List.of();
            PeImage img = (PeImage) owner.image();
            List<String> out = new ArrayList<>();
            for (PeImportDescriptor d : img.pe().imports()) out.add(d.dllName());
            if (img == root) for (PeImportDescriptor d : img.pe().delayImports()) out.add(d.dllName());
            return out;
        }

        @Override
        public Located locate(LoadedLibrary owner, String name) throws IOException {
            LibraryCache.checkCancelled();
            String lookFor = name;
            String via = "";
            if (ApiSetSchema.isApiSetName(name) && schema != null) {
                String host = schema.host(name);
                if (host != null) {
                    lookFor = host;
                    via = " (API set host " + host + ")";
                }
            }
            List<String> searched = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (Map.Entry<Path, Map<String, Path>> e : List.of(Map.entry(appDir, appIndex),
                    Map.entry(dllDir == null ? appDir : dllDir, dllIndex))) {
                if (searched.contains(e.getKey().toString())) continue;
                searched.add(e.getKey().toString());
                Path p = e.getValue().get(lookFor.toLowerCase(Locale.ROOT));
                if (p == null || !Files.isRegularFile(p)) continue;
                BinaryImage img = cache.open(p);
                if (!(img instanceof PeImage)) {
                    skipped.add(p + " (" + (img == null ? cache.failure(p) : "not a PE image") + ")");
                    continue;
                }
                if (img.core().rawMachine() != root.core().rawMachine()) {
                    skipped.add(p + " (" + img.core().machineName() + ")");
                    continue;
                }
                LoadedLibrary lib = new LoadedLibrary(name, p, p.toString(), img);
                return new Located(new LibraryResolution(name, LibraryKind.IMPORT, p + via,
                        ResolutionState.RESOLVED, "", searched), lib);
            }
            String reason = name + via + " not found (searched: " + String.join(", ", searched) + ")"
                    + (skipped.isEmpty() ? "" : "; skipped: " + String.join(", ", skipped));
            return new Located(new LibraryResolution(name, LibraryKind.IMPORT, null, ResolutionState.UNRESOLVED,
                    reason, searched), null);
        }
    }
}
