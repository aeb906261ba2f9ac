package dev.crosslens.app;

import dev.crosslens.model.ArchiveImage;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.FatImage;
import dev.crosslens.model.FatSlice;
import dev.crosslens.model.archive.ArchiveMember;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The one object of the window: the open binaries, the active item, the selection (an {@link Extent} in the
 * active file; each open file keeps its own, shown again when it becomes active) and the view registry. Built by the launcher and passed by constructor; every method is called on
 * the FX thread, and every parse runs on its executor.
 */
public final class Workbench implements AutoCloseable {
    private final ObservableList<WorkbenchItem> items = FXCollections.observableArrayList();
    private final ObjectProperty<WorkbenchItem> active = new SimpleObjectProperty<>();
    private final ObjectProperty<Extent> selection = new SimpleObjectProperty<>(Extent.NONE);
    /** The last selection in each open file (keyed by its top-level item), restored when it becomes active. */
    private final Map<WorkbenchItem, Extent> selections = new HashMap<>();
    private final ReadOnlyObjectWrapper<String> requestedView = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Reveal> revealRequest = new ReadOnlyObjectWrapper<>();
    private final ViewRegistry views = new ViewRegistry();
    private final Settings settings;
    private final ParseOptions options;
    private final ExecutorService executor;
    /**
     * Made here: it only splits PATH and reads the small syscall mapping, and making it on the shared worker pool
     * let a Run request wait on the FX thread behind a long parse.
     */
    private final Sandbox sandbox;

    public Workbench(Settings settings, ParseOptions options) {
        this.settings = settings;
        this.options = options;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "crosslens-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.sandbox = new Sandbox();
        active.addListener((obs, old, now) -> {
            if (old == null || now == null || old.root() != now.root()) {
                selection.set(now == null ? Extent.NONE : selections.getOrDefault(now.root(), Extent.NONE));
            }
        });
        selection.addListener((obs, old, x) -> {
            WorkbenchItem a = active.get();
            if (a != null) selections.put(a.root(), x);
        });
    }

    public ObservableList<WorkbenchItem> items() {
        return items;
    }

    public ObjectProperty<WorkbenchItem> activeProperty() {
        return active;
    }

    public WorkbenchItem active() {
        return active.get();
    }

    /** The bytes selected in the active file; views follow it (the hex view scrolls there). */
    public ObjectProperty<Extent> selectionProperty() {
        return selection;
    }

    public void select(Extent extent) {
        selection.set(extent == null ? Extent.NONE : extent);
    }

    /**
     * Selects bytes of one open file, whichever is active: at once when {@code item}'s file is the active one,
     * else when it next becomes active (its hex view then shows them). The compare view selects a row's old bytes
     * in the old file and its new bytes in the new file this way.
     */
    public void select(WorkbenchItem item, Extent extent) {
        WorkbenchItem root = item.root();
        if (!items.contains(root)) return;
        Extent x = extent == null ? Extent.NONE : extent;
        WorkbenchItem a = active.get();
        if (a != null && a.root() == root) selection.set(x);
        else selections.put(root, x);
    }

    /** The selection of {@code item}'s file: the live one when it is active, else the one it shows next. */
    public Extent selection(WorkbenchItem item) {
        WorkbenchItem a = active.get();
        if (a != null && a.root() == item.root()) return selection.get();
        return selections.getOrDefault(item.root(), Extent.NONE);
    }

    /** Asks the window to show the item view with this id (e.g. "hex" after a double-click). */
    public void showView(String id) {
        requestedView.set(null);
        requestedView.set(id);
    }

    /** Something named in the active binary to show in the view that lists it. */
    public record Reveal(Kind kind, String name, Finding finding) {
        /** Which view shows it. */
        public enum Kind { SYMBOL, LIBRARY, FINDING }

        public static Reveal symbol(String name) {
            return new Reveal(Kind.SYMBOL, name, null);
        }

        public static Reveal library(String name) {
            return new Reveal(Kind.LIBRARY, name, null);
        }

        public static Reveal finding(Finding f) {
            return new Reveal(Kind.FINDING, f.id(), f);
        }
    }

    /**
     * Asks the window to reveal a symbol (Symbols tab, filtered to it), a library (Libraries tab) or a finding
     * (Findings tab, selected, with its evidence) of the active binary. Views that name things call this; the window
     * subscribes to {@link #revealRequestProperty()}.
     */
    public void reveal(Reveal r) {
        revealRequest.set(null);
        revealRequest.set(r);
    }

    /** Reveals a symbol or, when the active binary has a library of that name, the library. */
    public void revealByName(String name) {
        if (name == null || name.isEmpty()) return;
        WorkbenchItem a = active.get();
        boolean library = a != null && a.image() != null
                && a.image().core().libraries().stream().anyMatch(l -> name.equals(l.name()));
        reveal(library ? Reveal.library(name) : Reveal.symbol(name));
    }

