package dev.crosslens.model.go;

import java.util.List;

/**
 * Go facts the findings use, each with the evidence that decided it.
 *
 * @param cgo             cgo linked in ({@code runtime/cgo}, {@code _cgo_*}, {@code x_cgo_init}, CGO_ENABLED=1)
 * @param tzdataEmbedded  {@code time/tzdata} linked in
 * @param usesTimeZones   {@code time.LoadLocation} (or similar) is present
 * @param netResolver     {@code "go"}, {@code "cgo"} or {@code "none"} (no net package)
 * @param osUser          {@code "go"}, {@code "cgo"} or {@code "none"}
 * @param buildMode       {@code exe}, {@code pie}, {@code c-shared}, {@code c-archive}, ... or "" when unknown
 * @param evidence        what each fact was read from, for people
 */
public record GoFacts(boolean cgo, boolean tzdataEmbedded, boolean usesTimeZones, String netResolver,
                      String osUser, String buildMode, List<String> evidence) {
    public GoFacts {
        evidence = List.copyOf(evidence);
    }
}
