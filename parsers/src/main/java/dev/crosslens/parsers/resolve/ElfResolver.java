package dev.crosslens.parsers.resolve;

import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.elf.ElfDetails;
import dev.crosslens.model.elf.ElfRelocation;
import dev.crosslens.model.elf.ElfRelocationSection;
import dev.crosslens.model.elf.ElfVersionAux;
import dev.crosslens.model.elf.ElfVersionNeed;
import dev.crosslens.model.resolve.DependencyNode;
import dev.crosslens.model.resolve.LibraryResolution;
import dev.crosslens.model.resolve.RelocationUse;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.model.resolve.ResolutionState;
import dev.crosslens.model.resolve.SymbolResolution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves an ELF file's undefined dynamic symbols as ld.so would: the NEEDED libraries are loaded breadth-first
 * into one global scope, each symbol is looked up in that order, and a versioned reference only matches a
 * definition of that version. Missing libraries, symbols and versions come back UNRESOLVED with the reason; a
 * weak reference that nothing defines is WEAK_MISSING.
 */
final class ElfResolver {

    Resolution resolve(String name, Path file, ElfImage image, ResolveOptions options) throws IOException {
        Sysroot sysroot = new Sysroot(options.sysroot() == null ? Path.of("/") : options.sysroot());
        LibraryCache cache = new LibraryCache(options.maxFiles());
        String rootTarget = sysroot.contains(file) ? sysroot.targetPath(file) : file.toAbsolutePath().toString();
        LoadedLibrary root = new LoadedLibrary(file.getFileName().toString(), file, rootTarget, image);
        ElfLibrarySearch search = new ElfLibrarySearch(sysroot, cache, root);
        ElfDetails elf = image.elf();
        List<String> notes = new ArrayList<>();

        List<LibraryResolution> libraries = new ArrayList<>();
        for (String needed : elf.needed()) {
            libraries.add(search.locate(root, needed).resolution());
        }
        List<LoadedLibrary> scope = globalScope(root, search, notes);
        Map<String, LoadedLibrary> byNeededName = new HashMap<>();
        for (LoadedLibrary l : scope) byNeededName.putIfAbsent(l.name(), l);
        Map<LoadedLibrary, Definitions> defs = new LinkedHashMap<>();
        for (LoadedLibrary l : scope) defs.put(l, Definitions.of((ElfImage) l.image()));

        Map<String, Map<String, Integer>> uses = relocationUses(elf);
        List<SymbolResolution> symbols = new ArrayList<>();
        for (Symbol s : image.core().symbols()) {
            if (s.table() != SymbolTable.DYNSYM || s.defined() || s.name().isEmpty()
                    || s.binding() == SymbolBinding.LOCAL) {
                continue;
            }
            LibraryCache.checkCancelled();
            symbols.add(resolveSymbol(s, defs, byNeededName, libraries, uses, sysroot));
        }
        checkVersionNeeds(elf, byNeededName, defs, notes);
        DependencyNode tree = new DependencyTreeBuilder(search, options.maxDepth()).build(root);
        if (cache.opened() >= options.maxFiles()) {
            notes.add("stopped opening libraries at the limit of " + options.maxFiles() + " files");
        }
        notes.add("LD_LIBRARY_PATH and LD_PRELOAD are not applied (they belong to a run, not to the sysroot)");
        return new Resolution(name, image.core().format(), sysroot.root().toString(), libraries, symbols, tree,
                notes);
    }

