package dev.crosslens.model.go;

/**
 * A module line of Go build info ({@code mod}/{@code dep}), with its {@code =>} replacement.
 *
 * @param sum         {@code h1:...}, "" when the build info has none
 * @param replacement the module it was replaced by, null when not replaced
 */
public record GoModule(String path, String version, String sum, GoModule replacement) {
    public GoModule {
        version = version == null ? "" : version;
        sum = sum == null ? "" : sum;
    }
}
