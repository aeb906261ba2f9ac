package dev.crosslens.parsers.sandbox;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.trace.SessionHeader;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.trace.TraceMapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The engine's entry point for sandboxed runs: reads the binary, picks the runner, lays out a throwaway run dir,
 * wraps the command in bubblewrap (no network, own PID namespace, read-only root, no capabilities, scrubbed
 * environment), puts strace around it from outside and starts a {@link SandboxRun} that streams, records and
 * finally cleans up.
 *
 * <p>Layout: {@code $TMP/crosslens-run-XXXX/run} (the program, its working files, a Wine prefix; the only
 * writable place the program sees, as {@code /tmp/run}) and {@code .../trace} (strace's output). The trace dir is
 * never mounted in the sandbox and strace runs outside its PID namespace, so the traced program can neither see
 * nor write its trace (not even through {@code /proc/PID/fd} of the tracer). Without isolation there is no such
 * wall: the program runs as the same user beside its trace.
 */
public final class Sandbox {
    public static final String INSIDE_RUN = "/tmp/run";
    /** Where an in-sandbox tracer's log is (QEMU -strace only: the emulator writes it from the guest's process). */
    public static final String INSIDE_LOG = "/tmp/.crosslens-log";

    private final HostTools tools;
    private final WineTemplate template;
    private final TraceMapping mapping;

    public Sandbox() {
        this(new HostTools(), WineTemplate.defaultLocation(), TraceMapping.load());
    }

    public Sandbox(HostTools tools, WineTemplate template, TraceMapping mapping) {
        this.tools = tools;
        this.template = template;
        this.mapping = mapping;
    }

    /** Reads the binary and picks its runner without starting anything (the Run dialog shows the choice). */
    public Runner plan(ImageCore core, RunRequest req) throws SandboxException {
        return new RunnerSelector(tools, template).select(core, req.runner(), req.sysroot(), req.guestStrace());
    }

    public static ImageCore read(Path binary) throws SandboxException {
        try {
            return Binaries.open(binary).image().core();
        } catch (IOException e) {
            throw new SandboxException("cannot read " + binary + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a PE program's imports resolve to, from its copy in the run dir (its folder, with the working files,
     * first; then Wine's DLLs): the static side the explanations of a failed load point at. Null for other
     * formats or when it cannot be read.
     */
    private static dev.crosslens.model.resolve.Resolution resolution(ImageCore core, Path program) {
        if (core.format() != dev.crosslens.model.BinaryFormat.PE) return null;
        try {
            return new dev.crosslens.parsers.resolve.Resolver().resolve(Binaries.open(program),
                    dev.crosslens.parsers.resolve.ResolveOptions.defaults().withMaxDepth(1));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public SandboxRun start(RunRequest req, RunListener listener) throws SandboxException, IOException {
        BinaryFile file;
        try {
            file = Binaries.open(req.binary());
        } catch (IOException e) {
            throw new SandboxException("cannot read " + req.binary() + ": " + e.getMessage(), e);
        }
        ImageCore core = file.image().core();
        Runner runner = plan(core, req);
        Path bwrap = req.isolated() ? tools.bwrap() : null;

        Path session = Files.createTempDirectory("crosslens-run-");
        Path runDir = Files.createDirectories(session.resolve("run"));
        Path traceDir = Files.createDirectories(session.resolve("trace"));
        Path logDir = Files.createDirectories(session.resolve("log"));
        String name = req.binary().getFileName().toString();
        Path program = runDir.resolve(name);
        Launch launch;
        try {
            Files.copy(req.binary(), program, StandardCopyOption.COPY_ATTRIBUTES);
            program.toFile().setExecutable(true, true);
            for (Path w : req.workingFiles()) {
                Files.copy(w, runDir.resolve(w.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            runner.prepare(runDir, bwrap != null);
            String insideRun = bwrap != null ? INSIDE_RUN : runDir.toString();
            String insideLog = bwrap != null ? INSIDE_LOG : logDir.toString();
            launch = runner.launch(insideRun + "/" + name, req.arguments(), insideRun, insideLog, runDir);
        } catch (IOException | SandboxException e) {
            WineTemplate.deleteTree(session);
            throw e;
        }
        String insideRun = bwrap != null ? INSIDE_RUN : runDir.toString();

        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", insideRun);
        env.put("LANG", "C.UTF-8");
        env.put("TMPDIR", "/tmp");
        env.putAll(launch.environment());
        env.putAll(req.environment());
        // without a PID namespace: what the run starts carries this, so a process that left the tree (a daemon,
        // Wine's services) is still found for the kill
        if (bwrap == null) env.put(SandboxRun.RUN_MARKER, session.getFileName().toString());

        List<String> command = new ArrayList<>();
        // its own session and process group: what the run starts can be found and killed by group too
        tools.setsid().ifPresent(p -> command.add(p.toString()));
        Path strace = runner.tools().get("strace");
        if (strace == null && launch.trace() != Launch.Trace.QEMU_LOG) {
            WineTemplate.deleteTree(session);
            throw new SandboxException(runner.name() + " runner has no strace");
        }
        if (launch.trace() == Launch.Trace.STRACE || launch.trace() == Launch.Trace.STRACE_OF_EMULATOR) {
            command.addAll(StraceCommand.options(strace, req.traceExpression(),
                    traceDir.resolve(SandboxRun.TRACE_FILE).toString(), bwrap != null));
        }
        if (bwrap != null) {
            command.addAll(List.of(bwrap.toString(), "--unshare-net", "--unshare-pid", "--unshare-ipc",
                    "--unshare-uts", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--ro-bind", "/", "/",
                    "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
            // the session dir holds the trace: hidden inside even when it is not under /tmp
            if (!session.toAbsolutePath().startsWith("/tmp/")) command.addAll(List.of("--tmpfs", session.toString()));
            command.addAll(List.of("--bind", runDir.toString(), INSIDE_RUN));
            if (launch.trace() == Launch.Trace.QEMU_LOG) command.addAll(List.of("--bind", logDir.toString(), INSIDE_LOG));
            command.addAll(List.of("--chdir", INSIDE_RUN, "--clearenv"));
            env.forEach((k, v) -> command.addAll(List.of("--setenv", k, v)));
            command.add("--");
        }
        command.addAll(launch.command());

        Map<String, Path> used = new LinkedHashMap<>(runner.tools());
        if (bwrap != null) used.put("bwrap", bwrap);
        List<String> classes = new ArrayList<>();
        for (TraceCategory c : new TreeSet<>(req.classes())) classes.add(c.label());
        SessionHeader header = new SessionHeader(SessionHeader.SCHEMA, SessionHeader.VERSION,
                req.binary().toAbsolutePath().toString(), file.sha256(), runner.name(), HostTools.versions(used),
                req.arguments(), env, req.limits(), classes, bwrap != null, System.currentTimeMillis(),
                runner.description() + (bwrap != null ? "" : "; NOT isolated: the program runs as this user beside "
                        + "its trace and could write it"));
        SandboxRun.Tracer tracer = new SandboxRun.Tracer(strace, req.traceExpression(), bwrap != null,
                tools.find("kill").orElse(Path.of("/bin/kill")));
        return SandboxRun.start(header, command, env, bwrap == null, session, runDir, traceDir, logDir, launch, core,
                runner, mapping, req, listener, tracer, resolution(core, program));
    }
}
