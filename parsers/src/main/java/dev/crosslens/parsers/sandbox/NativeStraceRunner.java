package dev.crosslens.parsers.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a host-arch ELF directly, traced by strace from outside the sandbox. */
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
        return "host-arch ELF: runs directly, traced by strace";
    }

    @Override
    public Map<String, Path> tools() {
        return Map.of("strace", strace);
    }

    @Override
    public Launch launch(String program, List<String> args, String runDir, String logDir, Path hostRunDir) {
        List<String> c = new ArrayList<>();
        c.add(program);
        c.addAll(args);
        return new Launch(c, Map.of(), Launch.Trace.STRACE, Launch.StderrRoute.PLAIN,
                List.of(new Launch.Stage(program, null, Launch.ProcessRole.PROGRAM)), null);
    }
}
