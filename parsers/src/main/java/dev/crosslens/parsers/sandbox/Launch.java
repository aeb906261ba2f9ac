package dev.crosslens.parsers.sandbox;

import java.util.List;
import java.util.Map;

/**
 * What a runner starts inside the sandbox: the command (paths as the program sees them), environment additions,
 * the trace files it writes into the trace dir and how stderr is split between the program and a tracer.
 */
public record Launch(List<String> command, Map<String, String> environment, List<TraceFile> traces,
                     StderrRoute stderr) {
    public Launch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        traces = List.copyOf(traces);
    }

    /** How to read one trace file. */
    public enum Format {
        /** strace of the program or of wineserver. */
        STRACE,
        /** host strace of qemu-*-static: QEMU's own start-up and probes are labelled EMULATOR. */
        STRACE_OF_EMULATOR
    }

    /** @param origin the name given to its processes until an exec names them */
    public record TraceFile(String fileName, Format format, String origin) {
    }

    /** What the program's stderr also carries. */
    public enum StderrRoute { PLAIN, WINEDEBUG, QEMU_STRACE }
}
