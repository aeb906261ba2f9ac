package dev.crosslens.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** The headless side: {@code crosslens analyze|diff|check|graph|run|trace ...}. Exit 0 ok, 1 failure, 2 usage. */
@Command(name = "crosslens", mixinStandardHelpOptions = true, version = "crosslens " + CrosslensCli.VERSION,
        description = "Reads ELF, PE/COFF, Mach-O and ar files and tells what they are, need and do.")
public final class CrosslensCli implements Runnable {
    public static final String VERSION = "0.1.0";
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    /** What a shell reports for a program killed by SIGPIPE (128 + 13): the JVM ignores the signal itself. */
    static final int EXIT_BROKEN_PIPE = 141;

    private static final Set<String> HEADLESS = Set.of("-h", "--help", "-V", "--version");

    /**
     * The subcommands in the order {@code --help} lists them. picocli builds a command's model by reflection when
     * it is added (about 20 ms each on a cold JVM), so a run adds only the one it names; help and errors add all.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(AnalyzeCommand.class, DiffCommand.class,
            CheckCommand.class, ResolveCommand.class, GraphCommand.class, RunCommand.class, TraceCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where commands that write bytes (the analysis JSON) write them: stdout itself, or the out writer decoded. */
    private final OutputStream bytesOut;

    private CrosslensCli(OutputStream bytesOut) {
        this.bytesOut = bytesOut;
    }

    /** The standard output as bytes; flush {@code getOut()} before writing here. */
    OutputStream bytesOut() {
        return bytesOut;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static boolean isBrokenPipe(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException && t.getMessage() != null && t.getMessage().contains("Broken pipe")) {
                return true;
            }
        }
        return false;
    }

    /** True when the arguments name a subcommand (or help/version), i.e. no window should open. */
    public static boolean isCliInvocation(String[] args) {
        return args.length > 0 && (subcommand(args[0]) != null || HEADLESS.contains(args[0]));
    }

    private static Class<?> subcommand(String name) {
        for (Class<?> c : SUBCOMMANDS) {
            if (c.getAnnotation(Command.class).name().equals(name)) return c;
        }
        return null;
    }

    /** The process's own streams: bytes go to file descriptor 1 through one large buffer. */
    public static int run(String[] args) {
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        int code = run(args, out, new PrintWriter(System.err, true), stdout);
        out.flush(); // what a command printed without a newline
        return code;
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, new DecodingOutputStream(out));
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err, OutputStream bytesOut) {
        CommandLine cl = new CommandLine(new CrosslensCli(bytesOut));
        Class<?> named = args.length == 0 ? null : subcommand(args[0]);
        for (Class<?> c : named != null ? List.<Class<?>>of(named) : SUBCOMMANDS) {
            cl.addSubcommand(c.getAnnotation(Command.class).name(), c);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (isBrokenPipe(ex)) return EXIT_BROKEN_PIPE; // `crosslens analyze --json x | head`: the reader left
            err.println("crosslens: " + ex.getMessage());
            return EXIT_FAILED;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("crosslens: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return EXIT_USAGE;
        });
        return cl.execute(args);
    }
}
