package dev.crosslens.model.finding;

import dev.crosslens.model.Extent;
import dev.crosslens.model.Severity;

import java.util.List;
import java.util.Objects;

/**
 * Something about a binary that will (or may) make it fail or misbehave where it is meant to run, said in plain
 * words, with the evidence it rests on and the concrete change that fixes it.
 *
 * @param id          stable rule id ({@code go.cgo-enabled}, {@code elf.glibc-floor}, {@code pe.no-dynamic-base})
 * @param scope       which image inside the file it is about: "" for the file itself, {@code slice arm64} for a fat
 *                    Mach-O slice, {@code member foo.o} for an archive member (nested ones joined by " / ")
 * @param explanation what it means and why it matters, for people
 * @param fix         the command, flag or change that fixes it ({@code CGO_ENABLED=0 GOOS=linux ...})
 */
public record Finding(String id, Severity severity, String title, String explanation, List<Evidence> evidence,
                      String fix, String scope) {
    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        explanation = explanation == null ? "" : explanation;
        evidence = List.copyOf(evidence);
        fix = fix == null ? "" : fix;
        scope = scope == null ? "" : scope;
    }

    public Finding(String id, Severity severity, String title, String explanation, List<Evidence> evidence,
                   String fix) {
        this(id, severity, title, explanation, evidence, fix, "");
    }

    public Finding withScope(String newScope) {
        return new Finding(id, severity, title, explanation, evidence, fix, newScope);
    }

    /** The first evidence extent that points at bytes, or {@link Extent#NONE}. */
    public Extent primaryExtent() {
        for (Evidence e : evidence) {
            if (e.extent().isKnown()) return e.extent();
        }
        return Extent.NONE;
    }

    @Override
    public String toString() {
        return severity + " " + id + (scope.isEmpty() ? "" : " [" + scope + "]") + ": " + title;
    }
}
