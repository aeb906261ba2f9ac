package dev.crosslens.app;

import dev.crosslens.app.compare.ComparePanel;
import dev.crosslens.app.control.Plural;
import dev.crosslens.app.findings.FindingsView;
import dev.crosslens.app.findings.FindingsViewModel;
import dev.crosslens.app.libraries.LibrariesView;
import dev.crosslens.app.libraries.LibrariesViewModel;
import dev.crosslens.app.symbols.SymbolsView;
import dev.crosslens.app.trace.RunDialog;
import dev.crosslens.app.trace.RunDialogViewModel;
import dev.crosslens.app.trace.TraceDiffView;
import dev.crosslens.app.trace.TraceDiffViewModel;
import dev.crosslens.app.trace.TraceView;
import dev.crosslens.app.trace.TraceViewModel;
import dev.crosslens.parsers.sandbox.RunRequest;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;

/**
 * The workbench window's content: menu bar, the tree of open binaries (slices and members as children), the
 * selected binary's views in the middle, a dock for workbench panels and a status bar. Drop files or folders
 * anywhere on it.
 */
public final class MainWindow extends BorderPane {
    static final String LIGHT_CSS = "/dev/crosslens/app/crosslens.css";
    static final String DARK_CSS = "/dev/crosslens/app/crosslens-dark.css";

    private final Workbench workbench;
    private final Samples samples;
    private final TreeView<WorkbenchItem> tree = new TreeView<>(new TreeItem<>());
    private final StackPane center = new StackPane();
    private final TabPane dock = new TabPane();
    private final SplitPane mainSplit;
    private final SplitPane verticalSplit;
    private final StatusBar status = new StatusBar();
    private final Map<WorkbenchItem, ItemWorkspace> workspaces = new HashMap<>();
    private final CheckMenuItem darkTheme = new CheckMenuItem("Dark theme");
    private final Menu recentMenu = new Menu("Open Recent");
    private ChangeListener<WorkbenchItem.State> activeStateListener;
    private WorkbenchItem watched;
    private TraceViewModel traceVm;