    public ReadOnlyObjectProperty<Reveal> revealRequestProperty() {
        return revealRequest.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<String> requestedViewProperty() {
        return requestedView.getReadOnlyProperty();
    }

    public ViewRegistry views() {
        return views;
    }

    public Settings settings() {
        return settings;
    }

    /** The workbench's worker threads, for view models that take an executor. */
    public java.util.concurrent.Executor executor() {
        return executor;
    }

    /** The sandbox that runs and traces binaries (Run > Run in sandbox…). */
    public Sandbox sandbox() {
        return sandbox;
    }

    /** Runs background work (parses, exports, folder listings). */
    public void run(Task<?> task) {
        executor.execute(task);
    }

    /** Opens files (a file already open is selected, not opened twice); the last one becomes active. */
    public void open(List<Path> paths) {
        WorkbenchItem last = null;
        for (Path p : paths) {
            last = open(p);
        }
        if (last != null) active.set(last);
    }

    public WorkbenchItem open(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        for (WorkbenchItem it : items) {
            if (it.path().equals(abs)) {
                active.set(it);
                return it;
            }
        }
        WorkbenchItem item = new WorkbenchItem(abs);
        items.add(item);
        settings.addRecent(abs);
        load(item);
        if (active.get() == null) active.set(item);
        return item;
    }

    /** Parses the item's file again (F5); a parse still running for it is cancelled and its result dropped. */
    public void reload(WorkbenchItem item) {
        WorkbenchItem root = item.root();
        if (!items.contains(root)) return;
        load(root);
        if (active.get() != null && active.get().root() == root) active.set(root);
    }

    private void load(WorkbenchItem item) {
        BinaryLoadTask task = new BinaryLoadTask(item.path(), options);
        int gen = item.nextGeneration(() -> task.cancel(true));
        item.dispose(); // the views of the previous load go
        item.children().clear();
        item.progressProperty().bind(task.progressProperty());
        item.messageProperty().bind(task.messageProperty());
        Runnable unbind = () -> {
            item.progressProperty().unbind();
            item.messageProperty().unbind();
        };
        task.setOnSucceeded(e -> {
            if (item.generation() != gen) return; // a newer load (or a close) made this result stale
            unbind.run();
            BinaryLoadTask.Result r = task.getValue();
            if (r == null) {
                item.cancelled();
            } else if (r.failure() != null) {
                item.failed(r.failure());
            } else {
                item.loaded(r.file(), r.bytes(), r.findings());
                addChildren(item, r.file().image());
            }
        });
        task.setOnCancelled(e -> {
            if (item.generation() != gen) return;
            unbind.run();
            item.cancelled();
        });
        task.setOnFailed(e -> {
            if (item.generation() != gen) return;
            unbind.run();
            Throwable t = task.getException();
            item.failed(new LoadFailure("internal", "The engine failed on this file",
                    t.getClass().getName() + ": " + t.getMessage(), -1, 0, new byte[0]));
        });
        run(task);
    }

    private static void addChildren(WorkbenchItem item, BinaryImage image) {
        if (image instanceof FatImage) {
            for (FatSlice s : ((FatImage) image).slices()) {
                if (s.image() == null) continue;
                WorkbenchItem child = new WorkbenchItem(item, s.arch().label() + " slice @0x"
                        + Long.toHexString(s.offset()), scope(item, "slice " + s.arch().label()), s.image());
                item.children().add(child);
                addChildren(child, s.image());
            }
        } else if (image instanceof ArchiveImage) {
            for (ArchiveMember m : ((ArchiveImage) image).members()) {
                if (m.image() == null) continue;
                WorkbenchItem child = new WorkbenchItem(item, m.name(), scope(item, "member " + m.name()), m.image());
                item.children().add(child);
                addChildren(child, m.image());
            }
        }
    }

    /** The findings engine's scope of a part of {@code parent} (the same joining as FindingsEngine's). */
    private static String scope(WorkbenchItem parent, String part) {
        return parent.scope().isEmpty() ? part : parent.scope() + " / " + part;
    }

    /** Cancels the item's parse if one is running. */
    public void cancel(WorkbenchItem item) {
        item.root().cancel();
    }

    public void close(WorkbenchItem item) {
        WorkbenchItem root = item.root();
        int index = items.indexOf(root);
        if (index < 0) return;
        root.nextGeneration(() -> { }); // drops a running parse's result
        root.dispose();
        root.cancelled();
        selections.remove(root);
        items.remove(index);
        if (active.get() != null && active.get().root() == root) {
            active.set(items.isEmpty() ? null : items.get(Math.min(index, items.size() - 1)));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
