package dev.crosslens.model.graph;

/**
 * A directed edge; {@code count} is shown on the edge (edges merged by collapsing add up).
 */
public record GraphEdge(String from, String to, String label, int count, NodeStatus status) {
    public GraphEdge {
        label = label == null ? "" : label;
        status = status == null ? NodeStatus.NEUTRAL : status;
    }

    public static GraphEdge of(String from, String to) {
        return new GraphEdge(from, to, "", 1, NodeStatus.NEUTRAL);
    }
}
