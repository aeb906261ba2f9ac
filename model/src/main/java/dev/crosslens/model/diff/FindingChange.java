package dev.crosslens.model.diff;

import dev.crosslens.model.Severity;

/** A finding that is new in the new build or gone from it. */
public record FindingChange(ChangeKind kind, String ruleId, Severity severity, String title) {
}
