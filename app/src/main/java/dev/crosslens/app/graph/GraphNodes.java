package dev.crosslens.app.graph;

/** Small helpers shared by the graph renderers. */
final class GraphNodes {
    private GraphNodes() {
    }

    /** Labels longer than a node can show are cut with an ellipsis (the full text is in the tooltip). */
    static String clip(String label) {
        return label.length() <= 60 ? label : label.substring(0, 59) + "\u2026";
    }
}
