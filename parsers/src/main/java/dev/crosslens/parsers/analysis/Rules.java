package dev.crosslens.parsers.analysis;

import java.util.ArrayList;
import java.util.List;

/** The rule catalogue. */
public final class Rules {
    private Rules() {
    }

    /** Every finding rule, in a stable order (Go, ELF, PE, Mach-O, cross-arch, intent). */
    public static List<FindingRule> standard() {
        return standard(GoMinOs.bundled());
    }

    public static List<FindingRule> standard(GoMinOs goMinOs) {
        List<FindingRule> all = new ArrayList<>();
        all.addAll(GoRules.rules(goMinOs));
        all.addAll(ElfRules.rules());
        all.addAll(PeRules.rules());
        all.addAll(MachORules.rules());
        all.addAll(ArchRules.rules());
        all.addAll(IntentRules.rules());
        return List.copyOf(all);
    }

    /** Descriptions of every id a check can report: the finding rules and the target check. */
    public static List<RuleInfo> catalogue() {
        List<RuleInfo> out = new ArrayList<>();
        for (FindingRule r : standard()) out.add(r.info());
        out.addAll(TargetChecker.infos());
        out.add(FindingsEngine.RULE_FAILED);
        return List.copyOf(out);
    }
}
