package dev.crosslens.parsers.analysis;

import dev.crosslens.model.ArchiveImage;
import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Severity;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.archive.ArchiveMember;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Cross-architecture contamination: x86-only symbols where there is no x86, archives with mixed members. */
final class ArchRules {
    /** Symbols only x86 builds define or use: OpenSSL's CPU capability vector and GCC/clang cpuid helpers. */
    static final Set<String> X86_ONLY = Set.of("OPENSSL_ia32cap_P", "OPENSSL_ia32_cpuid", "__get_cpuid",
            "__get_cpuid_count", "__get_cpuid_max", "__cpu_indicator_init", "__cpu_model", "__cpu_features2",
            "_xgetbv", "__x86_shared_cache_size", "__x86_cpu_features");

    private ArchRules() {
    }

    static List<FindingRule> rules() {
        return List.of(
                Rule.of("arch.x86-only-symbols", Severity.ERROR, "x86-only symbols in a non-x86 image",
                        "Names like OPENSSL_ia32cap_P or __cpu_indicator_init exist only in x86 builds. Seen in an "
                                + "arm64 (or other non-x86) image they mean x86 objects, headers or configure "
                                + "results leaked into the cross build: the link fails with undefined references or "
                                + "the code takes an x86 path.",
                        "Rebuild the dependency for the target (./Configure linux-aarch64 for OpenSSL), clean "
                                + "stale objects, and point CC/AR at the cross toolchain.",
                        ArchRules::x86Symbols),
                Rule.of("archive.mixed-members", Severity.ERROR, "Archive members of mixed architectures or formats",
                        "One static library holds objects for different architectures or object formats (a Mach-O "
                                + "object in a Linux archive): the linker skips or rejects some of them and symbols "
                                + "go missing for one target.",
                        "Build one archive per target from a clean tree (make clean; CC=<cross-gcc> AR=<cross-ar>); "
                                + "use lipo for Apple multi-arch libraries.",
                        ArchRules::mixedMembers));
    }

    private static List<Finding> x86Symbols(RuleContext ctx, RuleInfo self) {
        ImageCore c = ctx.core();
        if (c.arch() == Arch.UNKNOWN || c.arch() == Arch.MULTI || c.arch().isX86Family()) return List.of();
        if (c.format() == BinaryFormat.ARCHIVE || c.format() == BinaryFormat.FAT_MACHO) return List.of();
        List<Evidence> ev = new ArrayList<>();
        for (Symbol s : c.symbols()) {
            String n = s.name().startsWith("_") && X86_ONLY.contains(s.name().substring(1)) ? s.name().substring(1)
                    : s.name();
            if (X86_ONLY.contains(n)) ev.add(Facts.symbolEvidence(s));
        }
        if (ev.isEmpty()) return List.of();
        return List.of(Rule.finding(self, "x86-only " + ev.get(0).value() + " in an " + c.arch().label() + " image",
                "This " + c.arch().label() + " image refers to " + ev.get(0).value()
                        + ", which only x86 code defines or uses: something from an x86 build got into it.",
                ev, self.fix()));
    }

    private static List<Finding> mixedMembers(RuleContext ctx, RuleInfo self) {
        if (!(ctx.image() instanceof ArchiveImage)) return List.of();
        ArchiveImage a = (ArchiveImage) ctx.image();
        Map<String, List<ArchiveMember>> byKind = new LinkedHashMap<>();
        for (ArchiveMember m : a.members()) {
            if (m.image() == null) continue;
            ImageCore mc = m.image().core();
            String key = mc.format().label() + " " + mc.arch().label();
            byKind.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        if (byKind.size() < 2) return List.of();
        List<Evidence> ev = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (Map.Entry<String, List<ArchiveMember>> e : byKind.entrySet()) {
            kinds.add(e.getValue().size() + " " + e.getKey());
            for (ArchiveMember m : e.getValue()) {
                ev.add(Evidence.of("member", m.name(), e.getKey(), m.headerExtent()));
            }
        }
        return List.of(Rule.finding(self, "Mixed members: " + String.join(", ", kinds),
                "The archive holds " + String.join(", ", kinds) + " objects. A linker for one target uses only "
                        + "the members of its own kind.",
                ev, self.fix()));
    }
}
