package dev.crosslens.parsers.resolve;

import dev.crosslens.model.MachOImage;
import dev.crosslens.model.macho.MachOBinding;
import dev.crosslens.model.macho.MachODylib;
import dev.crosslens.model.resolve.DependencyNode;
import dev.crosslens.model.resolve.LibraryResolution;
import dev.crosslens.model.resolve.RelocationUse;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.model.resolve.ResolutionState;
import dev.crosslens.model.resolve.SymbolResolution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mach-O: each bound symbol is tied to its dylib through its two-level namespace ordinal, and that is as far as
 * it goes: no macOS SDK or sysroot is available here, so neither the dylibs nor their exports are checked
 * (UNCHECKED), and the resolution says so. A binding whose ordinal names no dylib is UNRESOLVED.
 */
final class MachOResolver {
    static final String NO_SDK = "no macOS SDK or sysroot is available here: dylibs and their exports are not "
            + "checked, only each symbol's library ordinal is followed to its dylib";

    Resolution resolve(String name, MachOImage image) {
        List<MachODylib> dylibs = image.macho().dylibs();
        List<LibraryResolution> libraries = new ArrayList<>();
        List<DependencyNode> children = new ArrayList<>();
        for (MachODylib d : dylibs) {
            if (d.kind() == null) continue;
            libraries.add(new LibraryResolution(d.name(), d.kind(), null, ResolutionState.UNCHECKED, NO_SDK,
                    List.of()));
            children.add(new DependencyNode(d.name(), null, ResolutionState.UNCHECKED, "not checked: no SDK", false,
                    false, false, List.of()));
        }
        // one row per (symbol, ordinal), with how many bind entries of each table use it
        Map<String, List<MachOBinding>> grouped = new LinkedHashMap<>();
        for (MachOBinding b : image.macho().bindings()) {
            grouped.computeIfAbsent(b.symbol() + "\u0000" + b.ordinal(), k -> new ArrayList<>()).add(b);
        }
        List<SymbolResolution> symbols = new ArrayList<>();
        for (List<MachOBinding> group : grouped.values()) {
            MachOBinding first = group.get(0);
            Map<String, Integer> counts = new LinkedHashMap<>();
            boolean weak = false;
            for (MachOBinding b : group) {
                counts.merge(b.table(), 1, Integer::sum);
                weak |= b.weakImport();
            }
            List<RelocationUse> uses = new ArrayList<>();
            counts.forEach((t, n) -> uses.add(new RelocationUse(t, n)));
            String lib = library(first.ordinal(), dylibs);
            ResolutionState state;
            String reason;
            if (lib == null) {
                state = weak ? ResolutionState.WEAK_MISSING : ResolutionState.UNRESOLVED;
                reason = "library ordinal " + first.ordinal() + " names no dylib (" + dylibs.size() + " loaded)";
                lib = first.library();
            } else {
                state = ResolutionState.UNCHECKED;
                reason = first.ordinal() <= 0 ? "looked up at run time (" + lib + ")" : "";
            }
            symbols.add(new SymbolResolution(first.symbol(), -1, null, weak ? "WEAK" : "GLOBAL", lib,
                    state == ResolutionState.UNCHECKED ? lib : null, null, state, false, uses, reason));
        }
        DependencyNode tree = new DependencyNode(name, null, ResolutionState.RESOLVED, "", false, false, false,
                children);
        return new Resolution(name, image.core().format(), "", libraries, symbols, tree, List.of(NO_SDK));
    }

    /** The dylib an ordinal names: 1-based load order; 0 self, -1 main executable, -2 flat lookup, -3 weak. */
    private static String library(int ordinal, List<MachODylib> dylibs) {
        switch (ordinal) {
            case 0: return "(self)";
            case -1: return "(main executable)";
            case -2: return "(flat namespace lookup)";
            case -3: return "(weak definition lookup)";
            default: break;
        }
        int n = 0;
        for (MachODylib d : dylibs) {
            if (d.kind() == null) continue;
            if (++n == ordinal) return d.name();
        }
        return null;
    }
}
