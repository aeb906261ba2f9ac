package dev.crosslens.parsers.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A way to run one kind of binary here: Wine, QEMU user mode, or natively; all traced from outside. */
public interface Runner {
    /** "wine", "qemu", "native". */
    String name();

    /** One line for people: what runs the program and why this runner was picked. */
    String description();

    /** Tools used (name -> path), for the session header's versions; "strace" when the run is traced by it. */
    Map<String, Path> tools();

    /**
     * Ends what the kill of the traced tree cannot reach (Wine: {@code wineserver -k} with the run's prefix, for
     * a run without a PID namespace). Nothing by default.
     */
    default void afterKill(Path runDir) {
    }

    /**
     * Prepares the run dir before the start (a Wine prefix); nothing by default.
     *
     * @param isolated whether the run is isolated (without isolation nothing of the run dir may share a writable
     *                 file with anything shared, such as Wine's template)
     */
    default void prepare(Path runDir, boolean isolated) throws IOException, SandboxException {
    }

    /**
     * The command to start, as the program sees it.
     *
     * @param program  the program as seen from inside (a file in the run dir)
     * @param runDir   the run dir as seen from inside
     * @param logDir   a directory (inside path) for a tracer that has to write from inside (QEMU's -strace log)
     * @param hostRunDir the run dir on the host (for facts of files prepared there)
     */
    Launch launch(String program, List<String> args, String runDir, String logDir, Path hostRunDir)
            throws SandboxException;
}
