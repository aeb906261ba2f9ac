package dev.crosslens.parsers.sandbox;

import org.junit.jupiter.api.Assumptions;

/** Skips a test with a clear message when a tool it needs is not installed. */
final class SandboxAssumptions {
    private SandboxAssumptions() {
    }

    static void need(String tool, String aptPackage) {
        Assumptions.assumeTrue(new HostTools().find(tool).isPresent(),
                tool + " is not installed: apt-get install --no-install-recommends " + aptPackage);
    }

    static void needWine() {
        need("strace", "strace");
        need("bwrap", "bubblewrap");
        try {
            new HostTools().wine64();
        } catch (ToolMissingException e) {
            Assumptions.abort(e.getMessage());
        }
    }
}
