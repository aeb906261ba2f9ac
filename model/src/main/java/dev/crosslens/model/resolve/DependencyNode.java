package dev.crosslens.model.resolve;

import java.util.List;

/**
 * One node of the recursive dependency tree (lddtree / Dependencies style).
 *
 * @param path     the file found, null when not found
 * @param cycle    this library is already on the path from the root: not expanded again
 * @param repeated this library was expanded earlier in the tree: shown once, referenced here
 * @param truncated children were not read because the depth or file limit was reached
 */
public record DependencyNode(String name, String path, ResolutionState state, String reason, boolean cycle,
                             boolean repeated, boolean truncated, List<DependencyNode> children) {
    public DependencyNode {
        reason = reason == null ? "" : reason;
        children = List.copyOf(children);
    }

    /** Every node below and including this one, depth-first. */
    public int size() {
        int n = 1;
        for (DependencyNode c : children) n += c.size();
        return n;
    }
}
