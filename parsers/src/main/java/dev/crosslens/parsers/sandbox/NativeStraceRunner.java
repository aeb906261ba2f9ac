package dev.crosslens.parsers.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a host-arch ELF directly under strace. */
public final class NativeStraceRunner implements Runner {
    private final Path strace;

    public NativeStraceRunner(HostTools tools) throws ToolMissingException {
        this.strace = tools.strace();
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public String description() {
        return "host-arch ELF: runs directly under strace";
    }

    @Override
    public Map<String, Path> tools() {
        return Map.of("strace", strace);
    }

    @Override
    public Launch launch(String program, List<String> args, String runDir, String traceDir, String traceExpr) {
        List<String> c = new ArrayList<>(StraceCommand.options(strace, traceExpr, traceDir + "/program.strace"));
        c.add(program);
        c.addAll(args);
        String origin = program.substring(program.lastIndexOf('/') + 1);
        return new Launch(c, Map.of(), List.of(new Launch.TraceFile("program.strace", Launch.Format.STRACE, origin)),
                Launch.StderrRoute.PLAIN);
    }
}
