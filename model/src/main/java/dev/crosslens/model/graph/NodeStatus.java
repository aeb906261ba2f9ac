package dev.crosslens.model.graph;

/** Resolution state: resolved (green/neutral), unresolved (red), weak (amber); diff states for symbol diffs. */
public enum NodeStatus {
    NEUTRAL, RESOLVED, UNRESOLVED, WEAK, ADDED, REMOVED, CHANGED
}
