package dev.crosslens.model.trace;

import java.util.List;
import java.util.Map;

/**
 * The first line of a recorded session: what ran, how, and under which limits.
 *
 * @param schema        always {@code crosslens.trace}
 * @param binarySha256  lower-case hex digest of the binary that ran
 * @param runner        "wine", "qemu", "native"
 * @param toolVersions  tool name -> first line of its version output (strace, bwrap, wine, qemu)
 * @param arguments     program arguments (not including the program)
 * @param environment   the environment the program saw (scrubbed)
 * @param classes       syscall classes traced ("file", "network", ...)
 * @param isolated      true when bubblewrap isolated the run
 * @param startEpochMillis wall-clock start
 */
public record SessionHeader(String schema, int schemaVersion, String binaryPath, String binarySha256,
                            String runner, Map<String, String> toolVersions, List<String> arguments,
                            Map<String, String> environment, RunLimits limits, List<String> classes,
                            boolean isolated, long startEpochMillis, String description) {
    public static final String SCHEMA = "crosslens.trace";
    public static final int VERSION = 1;

    public SessionHeader {
        toolVersions = toolVersions == null ? Map.of() : Map.copyOf(toolVersions);
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        classes = classes == null ? List.of() : List.copyOf(classes);
        description = description == null ? "" : description;
    }
}
