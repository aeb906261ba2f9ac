package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Severity;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;

import java.util.List;

/** A rule made of its description and a check function: how the rule families declare their rules. */
final class Rule implements FindingRule {
    private final RuleInfo info;
    private final Check body;

    Rule(RuleInfo info, Check body) {
        this.info = info;
        this.body = body;
    }

    /** The body of a rule: it gets its own description to make findings with. */
    @FunctionalInterface
    interface Check {
        List<Finding> check(RuleContext context, RuleInfo self);
    }

    static Rule of(String id, Severity severity, String title, String description, String fix,
                   Check body) {
        return new Rule(new RuleInfo(id, severity, title, description, fix), body);
    }

    @Override
    public RuleInfo info() {
        return info;
    }

    @Override
    public List<Finding> check(RuleContext context) {
        return body.check(context, info);
    }

    /** A finding of this rule with its default severity. */
    static Finding finding(RuleInfo info, String title, String explanation, List<Evidence> evidence, String fix) {
        return new Finding(info.id(), info.severity(), title, explanation, evidence, fix);
    }

    @Override
    public String toString() {
        return info.id();
    }
}
