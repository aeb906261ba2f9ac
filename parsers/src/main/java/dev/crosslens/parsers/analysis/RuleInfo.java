package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Severity;

import java.util.Objects;

/**
 * What a rule is, independent of any file: what SARIF lists under {@code tool.driver.rules}.
 *
 * @param title       one line ({@code CGO is on in a Go build})
 * @param description what the rule looks for and why it matters
 * @param fix         the usual fix, in commands and flags
 */
public record RuleInfo(String id, Severity severity, String title, String description, String fix) {
    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
        fix = fix == null ? "" : fix;
    }
}
