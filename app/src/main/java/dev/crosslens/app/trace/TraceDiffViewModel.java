package dev.crosslens.app.trace;

import dev.crosslens.app.control.Plural;
import dev.crosslens.model.trace.TraceDiff;
import dev.crosslens.model.trace.TraceSession;
import dev.crosslens.parsers.trace.TraceDiffer;
import dev.crosslens.parsers.trace.TraceSessionReader;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** Two sessions compared off the FX thread: the fact lists (added/gone) and the aligned event sequence. */
public final class TraceDiffViewModel {
    /** One line of a fact list: "+ files: $RUN/new". */
    public record Fact(boolean added, String kind, String value) {
    }

    private final Executor background;
    private final ObservableList<Fact> facts = FXCollections.observableArrayList();
    private final ObservableList<TraceDiff.Step> steps = FXCollections.observableArrayList();
    private final SimpleStringProperty status = new SimpleStringProperty("choose two sessions");
    private final SimpleObjectProperty<TraceDiff> diff = new SimpleObjectProperty<>();
    private long generation;

    public TraceDiffViewModel(Executor background) {
        this.background = background;
    }

    public void compare(Path left, Path right) {
        long gen = ++generation;
        status.set("reading " + left.getFileName() + " and " + right.getFileName() + " …");
        background.execute(() -> {
            try {
                TraceSessionReader r = new TraceSessionReader();
                TraceSession a = r.read(left);
                TraceSession b = r.read(right);
                TraceDiff d = new TraceDiffer().diff(a, b);
                String note = (a.brokenAt() != null ? " (" + left.getFileName() + " breaks at " + a.brokenAt() + ")" : "")
                        + (b.brokenAt() != null ? " (" + right.getFileName() + " breaks at " + b.brokenAt() + ")" : "");
                Platform.runLater(() -> publish(gen, d, left.getFileName() + " → " + right.getFileName() + note));
            } catch (IOException e) {
                Platform.runLater(() -> {
                    if (gen == generation) status.set("cannot compare: " + e.getMessage());
                });
            }
        });
    }

    /** Shows a diff already computed (on the FX thread). */
    public void show(TraceDiff d, String title) {
        publish(++generation, d, title);
    }

    private void publish(long gen, TraceDiff d, String title) {
        if (gen != generation) return;
        List<Fact> fs = new ArrayList<>();
        add(fs, true, "file", d.filesAdded());
        add(fs, false, "file", d.filesGone());
        add(fs, true, "endpoint", d.endpointsAdded());
        add(fs, false, "endpoint", d.endpointsGone());
        add(fs, true, "process", d.processesAdded());
        add(fs, false, "process", d.processesGone());
        add(fs, true, "API", d.apisAdded());
        add(fs, false, "API", d.apisGone());
        facts.setAll(fs);
        steps.setAll(d.alignment());
        diff.set(d);
        long changed = d.alignment().stream().filter(s -> s.op() != TraceDiff.Op.SAME).count();
        status.set(title + ": " + (fs.size() == 1 ? "1 fact differs, " : fs.size() + " facts differ, ") + changed + " of "
                + Plural.of(d.alignment().size(), "aligned event", "aligned events") + " differ" + (d.alignmentBounded() ? " (alignment cut: too long)" : ""));
    }

    private static void add(List<Fact> out, boolean added, String kind, List<String> values) {
        for (String v : values) out.add(new Fact(added, kind, v));
    }

    public ObservableList<Fact> facts() { return facts; }
    public ObservableList<TraceDiff.Step> steps() { return steps; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    public ReadOnlyObjectProperty<TraceDiff> diffProperty() { return diff; }
}
