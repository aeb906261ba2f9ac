package dev.crosslens.model.diff;

import java.util.List;

/**
 * Every semantic difference between two builds, by area; noise (build ids, timestamps, vcs.time, path
 * prefixes) kept apart from real change.
 *
 * @param oldName what the old side is (path, plus slice when a fat slice was picked)
 * @param identity format, arch, bits, kind, OS, linkage, interpreter, libc flavour, entry
 * @param goSettings Go version and build settings
 */
public record BuildDiff(String oldName, String newName, List<FieldChange> identity, List<SymbolChange> symbols,
                        List<SizeChange> sections, List<SizeChange> segments, SizeTotals totals,
                        List<LibraryChange> libraries, List<FieldChange> rpaths, List<FieldChange> goSettings,
                        List<GoModuleChange> goModules, List<HardeningChange> hardening,
                        List<FindingChange> findings, List<Consequence> consequences, List<FieldChange> noise) {
    public BuildDiff {
        identity = List.copyOf(identity);
        symbols = List.copyOf(symbols);
        sections = List.copyOf(sections);
        segments = List.copyOf(segments);
        libraries = List.copyOf(libraries);
        rpaths = List.copyOf(rpaths);
        goSettings = List.copyOf(goSettings);
        goModules = List.copyOf(goModules);
        hardening = List.copyOf(hardening);
        findings = List.copyOf(findings);
        consequences = List.copyOf(consequences);
        noise = List.copyOf(noise);
    }

    /** True when nothing but noise differs. */
    public boolean isEmpty() {
        return identity.isEmpty() && symbols.isEmpty() && sections.isEmpty() && segments.isEmpty()
                && libraries.isEmpty() && rpaths.isEmpty() && goSettings.isEmpty() && goModules.isEmpty()
                && hardening.isEmpty() && findings.isEmpty();
    }

    public long count(ChangeKind kind) {
        return symbols.stream().filter(s -> s.kind() == kind).count();
    }
}
