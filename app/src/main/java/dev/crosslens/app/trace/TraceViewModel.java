package dev.crosslens.app.trace;

import dev.crosslens.app.control.Plural;
import dev.crosslens.model.trace.OutputChunk;
import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.SessionHeader;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSession;
import dev.crosslens.parsers.sandbox.RunListener;
import dev.crosslens.parsers.sandbox.RunRequest;
import dev.crosslens.parsers.sandbox.Sandbox;
import dev.crosslens.parsers.sandbox.SandboxException;
import dev.crosslens.parsers.sandbox.SandboxRun;
import dev.crosslens.parsers.trace.TraceFacts;
import dev.crosslens.parsers.trace.TraceSessionReader;
import dev.crosslens.parsers.trace.TraceStatistics;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The live trace: events arrive on the runner's threads into a concurrent queue and are moved into the
 * observable lists in batches by {@link #drain(int)}, which the view calls on every pulse (an AnimationTimer) on
 * the FX thread. Recorded sessions are reopened through the same queue. Filter and search narrow
 * {@link #visibleEvents()}; statistics (calls and errors per name, files, endpoints, processes, risk) follow every
 * batch. No {@code javafx.scene} here: the view owns the pulse and the nodes.
 */
public final class TraceViewModel {
    /** One row of the statistics table. */
    public record CallRow(String name, long calls, long errors, long totalMicros) {
    }

    /** One process of the tree. */
    public record ProcessRow(int pid, int parent, String name, long events) {
    }

    private final Sandbox sandbox;
    private final Executor background;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    /** The queue's length (ConcurrentLinkedQueue.size() walks the whole queue). */
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    private final TimelineBins timeline = new TimelineBins();
    /** While a run goes the statistics lists are rebuilt at most this often (they do not need every frame). */
    private static final long PUBLISH_NANOS = 250_000_000L;
    private long lastPublish;
    private long publishedFiles = -1;
    private boolean statsPending;
    private final ObservableList<TraceEvent> events = FXCollections.observableArrayList();
    private final FilteredList<TraceEvent> visible = new FilteredList<>(events, e -> true);
    private final ObservableList<CallRow> calls = FXCollections.observableArrayList();
    private final ObservableList<String> files = FXCollections.observableArrayList();
    private final ObservableList<String> endpoints = FXCollections.observableArrayList();
    private final ObservableList<String> spawned = FXCollections.observableArrayList();
    private final ObservableList<String> risks = FXCollections.observableArrayList();
    private final ObservableList<ProcessRow> processes = FXCollections.observableArrayList();
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<TraceCategory> category = new SimpleObjectProperty<>();
    private final ObjectProperty<RiskLevel> minRisk = new SimpleObjectProperty<>(RiskLevel.NONE);
    private final BooleanProperty errorsOnly = new SimpleBooleanProperty(false);
    private final StringProperty stdout = new SimpleStringProperty("");
    private final StringProperty stderr = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("idle");
    private final StringProperty title = new SimpleStringProperty("");
    private final SimpleBooleanProperty running = new SimpleBooleanProperty(false);
    private final SimpleObjectProperty<SessionHeader> header = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<SessionFooter> footer = new SimpleObjectProperty<>();
    private final LongProperty endMicros = new SimpleLongProperty(0);
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final java.util.HashMap<Integer, Long> perPid = new java.util.HashMap<>();
    private TraceStatistics stats = new TraceStatistics();
    private volatile SandboxRun run;
    private long generation;
    private long lastDrainNanos;
    private int lastDrainCount;

    private record Reset(long generation) {
    }

    private record Header(SessionHeader header) {
    }

    private record Footer(SessionFooter footer) {
    }

    private record Failure(String message) {
    }

    private record Opened(TraceSession session, String name) {
    }

    /**
     * @param sandbox    starts runs ({@code new Sandbox()} in the app)
     * @param background runs blocking work (starting a run, reading a session), never the FX thread
     */
    public TraceViewModel(Sandbox sandbox, Executor background) {
        this.sandbox = sandbox;
        this.background = background;
        filterText.addListener((o, a, b) -> refilter());
        category.addListener((o, a, b) -> refilter());
        minRisk.addListener((o, a, b) -> refilter());
        errorsOnly.addListener((o, a, b) -> refilter());
    }

    /** Starts a run; its events come through the queue. Commands are called on the FX thread. */
    public void start(RunRequest request) {
        stop();
        long gen = ++generation;
        enqueue(new Reset(gen));
        running.set(true);
        status.set("starting " + request.binary().getFileName() + " …");
        title.set(request.binary().getFileName().toString());
        RunListener listener = new RunListener() {
            @Override
            public void started(SessionHeader h) {
                enqueue(new Header(h));
            }

            @Override
            public void event(TraceEvent e) {
                enqueue(e);
            }

            @Override
            public void output(OutputChunk c) {
                enqueue(c);
            }

            @Override
            public void finished(SessionFooter f) {
                enqueue(new Footer(f));
            }
        };
        background.execute(() -> {
            try {
                run = sandbox.start(request, listener);
            } catch (SandboxException | IOException e) {
                enqueue(new Failure(e.getMessage()));
            }
        });
    }

    /** Reopens a recorded session (a cut one too: the status says where it broke). */
    public void open(Path session) {
        stop();
        enqueue(new Reset(++generation));
        status.set("reading " + session.getFileName() + " …");
        title.set(session.getFileName().toString());
        background.execute(() -> {
            try {
                enqueue(new Opened(new TraceSessionReader().read(session), session.getFileName().toString()));
            } catch (IOException e) {
                enqueue(new Failure("cannot open " + session + ": " + e.getMessage()));
            }
        });
    }

    /** Shows a session already in memory. */
    public void show(TraceSession session, String name) {
        stop();
        enqueue(new Reset(++generation));
        title.set(name);
        enqueue(new Opened(session, name));
    }

    /** Stops the running program (the whole process tree). */
    public void stop() {
        SandboxRun r = run;
        if (r != null) {
            run = null;
            background.execute(r::stop);
        }
    }

    /**
     * Moves up to {@code max} queued items into the lists; call on the FX thread on each pulse.
     *
     * @return the number of events moved
     */
    public int drain(int max) {
        return drain(max, Long.MAX_VALUE);
    }

    /**
     * Moves queued items into the lists until {@code max} events or {@code budgetNanos} have been spent (checked
     * every 256 events), so one pulse does a bounded amount of work; what is left waits for the next pulse. The
     * statistics lists are rebuilt after a batch at most every 250 ms while a run goes, and at once when the
     * queue is empty otherwise (a reopened session, the end of a run).
     *
     * @return the number of events moved
     */
    public int drain(int max, long budgetNanos) {
        long t0 = System.nanoTime();
        List<TraceEvent> batch = new ArrayList<>();
        int moved = 0;
        boolean outputChanged = false;
        Object o;
        while (moved < max && (o = poll()) != null) {
            if (o instanceof TraceEvent e) {
                batch.add(e);
                moved++;
                if ((moved & 255) == 0 && System.nanoTime() - t0 > budgetNanos) break;
            } else if (o instanceof OutputChunk c) {
                (c.stream() == OutputChunk.Stream.STDOUT ? out : err).append(c.text());
                outputChanged = true;
            } else {
                flush(batch);
                batch.clear();
                control(o);
                outputChanged = true;
            }
        }
        if (!batch.isEmpty()) flush(batch);
        if (outputChanged) {
            stdout.set(out.toString());
            stderr.set(err.toString());
        }
        long now = System.nanoTime();
        if (statsPending && (now - lastPublish >= PUBLISH_NANOS || (!running.get() && queued.get() == 0))) {
            publishStats();
        }
        lastDrainNanos = System.nanoTime() - t0;
        lastDrainCount = moved;
        return moved;
    }

    private void flush(List<TraceEvent> batch) {
        if (batch.isEmpty()) return;
        long end = endMicros.get();
        for (TraceEvent e : batch) {
            stats.add(e);
            perPid.merge(e.pid(), 1L, Long::sum);
            timeline.add(e.pid(), e.timeMicros(), e.category());
            if (e.timeMicros() > end) end = e.timeMicros();
        }
        endMicros.set(end);
        events.addAll(batch);
        statsPending = true;
    }

    private void control(Object o) {
        if (o instanceof Reset) {
            events.clear();
            stats = new TraceStatistics();
            perPid.clear();
            timeline.clear();
            publishedFiles = -1;
            out.setLength(0);
            err.setLength(0);
            header.set(null);
            footer.set(null);
            endMicros.set(0);
            publishStats();
        } else if (o instanceof Header h) {
            header.set(h.header());
            status.set("running under " + h.header().runner() + (h.header().isolated() ? " (isolated)" : " (NOT isolated)"));
        } else if (o instanceof Footer f) {
            footer.set(f.footer());
            running.set(false);
            run = null;
            status.set(f.footer().message() + " — " + Plural.of(events.size(), "event", "events"));
        } else if (o instanceof Failure f) {
            running.set(false);
            run = null;
            status.set(f.message());
        } else if (o instanceof Opened op) {
            TraceSession s = op.session();
            header.set(s.header());
            flush(s.events());
            for (OutputChunk c : s.output()) (c.stream() == OutputChunk.Stream.STDOUT ? out : err).append(c.text());
            footer.set(s.footer());
            publishStats();
            String end = s.footer() != null ? s.footer().message() : "no footer";
            status.set(op.name() + ": " + Plural.of(s.events().size(), "event", "events") + ", " + end
                    + (s.brokenAt() != null ? "; file breaks at " + s.brokenAt() : ""));
        }
    }

    private void publishStats() {
        statsPending = false;
        lastPublish = System.nanoTime();
        if (running.get()) status.set("running: " + Plural.of(events.size(), "event", "events"));
        List<CallRow> rows = new ArrayList<>();
        stats.byName().forEach((k, v) -> rows.add(new CallRow(k, v.calls(), v.errors(), v.totalMicros())));
        rows.sort((a, b) -> Long.compare(b.calls(), a.calls()));
        calls.setAll(rows);
        if (stats.filesVersion() != publishedFiles) {
            // thousands of files: rebuilt only when one was added or touched in a new way
            publishedFiles = stats.filesVersion();
            List<String> f = new ArrayList<>(stats.files().size());
            stats.files().forEach((p, op) -> f.add(op + "  " + p));
            files.setAll(f);
        }
        List<String> ep = new ArrayList<>();
        stats.endpoints().forEach((k, v) -> ep.add(k + "  (" + v + ")"));
        endpoints.setAll(ep);
        spawned.setAll(stats.spawned());
        List<String> r = new ArrayList<>();
        for (TraceStatistics.RiskRow row : stats.riskSummary()) {
            r.add(row.count() + " × " + row.level().label() + ": " + row.reason());
        }
        risks.setAll(r);
        List<ProcessRow> ps = new ArrayList<>();
        for (Map.Entry<Integer, TraceStatistics.ProcessNode> en : stats.processes().entrySet()) {
            TraceStatistics.ProcessNode n = en.getValue();
            ps.add(new ProcessRow(n.pid(), n.parent(), n.name(), perPid.getOrDefault(n.pid(), 0L)));
        }
        processes.setAll(ps);
    }

    private void refilter() {
        String q = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        TraceCategory c = category.get();
        RiskLevel r = minRisk.get() == null ? RiskLevel.NONE : minRisk.get();
        boolean eo = errorsOnly.get();
        Predicate<TraceEvent> p = e -> (c == null || e.category() == c)
                && e.risk().ordinal() >= r.ordinal()
                && (!eo || e.failed())
                && (q.isEmpty() || matches(e, q));
        visible.setPredicate(p);
    }

    /** Search: name, origin, arguments, result, errno, Windows API, note, path and endpoint. */
    static boolean matches(TraceEvent e, String q) {
        if (e.name().toLowerCase(Locale.ROOT).contains(q) || e.origin().toLowerCase(Locale.ROOT).contains(q)) return true;
        if (e.windowsApi() != null && e.windowsApi().toLowerCase(Locale.ROOT).contains(q)) return true;
        if (e.errno() != null && e.errno().toLowerCase(Locale.ROOT).contains(q)) return true;
        if (e.note().toLowerCase(Locale.ROOT).contains(q)) return true;
        String ep = TraceFacts.endpoint(e);
        if (ep != null && ep.contains(q)) return true;
        for (String a : e.arguments()) {
            if (a.toLowerCase(Locale.ROOT).contains(q)) return true;
        }
        return false;
    }

    public ObservableList<TraceEvent> events() { return events; }
    public ObservableList<TraceEvent> visibleEvents() { return visible; }
    public ObservableList<CallRow> calls() { return calls; }
    public ObservableList<String> files() { return files; }
    public ObservableList<String> endpoints() { return endpoints; }
    public ObservableList<String> spawned() { return spawned; }
    public ObservableList<String> risks() { return risks; }
    public ObservableList<ProcessRow> processes() { return processes; }
    public StringProperty filterTextProperty() { return filterText; }
    public ObjectProperty<TraceCategory> categoryProperty() { return category; }
    public ObjectProperty<RiskLevel> minRiskProperty() { return minRisk; }
    public BooleanProperty errorsOnlyProperty() { return errorsOnly; }
    public ReadOnlyStringProperty stdoutProperty() { return stdout; }
    public ReadOnlyStringProperty stderrProperty() { return stderr; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    public ReadOnlyStringProperty titleProperty() { return title; }
    public ReadOnlyBooleanProperty runningProperty() { return running; }
    public ReadOnlyObjectProperty<SessionHeader> headerProperty() { return header; }
    public ReadOnlyObjectProperty<SessionFooter> footerProperty() { return footer; }
    public LongProperty endMicrosProperty() { return endMicros; }
    public RiskLevel maxRisk() { return stats.maxRisk(); }
    public int queued() { return queued.get(); }
    /** Nanoseconds the last {@link #drain(int)} took, and how many events it moved (for the benchmark). */
    public long lastDrainNanos() { return lastDrainNanos; }
    public int lastDrainCount() { return lastDrainCount; }

    /** Test and benchmark hook: queue events as a runner would, from any thread. */
    public void offer(TraceEvent e) {
        enqueue(e);
    }

    private void enqueue(Object o) {
        queue.add(o);
        queued.incrementAndGet();
    }

    private Object poll() {
        Object o = queue.poll();
        if (o != null) queued.decrementAndGet();
        return o;
    }

    /** The timeline's data, kept as events arrive. */
    public TimelineBins timeline() {
        return timeline;
    }
}
