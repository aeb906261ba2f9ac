package dev.crosslens.app.compare;

import dev.crosslens.app.Workbench;
import dev.crosslens.app.WorkbenchItem;
import dev.crosslens.model.Extent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * Tools > Compare builds: pick the old and the new binary among those open in the workbench (a fat slice or an
 * archive member too), or drop files on the two headers of the compare view below.
 */
public final class ComparePanel extends BorderPane {
    private final Workbench workbench;
    private final CompareView view;
    private final ComboBox<WorkbenchItem> older = new ComboBox<>();
    private final ComboBox<WorkbenchItem> newer = new ComboBox<>();
    private final ListChangeListener<WorkbenchItem> onItems = c -> refresh();
    private final javafx.beans.value.ChangeListener<WorkbenchItem.State> onState = (o, a, b) -> refresh();
    private final java.util.Set<WorkbenchItem> watched = new java.util.HashSet<>();
    private Path wantOld;
    private Path wantNew;

    public ComparePanel(Workbench workbench) {
        this.workbench = workbench;
        this.view = new CompareView(new CompareViewModel(workbench.executor(), new CompareViewModel.HexLink() {
            @Override
            public void select(Extent old, Extent neu) {
                selectBytes(old, neu);
            }

            @Override
            public void show(boolean oldSide) {
                showHex(oldSide);
            }
        }));
        getStyleClass().add("compare-panel");
        older.setId("compare-old");
        newer.setId("compare-new");
        for (ComboBox<WorkbenchItem> c : List.of(older, newer)) {
            c.setPromptText("an open binary");
            c.setCellFactory(lv -> new ItemCell());
            c.setButtonCell(new ItemCell());
            c.setOnShowing(e -> refresh());
        }
        Button compare = new Button("Compare");
        compare.setId("compare-run");
        compare.disableProperty().bind(older.valueProperty().isNull().or(newer.valueProperty().isNull()));
        compare.setOnAction(e -> {
            wantOld = null; // the user's pick from now on
            wantNew = null;
            compareSelected();
        });
        Label hint = new Label("or drop two files on OLD / NEW below");
        hint.getStyleClass().add("muted");
        HBox bar = new HBox(8, new Label("Old"), older, new Label("New"), newer, compare, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 0, 8));
        setTop(bar);
        setCenter(view);
        workbench.items().addListener(onItems);
        view.viewModel().oldSideProperty().addListener((o, a, side) -> keepOpen());
        view.viewModel().newSideProperty().addListener((o, a, side) -> keepOpen());
        refresh();
    }

    /**
     * Selects a row's old bytes in the OLD binary and its new bytes in the NEW binary, each in its own file (the
     * workbench keeps a selection per file and shows it when that file is active), never in whichever binary
     * happens to be active. A side without bytes keeps its selection.
     */
    void selectBytes(Extent old, Extent neu) {
        WorkbenchItem o = itemOf(view.viewModel().oldSideProperty().get());
        WorkbenchItem n = itemOf(view.viewModel().newSideProperty().get());
        boolean oldKnown = o != null && old.isKnown();
        boolean newKnown = n != null && neu.isKnown();
        if (oldKnown && newKnown && o.root() == n.root()) {
            // both sides in one file (two slices of one universal binary): one hex view, the side looked at wins
            WorkbenchItem a = workbench.active();
            if (a == o && a != n) newKnown = false;
            else oldKnown = false;
        }
        if (oldKnown) workbench.select(o, old);
        if (newKnown) workbench.select(n, neu);
    }

    /** Makes the old (or new) binary the active one and shows its hex view. */
    void showHex(boolean oldSide) {
        CompareViewModel vm = view.viewModel();
        WorkbenchItem item = itemOf((oldSide ? vm.oldSideProperty() : vm.newSideProperty()).get());
        if (item == null) return;
        workbench.activeProperty().set(item);
        workbench.showView("hex");
    }

    /**
     * The workbench item that holds a compared side: the open file of the same path and content, and within it the
     * slice or member compared; null when that file is not open (or was changed since).
     */
    WorkbenchItem itemOf(CompareSide side) {
        if (side == null) return null;
        Path p = Path.of(side.file().path()).toAbsolutePath().normalize();
        for (WorkbenchItem it : workbench.items()) {
            if (!it.path().equals(p) || it.state() != WorkbenchItem.State.LOADED || it.file() == null
                    || !it.file().sha256().equals(side.file().sha256())) continue;
            if (side.isWholeFile()) return it;
            WorkbenchItem part = partOf(it, side);
            return part != null ? part : it;
        }
        return null;
    }

    /** The item below {@code it} that is the compared slice or member (the same part at the same bytes). */
    private static WorkbenchItem partOf(WorkbenchItem it, CompareSide side) {
        for (WorkbenchItem c : it.children()) {
            CompareSide s = sideOf(c);
            if (s != null && (c.image() == side.image()
                    || (java.util.Objects.equals(s.part(), side.part()) && s.extent().equals(side.extent())))) {
                return c;
            }
            WorkbenchItem found = partOf(c, side);
            if (found != null) return found;
        }
        return null;
    }

    /** Files compared from disk (dropped on the headers) are opened in the workbench too, for their hex views. */
    private void keepOpen() {
        CompareViewModel vm = view.viewModel();
        CompareSide o = vm.oldSideProperty().get();
        CompareSide n = vm.newSideProperty().get();
        if (o == null || n == null) return;
        Path po = Path.of(o.file().path()).toAbsolutePath().normalize();
        Path pn = Path.of(n.file().path()).toAbsolutePath().normalize();
        boolean missing = false;
        for (Path p : List.of(po, pn)) {
            if (workbench.items().stream().noneMatch(i -> i.path().equals(p))) {
                missing = true;
                workbench.open(p);
            }
        }
        if (missing) {
            wantOld = po; // the pickers name the two once they are loaded
            wantNew = pn;
            refresh();
        }
    }

    /** Compares the two picked items. */
    public void compareSelected() {
        CompareSide a = sideOf(older.getValue());
        CompareSide b = sideOf(newer.getValue());
        if (a != null && b != null) view.viewModel().compare(a, b);
    }

    /** Compares two files on disk (parsed on the workbench's executor), e.g. from the command line. */
    public void compare(Path old, Path neu) {
        wantOld = old.toAbsolutePath().normalize();
        wantNew = neu.toAbsolutePath().normalize();
        refresh(); // the pickers name these two once they are open in the workbench
        view.viewModel().compare(old, neu);
    }

    private static WorkbenchItem itemAt(List<WorkbenchItem> items, Path p) {
        if (p == null) return null;
        return items.stream().filter(i -> i.parent() == null && i.path().equals(p)).findFirst().orElse(null);
    }

    /**
     * What comparing the item means: its whole file, or for a slice or member the image inside the file with the
     * slice's or member's own bytes (its size, not the fat file's).
     */
    static CompareSide sideOf(WorkbenchItem item) {
        if (item == null || item.state() != WorkbenchItem.State.LOADED || item.file() == null) return null;
        CompareSide whole = CompareSide.whole(item.file());
        if (item.parent() == null) return whole;
        CompareSide part = CompareSide.find(whole, item.image());
        // an image the file record does not hold (it cannot happen for a loaded item): the image, sized as unknown
        return part != null ? part : new CompareSide(item.file(), item.image(), item.label(), Extent.NONE);
    }

    private void refresh() {
        List<WorkbenchItem> loaded = new ArrayList<>();
        for (WorkbenchItem it : workbench.items()) {
            if (watched.add(it)) it.stateProperty().addListener(onState); // a file that finishes loading joins
            collect(it, loaded);
        }
        WorkbenchItem o = older.getValue();
        WorkbenchItem n = newer.getValue();
        older.getItems().setAll(loaded);
        newer.getItems().setAll(loaded);
        WorkbenchItem wo = itemAt(loaded, wantOld);
        WorkbenchItem wn = itemAt(loaded, wantNew);
        if (wantOld != null || wantNew != null) {
            // compared by path (command line): show those two, or nothing rather than two other binaries
            older.setValue(wo);
            newer.setValue(wn);
            if (wo != null && wn != null) {
                wantOld = null; // both shown: from here on the pickers are the user's
                wantNew = null;
            }
        } else {
            older.setValue(loaded.contains(o) ? o : loaded.size() >= 2 ? loaded.get(0) : null);
            newer.setValue(loaded.contains(n) ? n : loaded.size() >= 2 ? loaded.get(1) : null);
        }
    }

    private static void collect(WorkbenchItem it, List<WorkbenchItem> out) {
        if (it.state() == WorkbenchItem.State.LOADED) out.add(it);
        for (WorkbenchItem c : it.children()) collect(c, out);
    }

    public CompareView view() {
        return view;
    }

    public ComboBox<WorkbenchItem> olderChoice() {
        return older;
    }

    public ComboBox<WorkbenchItem> newerChoice() {
        return newer;
    }

    /** Stops listening to the workbench and the graph worker (the panel is closed). */
    public void dispose() {
        workbench.items().removeListener(onItems);
        for (WorkbenchItem it : watched) it.stateProperty().removeListener(onState);
        watched.clear();
        view.dispose();
    }

    private static final class ItemCell extends ListCell<WorkbenchItem> {
        @Override
        protected void updateItem(WorkbenchItem it, boolean empty) {
            super.updateItem(it, empty);
            setText(empty || it == null ? null
                    : (it.parent() == null ? it.label() : it.root().label() + " › " + it.label())
                    + "  " + it.image().core().arch().label());
        }
    }
}
