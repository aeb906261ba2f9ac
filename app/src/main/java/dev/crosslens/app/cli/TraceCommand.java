package dev.crosslens.app.cli;

import dev.crosslens.model.trace.OutputChunk;
import dev.crosslens.model.trace.SessionHeader;
import dev.crosslens.model.trace.TraceDiff;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSession;
import dev.crosslens.parsers.report.JsonSupport;
import dev.crosslens.parsers.trace.TraceDiffer;
import dev.crosslens.parsers.trace.TraceSessionReader;
import dev.crosslens.parsers.trace.TraceSessionWriter;
import dev.crosslens.parsers.trace.TraceStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code crosslens trace show|export|diff}: reads recorded sessions (cut ones too). Exit 2 when a session cannot be
 * opened (missing, unreadable, no header); diff exits 1 when the sessions differ.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, description = "Show, export and diff recorded sessions.",
        subcommands = {TraceCommand.Show.class, TraceCommand.Export.class, TraceCommand.Diff.class})
final class TraceCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A session that cannot be opened (missing, unreadable, not a session): a usage error, said plainly. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    static TraceSession open(Path p, PrintWriter err) throws Unreadable {
        TraceSession s;
        try {
            s = new TraceSessionReader().read(p);
        } catch (IOException e) {
            throw new Unreadable(CliErrors.describe(e));
        }
        if (s.brokenAt() != null) err.println("crosslens: " + p + ": session breaks at " + s.brokenAt()
                + "; showing the " + s.events().size() + " events before it");
        return s;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Header, statistics and notable events.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "SESSION")
        Path file;

        @Option(names = "--events", description = "print every event")
        boolean events;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            TraceSession s;
            try {
                s = open(file, spec.commandLine().getErr());
            } catch (Unreadable e) {
                spec.commandLine().getErr().println("crosslens trace show: " + e.getMessage());
                return CrosslensCli.EXIT_USAGE;
            }
            SessionHeader h = s.header();
            out.println("binary:  " + h.binaryPath() + " (sha256 " + h.binarySha256() + ")");
            out.println("runner:  " + h.runner() + " — " + h.description() + (h.isolated() ? ", isolated" : ", NOT isolated"));
            out.println("args:    " + h.arguments());
            out.println("started: " + Instant.ofEpochMilli(h.startEpochMillis()) + ", limit " + h.limits().timeoutMillis() + " ms");
            h.toolVersions().forEach((k, v) -> out.println("tool:    " + k + ": " + v));
            TraceStatistics st = new TraceStatistics();
            st.addAll(s.events());
            TraceText.Shown shown = new TraceText.Shown();
            for (TraceEvent e : s.events()) {
                if (shown.offer(e, events)) out.println(TraceText.event(e));
            }
            shown.report(out, "--events");
            out.println("----");
            TraceText.statistics(out, st);
            String so = s.text(OutputChunk.Stream.STDOUT);
            if (!so.isEmpty()) out.println("stdout:\n" + so.stripTrailing());
            String se = s.text(OutputChunk.Stream.STDERR);
            if (!se.isEmpty()) out.println("stderr:\n" + TraceText.clip(se.stripTrailing(), 4000));
            TraceText.footer(out, s.footer());
            out.flush();
            return s.brokenAt() == null || s.footer() != null ? CrosslensCli.EXIT_OK : CrosslensCli.EXIT_FAILED;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the session as JSON lines (header, events, output, footer) to stdout or a file.")
    static final class Export implements Callable<Integer> {
        @Parameters(paramLabel = "SESSION")
        Path file;

        @Option(names = {"-o", "--output"}, description = "write here instead of stdout")
        Path output;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            TraceSession s;
            try {
                s = open(file, spec.commandLine().getErr());
            } catch (Unreadable e) {
                spec.commandLine().getErr().println("crosslens trace export: " + e.getMessage());
                return CrosslensCli.EXIT_USAGE;
            }
            Writer w = output != null ? new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8)
                    : spec.commandLine().getOut();
            TraceSessionWriter tw = TraceSessionWriter.to(w, s.header());
            for (TraceEvent e : s.events()) tw.event(e);
            for (OutputChunk c : s.output()) tw.output(c);
            if (s.footer() != null) tw.footer(s.footer()); else tw.flush();
            if (output != null) w.close();
            return CrosslensCli.EXIT_OK;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Compare two sessions: files, endpoints, processes, APIs, and the aligned event sequences.")
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "OLD")
        Path left;

        @Parameters(index = "1", paramLabel = "NEW")
        Path right;

        @Option(names = "--pretty", description = "with --json: indent the document for people (default: one line)")
        boolean pretty;

        @Option(names = "--json", description = "print the TraceDiff as JSON")
        boolean json;

        @Option(names = "--context", defaultValue = "0", description = "unchanged aligned events to print (default 0)")
        int context;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TraceDiff d;
            try {
                d = new TraceDiffer().diff(open(left, err), open(right, err));
            } catch (Unreadable e) {
                err.println("crosslens trace diff: " + e.getMessage());
                return CrosslensCli.EXIT_USAGE;
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("schema", "crosslens.trace-diff");
                doc.put("schemaVersion", 1);
                doc.put("old", left.toString());
                doc.put("new", right.toString());
                doc.put("diff", d);
                JsonSupport.write(out, doc, pretty);
            } else {
                section(out, "files added", d.filesAdded());
                section(out, "files gone", d.filesGone());
                section(out, "endpoints added", d.endpointsAdded());
                section(out, "endpoints gone", d.endpointsGone());
                section(out, "processes added", d.processesAdded());
                section(out, "processes gone", d.processesGone());
                section(out, "APIs added", d.apisAdded());
                section(out, "APIs gone", d.apisGone());
                int same = 0;
                out.println("aligned events (" + d.leftEvents() + " vs " + d.rightEvents() + " events"
                        + (d.alignmentBounded() ? ", alignment cut: too long/different" : "") + "):");
                for (TraceDiff.Step st : d.alignment()) {
                    if (st.op() == TraceDiff.Op.SAME) {
                        if (same++ < context) out.println("    " + st.key());
                    } else {
                        out.println((st.op() == TraceDiff.Op.ADDED ? "  + " : "  - ") + st.key());
                    }
                }
                out.println(d.identical() ? "no difference" : "");
            }
            out.flush();
            return d.identical() ? CrosslensCli.EXIT_OK : CrosslensCli.EXIT_FAILED;
        }

        private static void section(PrintWriter out, String title, List<String> items) {
            if (items.isEmpty()) return;
            out.println(title + ":");
            items.forEach(i -> out.println("  " + i));
        }
    }
}
