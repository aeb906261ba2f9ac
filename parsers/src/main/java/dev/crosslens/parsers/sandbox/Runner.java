package dev.crosslens.parsers.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A way to run one kind of binary here: Wine, QEMU user mode, or natively; all under strace. */
public interface Runner {
    /** "wine", "qemu", "native". */
    String name();

    /** One line for people: what runs the program and why this runner was picked. */
    String description();

    /** Tools used (name -> path), for the session header's versions. */
    Map<String, Path> tools();

    /**
     * Cleans up after the tree was killed without isolation (no PID namespace takes everything with it): Wine's
     * services reparent away from the tree and are ended through {@code wineserver -k}. Nothing by default.
     */
    default void afterKill(Path runDir) {
    }

    /** Prepares the run dir before the start (a Wine prefix); nothing by default. */
    default void prepare(Path runDir) throws IOException, SandboxException {
    }

    /**
     * The command to start.
     *
     * @param program    the program as seen from inside (a file in the run dir)
     * @param runDir     the run dir as seen from inside
     * @param traceDir   the trace dir as seen from inside
     * @param traceExpr  strace's {@code -e trace=} value for the selected classes
     */
    Launch launch(String program, java.util.List<String> args, String runDir, String traceDir, String traceExpr)
            throws SandboxException;

}
