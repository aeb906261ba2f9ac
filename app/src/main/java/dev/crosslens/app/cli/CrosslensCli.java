package dev.crosslens.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Set;

/** The headless side: {@code crosslens analyze|diff|check|graph|run|trace ...}. Exit 0 ok, 1 failure, 2 usage. */
@Command(name = "crosslens", mixinStandardHelpOptions = true, version = "crosslens " + CrosslensCli.VERSION,
        description = "Reads ELF, PE/COFF, Mach-O and ar files and tells what they are, need and do.",
        subcommands = {AnalyzeCommand.class, DiffCommand.class, CheckCommand.class, ResolveCommand.class,
                GraphCommand.class})
public final class CrosslensCli implements Runnable {
    public static final String VERSION = "0.1.0";
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    private static final Set<String> HEADLESS = Set.of("-h", "--help", "-V", "--version");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** True when the arguments name a subcommand (or help/version), i.e. no window should open. */
    public static boolean isCliInvocation(String[] args) {
        if (args.length == 0) return false;
        CommandLine cl = new CommandLine(new CrosslensCli());
        return cl.getSubcommands().containsKey(args[0]) || HEADLESS.contains(args[0]);
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new CrosslensCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
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
