package dev.crosslens.parsers.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a PE32+ x86-64 program under wine64, the notes' recipe with a supervising {@code /bin/sh} (the fixed script
 * {@link #SUPERVISOR}, arguments passed as positional parameters): it starts wineserver in the foreground (Wine
 * does the real file creates and socket connects there), waits for its socket, warms the prefix up with
 * {@code cmd /c exit} (the start-up services run here), runs the program with
 * {@code WINEDEBUG=+timestamp,+pid,+tid,+relay,+winsock,+file,+process,+loaddll} (read from stderr) and ends the
 * server with {@code wineserver -k}.
 *
 * <p>strace attaches from outside the sandbox at two {@link Launch.Gate}s: the server and the program stop
 * themselves before their exec until strace is their tracer. The warm-up and the services it starts are not
 * traced (under ptrace they take ~20 s instead of ~2 s), as before; the program's requests to them show in the
 * server's trace.
 */
public final class WineRunner implements Runner {
    public static final String WINEDEBUG = "+timestamp,+pid,+tid,+relay,+winsock,+file,+process,+loaddll";

    /** Stops itself until strace is attached, then execs wineserver ($0) in the foreground. */
    static final String SERVER_GATE = "kill -STOP $$; exec \"$0\" -f -p 1";
    /** Stops itself until strace is attached, then execs the wine loader ($1) with WINEDEBUG=$0 on the rest. */
    static final String PROGRAM_GATE = "kill -STOP $$; export WINEDEBUG=\"$0\"; exec \"$@\"";

    /**
     * $1 wineserver, $2 wine loader, $3 WINEDEBUG for the program, $4 the server directory's id
     * ({@code server-DEV-INODE} of the prefix, as Wine names it), then the program and its arguments.
     */
    static final String SUPERVISOR = String.join("\n",
            "srv=$1; wine=$2; dbg=$3; id=$4; shift 4",
            "sh -c '" + SERVER_GATE + "' \"$srv\" </dev/null >/dev/null 2>&1 &",
            "i=0",
            "while [ $i -lt 1500 ]; do",
            "  for s in /tmp/.wine-*/server-\"$id\"/socket /tmp/wine-*/server-\"$id\"/socket; do",
            "    [ -S \"$s\" ] && break 2",
            "  done",
            "  sleep 0.02; i=$((i + 1))",
            "done",
            "WINEDEBUG=-all \"$wine\" cmd /c exit </dev/null >/dev/null 2>&1",
            "sh -c '" + PROGRAM_GATE + "' \"$dbg\" \"$wine\" \"$@\"",
            "code=$?",
            "WINEDEBUG=-all \"$srv\" -k",
            "wait",
            "exit $code");

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
        return "Windows PE: " + wine + " with wineserver, traced by strace";
    }

    @Override
    public Map<String, Path> tools() {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("wine", wine);
        m.put("strace", strace);
        return m;
    }

    /**
     * The prefix: hard-linked from the template when isolated (bubblewrap drops every capability, so the
     * template's read-only files cannot be written through the links), a full copy without isolation (root writes
     * read-only files, and wineserver opens the registry files for writing in place: a link would let it rewrite
     * the shared template).
     */
    @Override
    public void prepare(Path runDir, boolean isolated) throws IOException, SandboxException {
        template.ensure(hostTools);
        if (isolated) {
            template.linkInto(runDir.resolve("prefix"));
        } else {
            template.copyInto(runDir.resolve("prefix"));
        }
    }

    @Override
    public void afterKill(Path runDir) {
        ProcessBuilder pb = new ProcessBuilder(List.of(wineserver.toString(), "-k"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().put("WINEPREFIX", runDir.resolve("prefix").toString());
        pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        try {
            Process p = pb.start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (IOException e) {
            // wineserver is gone with the prefix: nothing left to end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wine's name for the server directory of a prefix: {@code %llx-%llx} of the prefix's device and inode. */
    static String serverId(Path prefix) throws IOException {
        long dev = ((Number) Files.getAttribute(prefix, "unix:dev")).longValue();
        long ino = ((Number) Files.getAttribute(prefix, "unix:ino")).longValue();
        return Long.toHexString(dev) + "-" + Long.toHexString(ino);
    }

    @Override
    public Launch launch(String program, List<String> args, String runDir, String logDir, Path hostRunDir)
            throws SandboxException {
        String id;
        try {
            id = serverId(hostRunDir.resolve("prefix"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new SandboxException("cannot read the run's Wine prefix: " + e.getMessage(), e);
        }
        List<String> c = new ArrayList<>(List.of("/bin/sh", "-c", SUPERVISOR, "crosslens-wine",
                wineserver.toString(), wine.toString(), WINEDEBUG, id, program));
        c.addAll(args);
        // winedbg.exe disabled: a crash ends the program instead of starting Wine's debugger (another process,
        // which would also show as the program's)
        Map<String, String> env = Map.of("WINEPREFIX", runDir + "/prefix", "WINEDLLOVERRIDES",
                "mscoree,mshtml=;winedbg.exe=d", "WINEARCH", "win64");
        List<Launch.Gate> gates = List.of(
                new Launch.Gate(SERVER_GATE, "wineserver.strace",
                        List.of(new Launch.Stage(wineserver.toString(), null, Launch.ProcessRole.WINE_SERVER))),
                new Launch.Gate(PROGRAM_GATE, "program.strace",
                        List.of(new Launch.Stage(wine.toString(), program, Launch.ProcessRole.PROGRAM))));
        return new Launch(c, env, Launch.Trace.GATES, Launch.StderrRoute.WINEDEBUG, List.of(), null, gates);
    }
}
