package dev.crosslens.parsers.resolve;

import dev.crosslens.model.resolve.DependencyNode;
import dev.crosslens.model.resolve.ResolutionState;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The recursive dependency tree (lddtree / Dependencies style): depth-first in each library's own order, a
 * library already on the path from the root is a cycle (not expanded again), a library already expanded
 * elsewhere is shown once more as a reference without children, and the depth is capped.
 */
final class DependencyTreeBuilder {
    private final DependencyLoader loader;
    private final int maxDepth;
    private final Set<String> expanded = new HashSet<>();

    DependencyTreeBuilder(DependencyLoader loader, int maxDepth) {
        this.loader = loader;
        this.maxDepth = maxDepth;
    }

    DependencyNode build(LoadedLibrary root) throws IOException {
        Set<String> path = new LinkedHashSet<>();
        return node(root.name(), root, ResolutionState.RESOLVED, "", path, 0);
    }

    private DependencyNode node(String name, LoadedLibrary lib, ResolutionState state, String reason,
                                Set<String> path, int depth) throws IOException {
        LibraryCache.checkCancelled();
        String targetPath = lib == null ? null : lib.targetPath();
        if (lib == null) return new DependencyNode(name, null, state, reason, false, false, false, List.of());
        String key = lib.path().toAbsolutePath().normalize().toString();
        if (path.contains(key)) {
            return new DependencyNode(name, targetPath, state, "cycle: " + name + " is already loading "
                    + "(on the path from the root)", true, false, false, List.of());
        }
        if (!expanded.add(key)) {
            return new DependencyNode(name, targetPath, state, reason, false, true, false, List.of());
        }
        List<String> needs = loader.needs(lib);
        if (depth >= maxDepth && !needs.isEmpty()) {
            return new DependencyNode(name, targetPath, state, "depth limit " + maxDepth + " reached", false, false,
                    true, List.of());
        }
        path.add(key);
        List<DependencyNode> children = new ArrayList<>();
        for (String n : needs) {
            DependencyLoader.Located found = loader.locate(lib, n);
            children.add(node(n, found.library(), found.resolution().state(), found.resolution().reason(), path,
                    depth + 1));
        }
        path.remove(key);
        return new DependencyNode(name, targetPath, state, reason, false, false, false, children);
    }
}
