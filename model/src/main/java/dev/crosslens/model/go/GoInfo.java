package dev.crosslens.model.go;

/**
 * Everything known about a Go binary.
 *
 * @param version   the Go toolchain version ({@code go1.20.4}) from build info or the runtime version string,
 *                  null when it could not be found
 * @param buildInfo null when the binary has no build info (stripped of it, or built before Go 1.13)
 * @param pclntab   null when no function table was found
 * @param facts     never null for a Go image
 */
public record GoInfo(String version, GoBuildInfo buildInfo, GoPclntab pclntab, GoFacts facts) {
    public boolean hasBuildInfo() {
        return buildInfo != null;
    }
}