    public MainWindow(Workbench workbench, Samples samples) {
        this.workbench = workbench;
        this.samples = samples;
        getStyleClass().add("main-window");
        setId("main-window");
        setTop(menuBar());

        tree.setShowRoot(false);
        tree.setId("binaries-tree");
        tree.setCellFactory(t -> new ItemCell());
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, ti) -> {
            if (ti != null && ti.getValue() != null) workbench.activeProperty().set(ti.getValue());
        });
        Label treeTitle = new Label("Binaries");
        treeTitle.getStyleClass().add("sidebar-title");
        VBox side = new VBox(treeTitle, tree);
        side.getStyleClass().add("sidebar");
        VBox.setVgrow(tree, javafx.scene.layout.Priority.ALWAYS);
        center.getStyleClass().add("center");
        center.setId("center");
        mainSplit = new SplitPane(side, center);
        mainSplit.setDividerPositions(0.2);
        SplitPane.setResizableWithParent(side, false);
        dock.setId("dock");
        dock.getTabs().addListener((ListChangeListener<Tab>) c -> updateDock());
        verticalSplit = new SplitPane(mainSplit);
        verticalSplit.setOrientation(javafx.geometry.Orientation.VERTICAL);
        setCenter(verticalSplit);
        status.setId("status-bar");
        status.setText("Ready");
        setBottom(status);

        workbench.items().addListener((ListChangeListener<WorkbenchItem>) c -> rebuildTree());
        workbench.activeProperty().addListener((o, a, item) -> showActive());
        workbench.revealRequestProperty().addListener((o, a, r) -> {
            if (r != null) reveal(r);
        });
        setOnDragOver(this::onDragOver);
        setOnDragDropped(this::onDragDropped);
        showActive();
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open…");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> openDialog());
        MenuItem openFolder = new MenuItem("Open folder…");
        openFolder.setId("open-folder");
        openFolder.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        openFolder.setOnAction(e -> openFolderDialog());
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
        MenuItem close = new MenuItem("Close");
        close.setAccelerator(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN));
        close.setOnAction(e -> {
            if (workbench.active() != null) workbench.close(workbench.active());
        });
        MenuItem reload = new MenuItem("Reload");
        reload.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        reload.setOnAction(e -> {
            if (workbench.active() != null) workbench.reload(workbench.active());
        });
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> {
            Window w = getScene() == null ? null : getScene().getWindow();
            if (w != null) w.fireEvent(new javafx.stage.WindowEvent(w, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
            if (w != null) w.hide();
        });
        MenuItem openTrace = new MenuItem("Open trace…");
        openTrace.setId("open-trace");
        openTrace.setOnAction(e -> {
            Path p = chooseFile("Open a recorded trace session");
            if (p != null) openTrace(p);
        });
        Menu file = new Menu("File", null, open, openFolder, recentMenu, openTrace, new SeparatorMenuItem(), close, reload,
                new SeparatorMenuItem(), quit);

        MenuItem runItem = new MenuItem("Run in sandbox…");
        runItem.setId("run-in-sandbox");
        runItem.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        runItem.setOnAction(e -> runInSandbox());
        MenuItem stopItem = new MenuItem("Stop run");
        stopItem.setOnAction(e -> {
            if (traceVm != null) traceVm.stop();
        });
        Menu run = new Menu("Run", null, runItem, stopItem);

        MenuItem find = new MenuItem("Filter symbols");
        find.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        find.setOnAction(e -> withWorkspace(ItemWorkspace::focusFilter));
        MenuItem goTo = new MenuItem("Go to offset…");
        goTo.setAccelerator(new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN));
        goTo.setOnAction(e -> withWorkspace(ItemWorkspace::goToOffset));
        Menu edit = new Menu("Go", null, find, goTo);

        darkTheme.setId("dark-theme");
        darkTheme.setSelected(workbench.settings().darkTheme());
        darkTheme.selectedProperty().addListener((o, a, dark) -> {
            workbench.settings().setDarkTheme(dark);
            applyTheme();
        });
        Menu view = new Menu("View", null, darkTheme);

        Menu tools = new Menu("Tools");
        for (ViewRegistry.Panel p : workbench.views().panels()) {
            MenuItem m = new MenuItem(p.title());
            m.setOnAction(e -> openPanel(p));
            tools.getItems().add(m);
        }
        MenuItem compareTraces = new MenuItem("Compare traces…");
        compareTraces.setId("compare-traces");
        compareTraces.setOnAction(e -> {
            Path a = chooseFile("The older trace session");
            Path b = a == null ? null : chooseFile("The newer trace session");
            if (b != null) compareTraces(a, b);
        });
        if (!tools.getItems().isEmpty()) tools.getItems().add(new SeparatorMenuItem());
        tools.getItems().add(compareTraces);
        MenuItem openSamples = new MenuItem("Open samples");
        openSamples.setId("open-samples");
        openSamples.setOnAction(e -> openSamples());
        MenuItem about = new MenuItem("About Crosslens");
        about.setOnAction(e -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION,
                    "Crosslens — a workbench for cross-compiled binaries.\nJava " + System.getProperty("java.version")
                            + ", JavaFX " + System.getProperty("javafx.runtime.version"));
            a.setHeaderText("Crosslens 0.1.0");
            a.initOwner(getScene() == null ? null : getScene().getWindow());
            a.show();
        });
        Menu help = new Menu("Help", null, openSamples, about);
        MenuBar bar = new MenuBar(file, edit, view, run, tools, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private Path chooseFile(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        return f == null ? null : f.toPath();
    }

    /** Run > Run in sandbox… (Ctrl+R): asks how to run the selected binary, then traces it in the Trace panel. */
    public void runInSandbox() {
        RunDialog dialog = runDialog();
        if (dialog != null) dialog.showAndWait().ifPresent(this::startTrace);
    }

    /** The Run dialog for the selected binary, not shown yet; null (and a status line) when none is loaded. */
    public RunDialog runDialog() {
        WorkbenchItem item = workbench.active();
        if (item == null || item.state() != WorkbenchItem.State.LOADED) {
            status.setText("Select a loaded binary to run it");
            return null;
        }
        // The plan (which runner, or why none can) is worked out off the FX thread by the view model.
        RunDialogViewModel vm = new RunDialogViewModel(item.root().path(), workbench.sandbox(), workbench.executor());
        return new RunDialog(getScene() == null ? null : getScene().getWindow(), vm);
    }

    /** Starts a run in the Trace panel (opened if needed); a run already going there is stopped first. */
    public TraceViewModel startTrace(RunRequest request) {
        TraceViewModel vm = tracePanel();
        vm.start(request);
        return vm;
    }

    /** File > Open trace…: shows a recorded session in the Trace panel. */
    public TraceViewModel openTrace(Path session) {
        TraceViewModel vm = tracePanel();
        vm.open(session);
        return vm;
    }

    /** Tools > Compare traces…: the differences between two recorded sessions in a "Trace diff" panel. */
    public TraceDiffViewModel compareTraces(Path older, Path newer) {
        TraceDiffViewModel vm = new TraceDiffViewModel(workbench.executor());
        Tab t = dockTab("trace-diff", "Trace diff", () -> null);
        t.setText("Trace diff: " + older.getFileName() + " → " + newer.getFileName());
        t.setContent(new TraceDiffView(vm));
        vm.compare(older, newer);
        return vm;
    }

    private TraceViewModel tracePanel() {
        if (traceVm == null) {
            TraceViewModel vm = new TraceViewModel(workbench.sandbox(), workbench.executor());
            Tab t = dockTab("trace", "Trace", () -> new TraceView(vm));
            t.textProperty().bind(javafx.beans.binding.Bindings.concat("Trace: ", vm.titleProperty()));
            traceVm = vm;
            t.setOnClosed(e -> {
                vm.stop(); // closing the panel ends the program it was tracing
                if (traceVm == vm) traceVm = null;
            });
        } else {
            dockTab("trace", "Trace", () -> null);
        }
        return traceVm;
    }

    /** The dock tab with this id (selected), made with {@code content} when there is none. */
    private Tab dockTab(String id, String title, java.util.function.Supplier<Node> content) {
        for (Tab t : dock.getTabs()) {
            if (id.equals(t.getUserData())) {
                dock.getSelectionModel().select(t);
                return t;
            }
        }
        Tab t = new Tab(title, content.get());
        t.setId("dock-" + id);
        t.setUserData(id);
        dock.getTabs().add(t);
        dock.getSelectionModel().select(t);
        // a trace or a comparison needs room for its tables: the dock gets most of the height when a panel opens
        verticalSplit.setDividerPositions(0.3);
        return t;
    }

    /** Tools > Compare builds on two files (the command line's {@code crosslens OLD NEW}). */
    public ComparePanel compareBuilds(Path older, Path newer) {
        Node n = openPanel("compare");
        if (!(n instanceof ComparePanel)) return null;
        ComparePanel p = (ComparePanel) n;
        p.compare(older, newer);
        return p;
    }

    /** The view of the dock tab with this id, or null. */
    public Node panel(String id) {
        for (Tab t : dock.getTabs()) {
            if (id.equals(t.getUserData())) return t.getContent();
        }
        return null;
    }

    public TabPane dock() {
        return dock;
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : workbench.settings().recentFiles()) {
            MenuItem m = new MenuItem(p.toString());
            m.setMnemonicParsing(false);
            m.setOnAction(e -> openPaths(List.of(p)));
            recentMenu.getItems().add(m);
        }
        if (recentMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none)");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        } else {
            MenuItem clear = new MenuItem("Clear list");
            clear.setOnAction(e -> workbench.settings().clearRecent());
            recentMenu.getItems().addAll(new SeparatorMenuItem(), clear);
        }
    }

    /** Installs the stylesheets on the scene this window is in. */
    public void applyTheme() {
        Scene s = getScene();
        if (s == null) return;
        String light = getClass().getResource(LIGHT_CSS).toExternalForm();
        String dark = getClass().getResource(DARK_CSS).toExternalForm();
        s.getStylesheets().removeAll(light, dark);
        s.getStylesheets().add(light);
        if (darkTheme.isSelected()) s.getStylesheets().add(dark);
    }

    public CheckMenuItem darkThemeItem() {
        return darkTheme;
    }

    private void withWorkspace(java.util.function.Consumer<ItemWorkspace> action) {
        WorkbenchItem a = workbench.active();
        ItemWorkspace ws = a == null ? null : workspaces.get(a);
        if (ws != null) action.accept(ws);
    }

    /** The workspace of the active item, or null when it is not loaded. */
    public ItemWorkspace activeWorkspace() {
        WorkbenchItem a = workbench.active();
        return a == null ? null : workspaces.get(a);
    }

    private void openDialog() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open binaries");
        File initial = initialDirectory();
        if (initial != null) chooser.setInitialDirectory(initial);
        List<File> files = chooser.showOpenMultipleDialog(getScene() == null ? null : getScene().getWindow());
        if (files == null) return;
        List<Path> paths = new ArrayList<>();
        for (File f : files) paths.add(f.toPath());
        openPaths(paths);
    }

    /** File > Open folder… (Ctrl+Shift+O): the binaries in a folder and its subfolders, as a drop of it opens them. */
    private void openFolderDialog() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open the binaries in a folder");
        File initial = initialDirectory();
        if (initial != null) chooser.setInitialDirectory(initial);
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) openPaths(List.of(dir.toPath()));
    }

    /** The folder of the most recent file, when it still exists. */
    private File initialDirectory() {
        List<Path> recent = workbench.settings().recentFiles();
        if (recent.isEmpty() || recent.get(0).getParent() == null) return null;
        File dir = recent.get(0).getParent().toFile();
        return dir.isDirectory() ? dir : null;
    }

    /** Opens files and folders (folders are expanded off the FX thread to the binaries they hold). */
    public void openPaths(List<Path> paths) {
        FolderScanTask scan = new FolderScanTask(paths);
        scan.setOnSucceeded(e -> {
            if (scan.getValue().isEmpty()) {
                status.setText("No binaries found in " + paths);
                return;
            }
            workbench.open(scan.getValue());
            // a file already open is only selected: nothing re-renders, so the status says what is shown again
            WorkbenchItem a = workbench.active();
            if (a != null && a.state() == WorkbenchItem.State.LOADED && !status.textProperty().isBound()) {
                status.setText(loadedStatus(a));
            }
        });
        scan.setOnFailed(e -> status.setText("Could not list " + paths + ": " + scan.getException().getMessage()));
        status.setText(paths.size() == 1 ? "Looking at " + paths.get(0) + "…"
                : "Looking at " + Plural.of(paths.size(), "path", "paths") + "…");
        workbench.run(scan);
    }

    public void openSamples() {
        Task<List<Path>> t = samples.extractTask();
        t.setOnSucceeded(e -> workbench.open(t.getValue()));
        t.setOnFailed(e -> status.setText("Samples: " + t.getException().getMessage()));
        status.setText("Unpacking samples…");
        workbench.run(t);
    }

    private void onDragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            if (!getStyleClass().contains("drop-target")) getStyleClass().add("drop-target");
        }
        e.consume();
    }

    private void onDragDropped(DragEvent e) {
        getStyleClass().remove("drop-target");
        boolean ok = false;
        if (e.getDragboard().hasFiles()) {
            List<Path> paths = new ArrayList<>();
            for (File f : e.getDragboard().getFiles()) paths.add(f.toPath());
            openPaths(paths);
            ok = true;
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    /** Opens (or selects) a registered panel in the dock and returns its view. */
    public Node openPanel(String id) {
        for (ViewRegistry.Panel p : workbench.views().panels()) {
            if (p.id().equals(id)) return openPanel(p);
        }
        return null;
    }

    private Node openPanel(ViewRegistry.Panel p) {
        Tab t = dockTab(p.id(), p.title(), () -> p.factory().apply(workbench));
        if (t.getOnClosed() == null && t.getContent() instanceof ComparePanel) {
            ComparePanel cp = (ComparePanel) t.getContent();
            t.setOnClosed(e -> cp.dispose());
        }
        return t.getContent();
    }

    private void updateDock() {
        boolean shown = verticalSplit.getItems().contains(dock);
        if (dock.getTabs().isEmpty() && shown) verticalSplit.getItems().remove(dock);
        if (!dock.getTabs().isEmpty() && !shown) {
            verticalSplit.getItems().add(dock);
            verticalSplit.setDividerPositions(0.62);
        }
    }

    private void rebuildTree() {
        TreeItem<WorkbenchItem> root = tree.getRoot();
        root.getChildren().clear();
        for (WorkbenchItem it : workbench.items()) root.getChildren().add(treeItem(it));
        workspaces.keySet().removeIf(k -> {
            boolean gone = !workbench.items().contains(k.root());
            if (gone) workspaces.get(k).dispose();
            return gone;
        });
        selectInTree(workbench.active());
    }

    private TreeItem<WorkbenchItem> treeItem(WorkbenchItem it) {
        TreeItem<WorkbenchItem> ti = new TreeItem<>(it);
        ti.setExpanded(true);
        for (WorkbenchItem c : it.children()) ti.getChildren().add(treeItem(c));
        it.children().addListener((ListChangeListener<WorkbenchItem>) c -> {
            ti.getChildren().clear();
            for (WorkbenchItem k : it.children()) ti.getChildren().add(treeItem(k));
        });
        return ti;
    }

    private void selectInTree(WorkbenchItem item) {
        if (item == null) {
            tree.getSelectionModel().clearSelection();
            return;
        }
        TreeItem<WorkbenchItem> ti = find(tree.getRoot(), item);
        if (ti != null && tree.getSelectionModel().getSelectedItem() != ti) tree.getSelectionModel().select(ti);
    }

    private static TreeItem<WorkbenchItem> find(TreeItem<WorkbenchItem> at, WorkbenchItem item) {
        if (at.getValue() == item) return at;
        for (TreeItem<WorkbenchItem> c : at.getChildren()) {
            TreeItem<WorkbenchItem> f = find(c, item);
            if (f != null) return f;
        }
        return null;
    }

    private void showActive() {
        WorkbenchItem item = workbench.active();
        if (watched != null && activeStateListener != null) watched.stateProperty().removeListener(activeStateListener);
        watched = item;
        selectInTree(item);
        status.progressProperty().unbind();
        status.setProgress(0);
        if (item == null) {
            center.getChildren().setAll(StatusPanels.welcome(workbench, this::openDialog, this::openFolderDialog,
                    this::openSamples));
            status.textProperty().unbind();
            status.setText(workbench.items().isEmpty() ? "Ready — drop binaries on the window" : "");
            return;
        }
        activeStateListener = (o, a, s) -> {
            if (s == WorkbenchItem.State.LOADING) {
                ItemWorkspace old = workspaces.remove(item);
                if (old != null) old.dispose();
            }
            render(item);
        };
        item.stateProperty().addListener(activeStateListener);
        render(item);
    }

    private void render(WorkbenchItem item) {
        status.textProperty().unbind();
        status.progressProperty().unbind();
        Node content;
        switch (item.state()) {
            case LOADING:
                content = StatusPanels.loading(workbench, item);
                status.textProperty().bind(item.messageProperty());
                status.progressProperty().bind(item.progressProperty());
                break;
            case FAILED:
                content = StatusPanels.failed(workbench, item);
                status.setText(item.label() + ": " + item.failure().title());
                status.setProgress(0);
                break;
            case CANCELLED:
                content = StatusPanels.cancelled(workbench, item);
                status.setText(item.label() + ": cancelled");
                status.setProgress(0);
                break;
            default:
                content = workspaces.computeIfAbsent(item, i -> new ItemWorkspace(workbench, i));
                status.setText(loadedStatus(item));
                status.setProgress(0);
                break;
        }
        center.getChildren().setAll(content);
    }

    private static String loadedStatus(WorkbenchItem item) {
        return item.label() + " — " + Plural.of(item.file().size(), "byte", "bytes") + ", "
                + Plural.of(item.image().core().symbols().size(), "symbol", "symbols") + ", "
                + Plural.of(item.image().core().sections().size(), "section", "sections");
    }

    /** Shows a symbol, library or finding of the active binary in the tab that lists it. */
    private void reveal(Workbench.Reveal r) {
        ItemWorkspace ws = activeWorkspace();
        if (ws == null) return;
        switch (r.kind()) {
            case SYMBOL:
                if (ws.show("symbols") && ws.view("symbols") instanceof SymbolsView) {
                    SymbolsView v = (SymbolsView) ws.view("symbols");
                    v.viewModel().regexProperty().set(false);
                    v.viewModel().filterTextProperty().set(r.name());
                    if (!v.table().getItems().isEmpty()) v.table().getSelectionModel().select(0);
                }
                break;
            case LIBRARY:
                if (ws.show("libraries") && ws.view("libraries") instanceof LibrariesView) {
                    TreeView<LibrariesViewModel.Node> t = ((LibrariesView) ws.view("libraries")).tree();
                    TreeItem<LibrariesViewModel.Node> hit = findLibrary(t.getRoot(), r.name());
                    if (hit != null) {
                        for (TreeItem<LibrariesViewModel.Node> p = hit.getParent(); p != null; p = p.getParent()) p.setExpanded(true);
                        t.getSelectionModel().select(hit);
                        int row = t.getRow(hit);
                        if (row >= 0) t.scrollTo(row);
                    }
                }
                break;
            case FINDING:
                if (ws.show("findings") && ws.view("findings") instanceof FindingsView) {
                    FindingsViewModel vm = ((FindingsView) ws.view("findings")).viewModel();
                    // A target or intent finding is not among the file's own; it joins the list to be shown.
                    if (!vm.allFindings().contains(r.finding())) vm.allFindings().add(0, r.finding());
                    vm.filterTextProperty().set("");
                    vm.selectEvidence(r.finding(), r.finding().primaryExtent());
                }
                break;
            default:
                break;
        }
    }

    private static TreeItem<LibrariesViewModel.Node> findLibrary(TreeItem<LibrariesViewModel.Node> at, String name) {
        if (at == null) return null;
        if (at.getValue() != null && name.equals(at.getValue().label())) return at;
        for (TreeItem<LibrariesViewModel.Node> c : at.getChildren()) {
            TreeItem<LibrariesViewModel.Node> f = findLibrary(c, name);
            if (f != null) return f;
        }
        return null;
    }

    public TreeView<WorkbenchItem> tree() {
        return tree;
    }

    public StatusBar statusBar() {
        return status;
    }

    /** Tree cell: the item's name, greyed while loading, red when it failed. */
    private static final class ItemCell extends TreeCell<WorkbenchItem> {
        private ChangeListener<WorkbenchItem.State> listener;
        private WorkbenchItem shown;

        @Override
        protected void updateItem(WorkbenchItem item, boolean empty) {
            super.updateItem(item, empty);
            if (shown != null && listener != null) shown.stateProperty().removeListener(listener);
            shown = item;
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
                getStyleClass().removeAll("item-loading", "item-failed");
                return;
            }
            listener = (o, a, s) -> paint(item);
            item.stateProperty().addListener(listener);
            paint(item);
        }

        private void paint(WorkbenchItem item) {
            getStyleClass().removeAll("item-loading", "item-failed");
            String suffix = "";
            if (item.state() == WorkbenchItem.State.LOADING) {
                getStyleClass().add("item-loading");
                suffix = "  (opening…)";
            } else if (item.state() == WorkbenchItem.State.FAILED) {
                getStyleClass().add("item-failed");
                suffix = "  (error)";
            }
            String kind = item.image() == null ? "" : "  " + item.image().core().arch().label();
            setText(item.label() + kind + suffix);
            // the sidebar is narrow: the whole name, and where the file is, on hover
            setTooltip(new javafx.scene.control.Tooltip(item.label() + kind + suffix + "\n" + item.path()));
        }
    }
}
