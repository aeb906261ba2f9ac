package dev.crosslens.parsers.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs inside the sandbox (its own PID namespace) for {@link WineRunner}: the notes' recipe with argument lists.
 * <ol>
 *   <li>{@code strace ... -o TRACE/wineserver.strace wineserver -f -p 1} (foreground, traced separately);</li>
 *   <li>waits for the server socket, then {@code wine64 cmd /c exit} with {@code WINEDEBUG=-all} (warm-up: the
 *       prefix's services start here, outside the program's trace);</li>
 *   <li>{@code strace ... -o TRACE/program.strace wine64 PROGRAM ARGS} with the WINEDEBUG channels, stdio
 *       passed through;</li>
 *   <li>{@code wineserver -k}, then exits with the program's exit status.</li>
 * </ol>
 * Usage: {@code WineSupervisor STRACE WINE WINESERVER TRACEDIR TRACE_EXPR WINEDEBUG PROGRAM [ARGS...]}.
 * Messages go to TRACEDIR/supervisor.log. The time limit is enforced from outside by killing the namespace.
 */
public final class WineSupervisor {
    private WineSupervisor() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length < 7) {
            System.err.println("usage: WineSupervisor STRACE WINE WINESERVER TRACEDIR TRACE_EXPR WINEDEBUG PROGRAM [ARGS...]");
            System.exit(2);
        }
        String strace = argv[0];
        String wine = argv[1];
        String wineserver = argv[2];
        Path traceDir = Path.of(argv[3]);
        String expr = argv[4];
        String winedebug = argv[5];
        List<String> program = Arrays.asList(argv).subList(6, argv.length);
        Path log = traceDir.resolve("supervisor.log");
        Files.writeString(log, "");

        List<String> srv = new ArrayList<>(StraceCommand.options(Path.of(strace), expr,
                traceDir.resolve("wineserver.strace").toString()));
        srv.addAll(List.of(wineserver, "-f", "-p", "1"));
        Process server = start(srv, "-all", ProcessBuilder.Redirect.appendTo(log.toFile()), log);
        waitForSocket(log);

        Process warm = start(List.of(wine, "cmd", "/c", "exit"), "-all", ProcessBuilder.Redirect.appendTo(log.toFile()), log);
        if (!warm.waitFor(60, TimeUnit.SECONDS)) note(log, "warm-up still running after 60 s");
        note(log, "warm-up exit " + (warm.isAlive() ? "running" : warm.exitValue()));

        List<String> run = new ArrayList<>(StraceCommand.options(Path.of(strace), expr,
                traceDir.resolve("program.strace").toString()));
        run.add(wine);
        run.addAll(program);
        ProcessBuilder pb = new ProcessBuilder(run).inheritIO();
        pb.environment().put("WINEDEBUG", winedebug);
        Process prog = pb.start();
        int code = prog.waitFor();
        note(log, "program exit " + code);

        Process kill = start(List.of(wineserver, "-k"), "-all", ProcessBuilder.Redirect.appendTo(log.toFile()), log);
        kill.waitFor(10, TimeUnit.SECONDS);
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            note(log, "wineserver did not stop: killing it");
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
        System.exit(code);
    }

    private static Process start(List<String> cmd, String winedebug, ProcessBuilder.Redirect out, Path log)
            throws IOException {
        note(log, "start " + cmd);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().put("WINEDEBUG", winedebug);
        return pb.start();
    }

    /** The server's socket appears as /tmp/.wine-UID/server-DEV-INODE/socket (/tmp/wine-XXXXXX/... for root). */
    private static void waitForSocket(Path log) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Path tmp = Path.of("/tmp");
        while (System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.walk(tmp, 3)) {
                if (s.anyMatch(p -> p.getFileName() != null && p.getFileName().toString().equals("socket")
                        && p.getParent().getFileName().toString().startsWith("server-"))) {
                    return;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // a directory vanished while walking: look again
            }
            Thread.sleep(20);
        }
        note(log, "no wineserver socket after 15 s; continuing");
    }

    private static void note(Path log, String s) throws IOException {
        Files.writeString(log, s + "\n", java.nio.file.StandardOpenOption.APPEND);
    }
}
