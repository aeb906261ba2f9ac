package dev.crosslens.parsers.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a PE32+ x86-64 program under wine64. Inside the sandbox {@link WineSupervisor} starts wineserver in the
 * foreground under its own strace (Wine does the real file creates and socket connects there), warms the
 * prefix up with {@code cmd /c exit} so start-up services are not in the trace, then runs the program under strace
 * with {@code WINEDEBUG=+timestamp,+pid,+tid,+relay,+winsock,+file,+process,+loaddll} (read from stderr).
 */
public final class WineRunner implements Runner {
    public static final String WINEDEBUG = "+timestamp,+pid,+tid,+relay,+winsock,+file,+process,+loaddll";
    private final Path strace;
    private final Path wine;
    private final Path wineserver;
    private final WineTemplate template;
    private final HostTools hostTools;

    public WineRunner(HostTools tools, WineTemplate template) throws ToolMissingException {
        this(tools, template, tools.wine64());
    }

    /** With another loader (a 32-bit wine for PE32 where one is installed). */
    public WineRunner(HostTools tools, WineTemplate template, Path loader) throws ToolMissingException {
        this.strace = tools.strace();
        this.wine = loader;
        this.wineserver = tools.wineserver();
        this.template = template;
        this.hostTools = tools;
    }

    @Override
    public String name() {
        return "wine";
    }

    @Override
    public String description() {
        return "Windows PE: " + wine + " with wineserver traced separately";
    }

    @Override
    public Map<String, Path> tools() {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("wine", wine);
        m.put("strace", strace);
        return m;
    }

    @Override
    public void prepare(Path runDir) throws IOException, SandboxException {
        template.ensure(hostTools);
        template.linkInto(runDir.resolve("prefix"));
        installSupervisor(runDir);
    }

    /** Where the supervisor's class is put in the run dir (the only host path certainly visible in the sandbox). */
    static final String SUPERVISOR_DIR = ".crosslens-supervisor";

    /**
     * Copies {@link WineSupervisor} and {@link StraceCommand} (JDK only) into the run dir: bubblewrap replaces /tmp with an empty
     * tmpfs, so a Crosslens installed or checked out under /tmp could not be loaded from its own location inside.
     * Read from the class loader, so it works from a classes folder and from a jar alike.
     */
    private static void installSupervisor(Path runDir) throws IOException, SandboxException {
        for (Class<?> c : List.of(WineSupervisor.class, StraceCommand.class)) {
            String resource = c.getName().replace('.', '/') + ".class";
            Path target = runDir.resolve(SUPERVISOR_DIR).resolve(resource);
            Files.createDirectories(target.getParent());
            try (java.io.InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) throw new SandboxException("cannot find " + resource + " on the class path");
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public void afterKill(Path runDir) {
        ProcessBuilder pb = new ProcessBuilder(java.util.List.of(wineserver.toString(), "-k"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().put("WINEPREFIX", runDir.resolve("prefix").toString());
        pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        try {
            Process p = pb.start();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (IOException e) {
            // wineserver is gone with the prefix: nothing left to end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Launch launch(String program, List<String> args, String runDir, String traceDir, String traceExpr)
            throws SandboxException {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(List.of("-Xshare:auto", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx48m", "-cp",
                runDir + "/" + SUPERVISOR_DIR, WineSupervisor.class.getName(),
                strace.toString(), wine.toString(), wineserver.toString(), traceDir, traceExpr, WINEDEBUG, program));
        c.addAll(args);
        String origin = program.substring(program.lastIndexOf('/') + 1);
        Map<String, String> env = Map.of("WINEPREFIX", runDir + "/prefix", "WINEDLLOVERRIDES", "mscoree,mshtml=",
                "WINEARCH", "win64");
        return new Launch(c, env, List.of(
                new Launch.TraceFile("program.strace", Launch.Format.STRACE, origin),
                new Launch.TraceFile("wineserver.strace", Launch.Format.STRACE, "wineserver")),
                Launch.StderrRoute.WINEDEBUG);
    }

}
