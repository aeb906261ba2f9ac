package dev.crosslens.app.trace;

import dev.crosslens.model.ImageCore;
import dev.crosslens.model.trace.RunLimits;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.parsers.sandbox.Runner;
import dev.crosslens.parsers.sandbox.RunRequest;
import dev.crosslens.parsers.sandbox.RunnerKind;
import dev.crosslens.parsers.sandbox.Sandbox;
import dev.crosslens.parsers.sandbox.SandboxException;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The Run dialog's state: arguments, environment, working files, time limit, runner, syscall classes, isolation
 * and recording; the runner the sandbox would pick (or why it refuses) is worked out off the FX thread whenever
 * the runner choice changes.
 */
public final class RunDialogViewModel {
    private final Path binary;
    private final Sandbox sandbox;
    private final Executor background;
    private final StringProperty arguments = new SimpleStringProperty("");
    private final StringProperty environment = new SimpleStringProperty("");
    private final ObservableList<Path> workingFiles = FXCollections.observableArrayList();
    private final IntegerProperty timeoutSeconds = new SimpleIntegerProperty(10);
    private final ObjectProperty<RunnerKind> runner = new SimpleObjectProperty<>(RunnerKind.AUTO);
    private final ObservableSet<TraceCategory> classes = FXCollections.observableSet(EnumSet.noneOf(TraceCategory.class));
    private final BooleanProperty isolated = new SimpleBooleanProperty(true);
    private final ObjectProperty<Path> record = new SimpleObjectProperty<>();
    private final SimpleStringProperty plan = new SimpleStringProperty("working out the runner …");
    private final SimpleBooleanProperty runnable = new SimpleBooleanProperty(false);
    private final SimpleStringProperty isolationText = new SimpleStringProperty();
    private long planGeneration;

    public RunDialogViewModel(Path binary, Sandbox sandbox, Executor background) {
        this.binary = binary;
        this.sandbox = sandbox;
        this.background = background;
        runner.addListener((o, a, b) -> replan());
        isolated.addListener((o, a, b) -> isolationText.set(isolationText(b)));
        isolationText.set(isolationText(true));
        replan();
    }

    static String isolationText(boolean on) {
        return on ? "Isolated by bubblewrap: no network (loopback only, host listeners unreachable), own PID namespace, "
                + "read-only root, writable run dir only, scrubbed environment, whole tree killed at the limit."
                : "NOT isolated: the program can reach the network and write wherever you can. Use only for "
                + "programs you trust.";
    }

    private void replan() {
        long gen = ++planGeneration;
        RunnerKind kind = runner.get();
        plan.set("working out the runner …");
        runnable.set(false);
        background.execute(() -> {
            String text;
            boolean ok;
            try {
                ImageCore core = Sandbox.read(binary);
                Runner r = sandbox.plan(core, request(kind));
                text = "Runner: " + r.name() + " — " + r.description();
                ok = true;
            } catch (SandboxException e) {
                text = "Cannot run: " + e.getMessage();
                ok = false;
            }
            String t = text;
            boolean k = ok;
            Platform.runLater(() -> {
                if (gen != planGeneration) return; // a newer choice is being worked out
                plan.set(t);
                runnable.set(k);
            });
        });
    }

    /** The request as filled in. */
    public RunRequest request() {
        return request(runner.get());
    }

    private RunRequest request(RunnerKind kind) {
        return new RunRequest(binary, splitArguments(arguments.get()), parseEnvironment(environment.get()),
                new ArrayList<>(workingFiles), kind, EnumSet.copyOf(classes.isEmpty() ? EnumSet.noneOf(TraceCategory.class) : classes),
                RunLimits.defaults().withTimeoutMillis(Math.max(1, timeoutSeconds.get()) * 1000L), isolated.get(),
                record.get(), null, false);
    }

    /** Splits like a shell without running one: spaces separate, double or single quotes group. */
    static List<String> splitArguments(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) return out;
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0; else cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (cur.length() > 0 || any) out.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0 || any) out.add(cur.toString());
        return out;
    }

    /** One K=V per line; blank lines and lines without '=' are ignored. */
    static Map<String, String> parseEnvironment(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        if (s == null) return m;
        for (String line : s.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.put(line.substring(0, eq).trim(), line.substring(eq + 1));
        }
        return m;
    }

    public Path binary() { return binary; }
    public StringProperty argumentsProperty() { return arguments; }
    public StringProperty environmentProperty() { return environment; }
    public ObservableList<Path> workingFiles() { return workingFiles; }
    public IntegerProperty timeoutSecondsProperty() { return timeoutSeconds; }
    public ObjectProperty<RunnerKind> runnerProperty() { return runner; }
    public ObservableSet<TraceCategory> classes() { return classes; }
    public BooleanProperty isolatedProperty() { return isolated; }
    public ObjectProperty<Path> recordProperty() { return record; }
    public ReadOnlyStringProperty planProperty() { return plan; }
    public ReadOnlyBooleanProperty runnableProperty() { return runnable; }
    public ReadOnlyStringProperty isolationTextProperty() { return isolationText; }
}
