package dev.crosslens.parsers.diff;

import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.FieldChange;
import dev.crosslens.model.diff.HardeningChange;
import dev.crosslens.model.diff.LibraryChange;
import dev.crosslens.model.diff.SymbolChange;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The CI gate of {@code crosslens diff --fail-on RULES}: which kinds of change make the exit code 1. */
public final class DiffGate {

    /** A gate rule; {@link #id()} is what users write after {@code --fail-on}. */
    public enum Rule {
        REMOVED_EXPORTS("removed-exports", "an exported symbol was removed"),
        NEW_IMPORTS("new-imports", "a new imported symbol or library"),
        NEW_LIBRARIES("new-libraries", "a new needed library / DLL / dylib"),
        HARDENING_REGRESSION("hardening-regression", "a hardening property was lost"),
        NEW_FINDINGS("new-findings", "a finding of severity warning or error is new"),
        ARCH_CHANGE("arch-change", "the architecture, bitness, format or OS changed"),
        CGO_CHANGE("cgo-change", "CGO_ENABLED changed"),
        LINKAGE_CHANGE("linkage-change", "static/dynamic linkage, interpreter or libc changed"),
        GO_VERSION_CHANGE("go-version-change", "the Go toolchain version changed"),
        REMOVED_SYMBOLS("removed-symbols", "any symbol was removed");

        private final String id;
        private final String description;

        Rule(String id, String description) {
            this.id = id;
            this.description = description;
        }

        public String id() {
            return id;
        }

        public String description() {
            return description;
        }

        public static Rule parse(String id) {
            for (Rule r : values()) {
                if (r.id.equals(id.strip().toLowerCase(Locale.ROOT))) return r;
            }
            throw new IllegalArgumentException("unknown gate rule '" + id + "'; known: " + known());
        }

        public static String known() {
            StringBuilder sb = new StringBuilder();
            for (Rule r : values()) sb.append(sb.length() == 0 ? "" : ",").append(r.id);
            return sb.toString();
        }
    }

    /** One reason the gate trips. */
    public record Hit(Rule rule, String message) {
    }

    /** Parses {@code a,b,c}; {@code all} selects every rule; empty selects none. */
    public static Set<Rule> parse(String spec) {
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        if (spec == null || spec.isBlank()) return rules;
        for (String part : spec.split(",")) {
            if (part.isBlank()) continue;
            if (part.strip().equalsIgnoreCase("all")) return EnumSet.allOf(Rule.class);
            rules.add(Rule.parse(part));
        }
        return rules;
    }

    public List<Hit> evaluate(BuildDiff d, Set<Rule> rules) {
        List<Hit> hits = new ArrayList<>();
        for (Rule r : rules) {
            switch (r) {
                case REMOVED_EXPORTS -> d.symbols().stream()
                        .filter(s -> s.kind() == ChangeKind.REMOVED && s.isExport())
                        .forEach(s -> hits.add(new Hit(r, "export removed: " + s.displayName())));
                case NEW_IMPORTS -> {
                    d.symbols().stream().filter(s -> s.kind() == ChangeKind.ADDED && s.isImport())
                            .forEach(s -> hits.add(new Hit(r, "new import: " + label(s))));
                    d.libraries().stream().filter(l -> l.kind() == ChangeKind.ADDED)
                            .forEach(l -> hits.add(new Hit(r, "new library: " + l.library())));
                }
                case NEW_LIBRARIES -> d.libraries().stream().filter(l -> l.kind() == ChangeKind.ADDED)
                        .map(LibraryChange::library).forEach(l -> hits.add(new Hit(r, "new library: " + l)));
                case HARDENING_REGRESSION -> d.hardening().stream().filter(HardeningChange::regression)
                        .forEach(h -> hits.add(new Hit(r, h.label() + ": " + h.oldState() + " -> " + h.newState())));
                case NEW_FINDINGS -> d.findings().stream()
                        .filter(f -> f.kind() == ChangeKind.ADDED && f.severity().atLeast(dev.crosslens.model.Severity.WARNING))
                        .forEach(f -> hits.add(new Hit(r, "new finding " + f.ruleId() + ": " + f.title())));
                case ARCH_CHANGE -> fields(d.identity(), Set.of("arch", "bits", "format", "os", "endianness"))
                        .stream().filter(c -> !c.field().equals("os") || (specific(c.oldValue()) && specific(c.newValue())))
                        .forEach(c -> hits.add(new Hit(r, describe(c))));
                case CGO_CHANGE -> fields(d.goSettings(), Set.of("CGO_ENABLED"))
                        .forEach(c -> hits.add(new Hit(r, describe(c))));
                case LINKAGE_CHANGE -> fields(d.identity(), Set.of("linkage", "interpreter", "libc"))
                        .forEach(c -> hits.add(new Hit(r, describe(c))));
                case GO_VERSION_CHANGE -> fields(d.goSettings(), Set.of("Go"))
                        .forEach(c -> hits.add(new Hit(r, describe(c))));
                case REMOVED_SYMBOLS -> d.symbols().stream().filter(s -> s.kind() == ChangeKind.REMOVED)
                        .forEach(s -> hits.add(new Hit(r, "symbol removed: " + label(s))));
            }
        }
        return hits;
    }

    /**
     * An OS that names a target: an ELF marked only "System V" (OSABI 0, as a static Go binary is) runs on the
     * same Linux as one that gained a .note.ABI-tag by linking libc, so sysv -> linux is no target change.
     */
    private static boolean specific(String os) {
        return os != null && !os.equals("sysv") && !os.equals("unknown");
    }

    private static List<FieldChange> fields(List<FieldChange> list, Set<String> names) {
        return list.stream().filter(c -> names.contains(c.field())).toList();
    }

    private static String describe(FieldChange c) {
        return c.field() + " " + (c.oldValue() == null ? "(none)" : c.oldValue()) + " -> "
                + (c.newValue() == null ? "(none)" : c.newValue());
    }

    private static String label(SymbolChange s) {
        return s.displayName() + " [" + s.table().label() + "]";
    }
}