    /** The binary's NEEDED libraries and theirs, breadth-first, each file once: ld.so's global scope. */
    private static List<LoadedLibrary> globalScope(LoadedLibrary root, ElfLibrarySearch search, List<String> notes)
            throws IOException {
        List<LoadedLibrary> order = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        Deque<LoadedLibrary> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            LoadedLibrary owner = queue.poll();
            for (String n : search.needs(owner)) {
                if (!names.add(n)) continue; // ld.so matches an already-loaded soname without searching again
                DependencyLoader.Located found = search.locate(owner, n);
                LoadedLibrary lib = found.library();
                if (lib == null) {
                    if (owner != root) notes.add(n + " (needed by " + owner.name() + ") is not found");
                    continue;
                }
                if (seen.add(lib.path().toAbsolutePath().normalize())) {
                    order.add(lib);
                    queue.add(lib);
                }
            }
        }
        return order;
    }

    private static SymbolResolution resolveSymbol(Symbol s, Map<LoadedLibrary, Definitions> defs,
                                                  Map<String, LoadedLibrary> byNeededName,
                                                  List<LibraryResolution> libraries,
                                                  Map<String, Map<String, Integer>> uses, Sysroot sysroot) {
        String version = s.version();
        boolean weak = s.binding() == SymbolBinding.WEAK;
        List<RelocationUse> rel = new ArrayList<>();
        Map<String, Integer> u = uses.get(s.name());
        if (u != null) u.forEach((sec, n) -> rel.add(new RelocationUse(sec, n)));
        String binding = s.binding().name();
        for (Map.Entry<LoadedLibrary, Definitions> e : defs.entrySet()) {
            if (e.getValue().defines(s.name(), version)) {
                return new SymbolResolution(s.name(), -1, version, binding, s.library(), e.getKey().name(), null,
                        ResolutionState.RESOLVED, false, rel, "");
            }
        }
        String reason = whyMissing(s, defs, byNeededName, libraries, sysroot);
        ResolutionState state = weak ? ResolutionState.WEAK_MISSING : ResolutionState.UNRESOLVED;
        if (weak) reason = "weak reference left null: " + reason;
        return new SymbolResolution(s.name(), -1, version, binding, s.library(), null, null, state, false, rel,
                reason);
    }

    private static String whyMissing(Symbol s, Map<LoadedLibrary, Definitions> defs,
                                     Map<String, LoadedLibrary> byNeededName, List<LibraryResolution> libraries,
                                     Sysroot sysroot) {
        String version = s.version();
        String file = s.library();
        if (version != null && file != null) {
            LoadedLibrary lib = byNeededName.get(file);
            if (lib == null) {
                return "needs " + version + " from " + file + ", which is not found in sysroot " + sysroot.root();
            }
            Definitions d = defs.get(lib);
            if (!d.versions.contains(version)) {
                String highest = highest(d.versions, version);
                return version + " not defined by " + file + (highest == null ? "" : " (highest: " + highest + ")");
            }
            List<String> others = d.versionsOf(s.name());
            return s.name() + "@" + version + " not defined by " + file
                    + (others.isEmpty() ? "" : " (it defines " + s.name() + "@" + String.join(", @", others) + ")");
        }
        List<String> searched = new ArrayList<>();
        for (LoadedLibrary l : defs.keySet()) searched.add(l.name());
        long missing = libraries.stream().filter(l -> l.state().isError()).count();
        String scope = searched.size() <= 8 ? String.join(", ", searched) : String.join(", ", searched.subList(0, 8))
                + ", \u2026 " + (searched.size() - 8) + " more";
        String missingText = missing > 0 ? missing + " needed librar" + (missing == 1 ? "y is" : "ies are") + " missing"
                : "";
        if (searched.isEmpty()) {
            return s.versionedName() + " not defined: the global scope is empty"
                    + (missingText.isEmpty() ? "" : " (" + missingText + ")");
        }
        return s.versionedName() + " not defined by any library in the global scope (" + scope + ")"
                + (missingText.isEmpty() ? "" : "; " + missingText);
    }

    /** ld.so checks every (file, version) pair of .gnu.version_r at load time, used by a symbol or not. */
    private static void checkVersionNeeds(ElfDetails elf, Map<String, LoadedLibrary> byNeededName,
                                          Map<LoadedLibrary, Definitions> defs, List<String> notes) {
        for (ElfVersionNeed need : elf.versionNeeds()) {
            LoadedLibrary lib = byNeededName.get(need.file());
            if (lib == null) continue;
            Definitions d = defs.get(lib);
            for (ElfVersionAux v : need.versions()) {
                if (!d.versions.contains(v.name())) {
                    String highest = highest(d.versions, v.name());
                    notes.add("version " + v.name() + " required from " + need.file() + " is not defined by it"
                            + (highest == null ? "" : " (highest: " + highest + ")"));
                }
            }
        }
    }

    /** The highest version in {@code versions} with the same prefix as {@code like} (GLIBC_), or null. */
    static String highest(Set<String> versions, String like) {
        String prefix = like.replaceAll("[0-9.]+$", "");
        String best = null;
        for (String v : versions) {
            if (!v.startsWith(prefix) || !v.substring(prefix.length()).matches("[0-9]+(\\.[0-9]+)*")) continue;
            if (best == null || compareVersions(v.substring(prefix.length()), best.substring(prefix.length())) > 0) {
                best = v;
            }
        }
        return best;
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) return Long.compare(p, q);
        }
        return 0;
    }

    /** How many relocations of each section name each symbol. */
    private static Map<String, Map<String, Integer>> relocationUses(ElfDetails elf) {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        for (ElfRelocationSection sec : elf.relocationSections()) {
            for (ElfRelocation r : sec.entries()) {
                if (r.symbolName().isEmpty()) continue;
                out.computeIfAbsent(r.symbolName(), k -> new LinkedHashMap<>()).merge(sec.name(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** What one library defines: dynamic symbol name -> versions (null for unversioned), and its verdefs. */
    static final class Definitions {
        private final Map<String, List<String>> byName = new HashMap<>();
        final Set<String> versions = new HashSet<>();

        static Definitions of(ElfImage img) {
            Definitions d = new Definitions();
            for (Symbol s : img.core().symbols()) {
                if (s.table() != SymbolTable.DYNSYM || !s.defined() || s.binding() == SymbolBinding.LOCAL
                        || s.name().isEmpty()) {
                    continue;
                }
                d.byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s.version());
            }
            for (ElfVersionAux v : img.elf().versionDefinitions()) d.versions.add(v.name());
            return d;
        }

        /**
         * True when {@code name} is defined with {@code version}; an unversioned reference takes any definition,
         * and a library without versions satisfies any version (as ld.so does for unversioned objects).
         */
        boolean defines(String name, String version) {
            List<String> vs = byName.get(name);
            if (vs == null) return false;
            if (version == null || versions.isEmpty()) return true;
            return vs.contains(version);
        }

        List<String> versionsOf(String name) {
            List<String> out = new ArrayList<>();
            for (String v : byName.getOrDefault(name, List.of())) if (v != null) out.add(v);
            return out;
        }
    }
}
