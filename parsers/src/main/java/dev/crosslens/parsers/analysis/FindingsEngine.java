package dev.crosslens.parsers.analysis;

import dev.crosslens.model.ArchiveImage;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.FatImage;
import dev.crosslens.model.FatSlice;
import dev.crosslens.model.Severity;
import dev.crosslens.model.archive.ArchiveMember;
import dev.crosslens.model.finding.BuildIntent;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every rule on every image of a file: the file itself, each fat slice and each archive member (named in
 * the finding's scope). A rule that throws does not stop the others: its failure becomes a finding.
 */
public final class FindingsEngine {
    static final RuleInfo RULE_FAILED = new RuleInfo("crosslens.rule-failed", Severity.WARNING,
            "A rule could not run", "A rule met data it did not expect; the other rules still ran.",
            "Report it with the file.");

    private final List<FindingRule> rules;

    public FindingsEngine(List<FindingRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static FindingsEngine standard() {
        return new FindingsEngine(Rules.standard());
    }

    public List<FindingRule> rules() {
        return rules;
    }

    /** Findings for the whole file, worst first. {@code bytes} may be null (rules that need them then stay quiet). */
    public List<Finding> run(BinaryFile file, TargetProfile target, BuildIntent intent, FileBytes bytes) {
        List<Finding> out = new ArrayList<>();
        visit(file, file.image(), "", target, intent, bytes, out);
        out.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::scope).thenComparing(Finding::id));
        return out;
    }

    /** Findings for one prepared context only (no recursion): for tests and callers that built the facts. */
    public List<Finding> run(RuleContext ctx) {
        List<Finding> out = new ArrayList<>();
        apply(ctx, out);
        return out;
    }

    private void visit(BinaryFile file, BinaryImage image, String scope, TargetProfile target, BuildIntent intent,
                       FileBytes bytes, List<Finding> out) {
        RuleContext ctx;
        try {
            ctx = RuleContext.of(file, image, scope, target, intent, bytes);
        } catch (RuntimeException e) {
            out.add(failed("reading the format facts", scope, e, image.core().extent()));
            return;
        }
        apply(ctx, out);
        if (image instanceof FatImage) {
            for (FatSlice s : ((FatImage) image).slices()) {
                if (s.image() != null) {
                    visit(file, s.image(), TargetChecker.join(scope, "slice " + s.arch().label()), target, intent,
                            bytes, out);
                }
            }
        } else if (image instanceof ArchiveImage) {
            for (ArchiveMember m : ((ArchiveImage) image).members()) {
                if (m.image() != null) {
                    visit(file, m.image(), TargetChecker.join(scope, "member " + m.name()), target, intent, bytes, out);
                }
            }
        } else {
            for (BinaryImage child : image.children()) {
                visit(file, child, TargetChecker.join(scope, "image"), target, intent, bytes, out);
            }
        }
    }

    private void apply(RuleContext ctx, List<Finding> out) {
        for (FindingRule r : rules) {
            try {
                for (Finding f : r.check(ctx)) {
                    out.add(f.scope().isEmpty() && !ctx.scope().isEmpty() ? f.withScope(ctx.scope()) : f);
                }
            } catch (RuntimeException e) {
                out.add(failed("rule " + r.id(), ctx.scope(), e, ctx.core().extent()));
            }
        }
    }

    /** What a rule (or the facts every rule reads) that threw becomes: a finding naming it and the error. */
    static Finding failed(String what, String scope, Exception e, Extent where) {
        return new Finding(RULE_FAILED.id(), RULE_FAILED.severity(), "Could not run " + what,
                what + " stopped with " + e.getClass().getName() + ": " + e.getMessage()
                        + "; the other rules still ran, and nothing this one would have said is in the findings.",
                List.of(Evidence.of("rule", "rule", what, where)), RULE_FAILED.fix(), scope);
    }
}
