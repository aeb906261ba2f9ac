package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Severity;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.finding.TargetVerdict;

import java.util.List;

/**
 * The check of one file: its findings, and the target verdict when a target was chosen. {@code error} is set (and
 * the rest empty) when the file could not be read at all.
 */
public record FileCheck(String path, long size, String sha256, List<Finding> findings, TargetVerdict verdict,
                        String error) {
    public FileCheck {
        findings = List.copyOf(findings);
    }

    public boolean hasFindingAtLeast(Severity s) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(s));
    }
}
