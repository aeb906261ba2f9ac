package dev.crosslens.model.finding;

import java.util.List;
import java.util.Objects;

/**
 * The answer to "will this file run on that target?": a verdict and every reason for it.
 *
 * @param targetId the profile id ({@code alpine-3.19-arm64})
 * @param passed   checks that passed, for people who want to see what was looked at
 */
public record TargetVerdict(String targetId, String targetName, Verdict verdict, List<TargetReason> reasons,
                            List<String> passed) {
    public TargetVerdict {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(verdict, "verdict");
        targetName = targetName == null ? targetId : targetName;
        reasons = List.copyOf(reasons);
        passed = List.copyOf(passed);
    }
}
