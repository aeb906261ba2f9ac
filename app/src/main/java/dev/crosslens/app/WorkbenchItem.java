package dev.crosslens.app;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import dev.crosslens.model.finding.Finding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One entry of the workspace tree: an opened file, or an image inside one (a fat Mach-O slice, an archive member).
 * Its state changes on the FX thread only; the {@link Workbench} drives it.
 */
public final class WorkbenchItem {
    /** Where an item is in its life. */
    public enum State { LOADING, LOADED, FAILED, CANCELLED }

    private final Path path;
    private final WorkbenchItem parent;
    private final String label;
    private final String scope;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.LOADING);
    private final ObjectProperty<BinaryFile> file = new SimpleObjectProperty<>();
    private final ObjectProperty<BinaryImage> image = new SimpleObjectProperty<>();
    private final ObjectProperty<LoadFailure> failure = new SimpleObjectProperty<>();
    private final ObjectProperty<ByteBuffer> bytes = new SimpleObjectProperty<>();
    private List<Finding> findings = List.of();
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<WorkbenchItem> children = FXCollections.observableArrayList();
    private int generation;
    private Runnable cancel = () -> { };
    private final java.util.List<Runnable> disposers = new java.util.ArrayList<>();

    WorkbenchItem(Path path) {
        this.path = path;
        this.parent = null;
        this.label = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        this.scope = "";
    }

    /**
     * @param scope where the image is in the file, as the findings engine names it ({@code slice arm64},
     *              {@code member foo.o}, nested ones joined by " / ")
     */
    WorkbenchItem(WorkbenchItem parent, String label, String scope, BinaryImage image) {
        this.path = parent.path;
        this.parent = parent;
        this.label = label;
        this.scope = scope;
        this.file.set(parent.file.get());
        this.bytes.set(parent.bytes.get());
        this.image.set(image);
        this.state.set(State.LOADED);
    }

    public Path path() {
        return path;
    }

    /** The file this item lives in: itself for a top-level item. */
    public WorkbenchItem root() {
        return parent == null ? this : parent.root();
    }

    public WorkbenchItem parent() {
        return parent;
    }

    public String label() {
        return label;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    public State state() {
        return state.get();
    }

    public ReadOnlyObjectProperty<BinaryFile> fileProperty() {
        return file;
    }

    public BinaryFile file() {
        return file.get();
    }

    public BinaryImage image() {
        return image.get();
    }

    public LoadFailure failure() {
        return failure.get();
    }

    /** The file's bytes (heap copy or read-only mapping), for the hex view; null until loaded. */
    public ByteBuffer bytes() {
        ByteBuffer b = bytes.get();
        return b == null ? null : b.duplicate();
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObservableList<WorkbenchItem> children() {
        return children;
    }

    int generation() {
        return generation;
    }

    int nextGeneration(Runnable cancelAction) {
        cancel.run();
        cancel = cancelAction;
        progress.unbind();
        message.unbind();
        state.set(State.LOADING);
        progress.set(-1);
        message.set("Reading " + label);
        return ++generation;
    }

    void cancel() {
        cancel.run();
    }

    /**
     * Runs {@code r} when this item's views go away: the file is closed or reloaded (views with workers, such as
     * the resolution graph, stop them here).
     */
    public void onDispose(Runnable r) {
        disposers.add(r);
    }

    /** Runs and forgets the dispose actions of this item and its children. */
    void dispose() {
        for (WorkbenchItem c : children) c.dispose();
        java.util.List<Runnable> run = new java.util.ArrayList<>(disposers);
        disposers.clear();
        for (Runnable r : run) r.run();
    }

    /** Where this image is in its file, in the findings engine's words; "" for the file itself. */
    public String scope() {
        return scope;
    }

    /**
     * The findings engine's verdicts, worst first: on the whole file (every slice and member) for a file; for a fat
     * slice or an archive member, those whose scope names it (or an image nested in it).
     */
    public List<Finding> findings() {
        if (parent == null) return findings;
        return root().findings.stream()
                .filter(f -> f.scope().equals(scope) || f.scope().startsWith(scope + " / "))
                .toList();
    }

    void loaded(BinaryFile f, ByteBuffer data, List<Finding> found) {
        failure.set(null);
        findings = List.copyOf(found);
        bytes.set(data);
        file.set(f);
        image.set(f.image());
        message.set("");
        progress.set(1);
        state.set(State.LOADED);
    }

    void failed(LoadFailure why) {
        failure.set(why);
        file.set(null);
        image.set(null);
        children.clear();
        message.set(why.title());
        state.set(State.FAILED);
    }

    void cancelled() {
        message.set("Cancelled");
        state.set(State.CANCELLED);
    }

    @Override
    public String toString() {
        return label;
    }
}
