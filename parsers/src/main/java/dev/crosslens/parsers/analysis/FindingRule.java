package dev.crosslens.parsers.analysis;

import dev.crosslens.model.finding.Finding;

import java.util.List;

/**
 * One check over one image. Rules are small, stateless and pure: they read the image (and the target or intent
 * when one is given) from the {@link RuleContext} and return what they found, usually nothing.
 */
public interface FindingRule {
    RuleInfo info();

    /** Findings for {@code context.image()}; empty when the rule does not apply or found nothing. */
    List<Finding> check(RuleContext context);

    default String id() {
        return info().id();
    }
}
