package dev.crosslens.model.finding;

import java.util.Objects;

/**
 * One reason behind a target verdict, tied to the finding that states it.
 *
 * @param effect what this reason alone says ({@link Verdict#WILL_FAIL} for a blocker, {@link Verdict#CANNOT_TELL}
 *               for an open question, {@link Verdict#RUNS} for a check that passed)
 */
public record TargetReason(Verdict effect, Finding finding) {
    public TargetReason {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(finding, "finding");
    }
}
