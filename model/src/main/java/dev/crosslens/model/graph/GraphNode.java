package dev.crosslens.model.graph;

import dev.crosslens.model.Extent;

/**
 * One node.
 *
 * @param group  id of the group node this node belongs to (collapsible), null at top level
 * @param detail a longer text for tooltips and reasons ("GLIBC_2.38 not defined by libc.so.6 in /sysroot")
 * @param weight how many things the node stands for (1, or N for a collapsed group)
 * @param ref    what a click selects elsewhere: a symbol or library name, "" when nothing
 */
public record GraphNode(String id, String label, NodeKind kind, NodeStatus status, String group, String detail,
                        int weight, String ref, Extent extent) {
    public GraphNode {
        status = status == null ? NodeStatus.NEUTRAL : status;
        detail = detail == null ? "" : detail;
        ref = ref == null ? "" : ref;
        extent = extent == null ? Extent.NONE : extent;
    }

    public static GraphNode of(String id, String label, NodeKind kind) {
        return new GraphNode(id, label, kind, NodeStatus.NEUTRAL, null, "", 1, "", Extent.NONE);
    }

    public GraphNode withStatus(NodeStatus s, String why) {
        return new GraphNode(id, label, kind, s, group, why, weight, ref, extent);
    }

    public GraphNode inGroup(String groupId) {
        return new GraphNode(id, label, kind, status, groupId, detail, weight, ref, extent);
    }
}
