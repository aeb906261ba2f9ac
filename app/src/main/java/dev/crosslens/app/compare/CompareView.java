package dev.crosslens.app.compare;

import dev.crosslens.app.graph.SymbolDiffGraphView;
import dev.crosslens.model.HardeningState;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.Consequence;
import dev.crosslens.model.diff.FieldChange;
import dev.crosslens.model.diff.FindingChange;
import dev.crosslens.model.diff.GoModuleChange;
import dev.crosslens.model.diff.HardeningChange;
import dev.crosslens.model.diff.LibraryChange;
import dev.crosslens.model.diff.SizeChange;
import dev.crosslens.model.diff.SymbolChange;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Two builds side by side: drop targets with identity headers, the consequences and deltas first, then one tab
 * per area (symbols, sections, libraries, Go, hardening, findings, noise). Rows with bytes behind them select
 * them in the old and new hex views through the view model. Built in code; all work happens in the view model.
 */
public final class CompareView extends BorderPane {
    /** Width of one half of the diverging bar chart, in pixels. */
    static final double HALF_BAR = 150;

    private final CompareViewModel vm;
    private final VBox oldHeader = new VBox(2);
    private final VBox newHeader = new VBox(2);
    private final VBox summary = new VBox(3);
    private final TableView<SymbolChange> symbolTable = new TableView<>();
    private final Label symbolCount = new Label();
    private final VBox bars = new VBox(2);
    private final SectionMapsView maps;
    private final TreeView<String> libraries = new TreeView<>();
    private final VBox goPane = new VBox(6);
    private final GridPane hardening = new GridPane();
    private final ListView<FindingChange> findings = new ListView<>();
    private final TableView<FieldChange> noise = new TableView<>();
    private final ComboBox<SymbolTable> tableFacet = new ComboBox<>();
    private final List<ToggleButton> linkageButtons = new ArrayList<>();
    private final TabPane tabs = new TabPane();
    private final Tab graphTab = new Tab("Symbol graph");
    private SymbolDiffGraphView graph;

    public CompareView(CompareViewModel vm) {
        this.vm = vm;
        this.maps = new SectionMapsView(vm);
        getStyleClass().add("compare-view");
        getStylesheets().add(CompareView.class.getResource("compare.css").toExternalForm());
        setTop(top());
        setCenter(tabs);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(new Tab("Symbols", symbolsTab()), new Tab("Sections", sectionsTab()),
                new Tab("Libraries", libraries), new Tab("Go", scroll(goPane)), new Tab("Hardening", scroll(hardening)),
                new Tab("Findings", findings), new Tab("Noise", noiseTab()), graphTab);
        graphTab.setContent(new Label("The symbol graph appears once two builds are compared"));
        for (Tab t : tabs.getTabs()) t.setId("tab-" + t.getText().toLowerCase(Locale.ROOT).replace(' ', '-'));
        vm.diffProperty().addListener((o, a, d) -> render(d));
        vm.oldSideProperty().addListener((o, a, f) -> header(oldHeader, "OLD", f, null));
        vm.newSideProperty().addListener((o, a, f) -> header(newHeader, "NEW", f, null));
        vm.pendingOldProperty().addListener((o, a, p) -> header(oldHeader, "OLD", null, p));
        vm.pendingNewProperty().addListener((o, a, p) -> header(newHeader, "NEW", null, p));
        vm.sectionBars().addListener((ListChangeListener<SizeChange>) c -> drawBars());
        vm.diffProperty().addListener((o, a, d) -> drawBars()); // the total row follows the diff
        header(oldHeader, "OLD", null, null);
        header(newHeader, "NEW", null, null);
    }

    // ---- top: drop targets, identity headers, summary ------------------------------------------------------

    private Node top() {
        dropTarget(oldHeader, true);
        dropTarget(newHeader, false);
        HBox.setHgrow(oldHeader, Priority.ALWAYS);
        HBox.setHgrow(newHeader, Priority.ALWAYS);
        oldHeader.setMaxWidth(Double.MAX_VALUE);
        newHeader.setMaxWidth(Double.MAX_VALUE);
        HBox headers = new HBox(8, oldHeader, newHeader);
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        progress.managedProperty().bind(vm.runningProperty());
        Label status = new Label();
        status.getStyleClass().add("compare-status");
        status.textProperty().bind(vm.statusProperty());
        MenuButton export = new MenuButton("Export report");
        for (CompareViewModel.ExportFormat f : CompareViewModel.ExportFormat.values()) {
            MenuItem item = new MenuItem(f.label() + " (*." + f.extension() + ")");
            item.setOnAction(e -> export(f));
            export.getItems().add(item);
        }
        export.disableProperty().bind(vm.diffProperty().isNull());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, status, grow, progress, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        summary.getStyleClass().add("compare-summary");
        VBox top = new VBox(6, headers, bar, summary);
        top.setPadding(new Insets(8));
        return top;
    }

    private void dropTarget(VBox box, boolean oldSide) {
        box.getStyleClass().add("compare-header");
        box.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        box.setOnDragDropped(e -> dropped(e, oldSide));
    }

    private void dropped(DragEvent e, boolean oldSide) {
        List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
        if (files.size() >= 2) {
            vm.drop(true, files.get(0).toPath());
            vm.drop(false, files.get(1).toPath());
        } else if (files.size() == 1) {
            vm.drop(oldSide, files.get(0).toPath());
        }
        e.setDropCompleted(!files.isEmpty());
        e.consume();
    }

    private void header(VBox box, String side, CompareSide f, Path pending) {
        box.getChildren().clear();
        Label title = new Label(side);
        title.getStyleClass().add("compare-side");
        box.getChildren().add(title);
        if (f == null) {
            box.getChildren().add(new Label(pending != null ? pending.getFileName() + " (reading...)"
                    : "Drop the " + side.toLowerCase(Locale.ROOT) + " binary here"));
            return;
        }
        ImageCore c = f.image().core();
        // a slice or member is named as such, with the file it is in: the identity and size below are its own
        Label name = new Label(f.isWholeFile() ? f.fileName() : f.part() + " of " + f.fileName());
        name.getStyleClass().add("compare-file");
        name.setId("compare-" + side.toLowerCase(Locale.ROOT) + "-name");
        name.setTooltip(new Tooltip(f.file().path() + (f.isWholeFile() ? "" : "\n" + f.part() + " at 0x"
                + Long.toHexString(f.extent().offset()) + ", " + fmt(f.size()) + " bytes") + "\nsha256 of the file "
                + f.file().sha256()));
        String go = c.go() != null && c.go().version() != null ? "  \u00B7  " + c.go().version() : "";
        Label identity = new Label(c.format().label() + "  \u00B7  " + c.arch().label() + "  \u00B7  "
                + c.bits() + "-bit  \u00B7  " + c.kind().label() + "  \u00B7  " + c.os().goos() + go);
        identity.setId("compare-" + side.toLowerCase(Locale.ROOT) + "-identity");
        String where = f.isWholeFile() ? ""
                : String.format(Locale.ROOT, " at 0x%x of %s (%,d bytes)", f.extent().offset(), f.fileName(),
                        f.file().size());
        Label size = new Label(String.format(Locale.ROOT, "%,d bytes%s  \u00B7  %s  \u00B7  sha256 %s%.12s", f.size(),
                where, c.linkage().dynamic() ? "dynamic" : "static", f.isWholeFile() ? "" : "of the file ",
                f.file().sha256()));
        size.setId("compare-" + side.toLowerCase(Locale.ROOT) + "-size");
        for (Label l : List.of(name, identity, size)) {
            l.setMinWidth(0);
            l.setWrapText(true); // a narrow window wraps the header lines rather than cut them
        }
        box.getChildren().addAll(name, identity, size);
    }

    private void render(BuildDiff d) {
        summary.getChildren().clear();
        if (graph != null) graph.dispose();
        graph = null;
        if (d == null) return;
        // a click on a node shows that symbol in the Symbols tab of this comparison
        graph = new SymbolDiffGraphView(d, name -> {
            vm.symbolFilterProperty().set(name);
            tabs.getSelectionModel().select(0);
        });
        graphTab.setContent(graph);
        for (Consequence c : d.consequences()) summary.getChildren().add(consequence(c));
        summary.getChildren().add(phrases(CompareTexts.deltaPhrases(d), "diff-delta", "diff-deltas"));
        tableFacet.getItems().setAll(new ArrayList<SymbolTable>());
        tableFacet.getItems().add(null);
        tableFacet.getItems().addAll(vm.tables());
        tableFacet.getSelectionModel().selectFirst();
        for (ToggleButton b : linkageButtons) {
            CompareViewModel.Linkage l = (CompareViewModel.Linkage) b.getUserData();
            b.setText(l == CompareViewModel.Linkage.ALL ? l.label() : l.label() + " " + fmt(vm.count(l)));
            b.setTooltip(new Tooltip(switch (l) {
                case ALL -> "Every symbol change";
                case EXPORTS -> "Symbols this binary offers others: defined dynamic symbols (.dynsym), PE exports, "
                        + "the Mach-O export trie";
                case IMPORTS -> "Symbols this binary takes from libraries: undefined dynamic symbols, PE imports, "
                        + "undefined Mach-O symbols";
                case INTERNAL -> "Neither: static symbol tables (.symtab, COFF), Go pclntab functions";
            }));
        }
        renderMaps();
        renderLibraries(d);
        renderGo(d);
        renderHardening(d);
        findings.getItems().setAll(d.findings());
        findings.setPlaceholder(new Label("No finding is new or gone"));
        noise.getItems().setAll(d.noise());
    }

    /**
     * A consequence as whole phrases: its cause, then each effect; lines break between phrases, never inside one
     * (only a phrase wider than the whole pane wraps within itself).
     */
    private static Node consequence(Consequence c) {
        FlowPane line = new FlowPane(6, 2);
        line.getStyleClass().add("diff-consequence-line");
        line.getChildren().add(phrase("\u25B6 " + c.cause() + (c.effects().isEmpty() ? "" : ":"), "diff-consequence", line));
        for (int i = 0; i < c.effects().size(); i++) {
            line.getChildren().add(phrase(c.effects().get(i) + (i < c.effects().size() - 1 ? "," : ""),
                    "diff-consequence", line));
        }
        return line;
    }

    /** Phrases separated by a middle dot, broken into lines only between phrases. */
    private static Node phrases(List<String> texts, String phraseClass, String paneClass) {
        FlowPane pane = new FlowPane(0, 2);
        pane.getStyleClass().add(paneClass);
        for (int i = 0; i < texts.size(); i++) {
            Label p = phrase(texts.get(i), phraseClass, pane);
            if (i < texts.size() - 1) {
                // the separator belongs to the phrase before it, so no line starts with a dot
                p.setText(texts.get(i) + "   \u00B7   ");
            }
            p.setUserData(texts.get(i));
            pane.getChildren().add(p);
        }
        return pane;
    }

    /**
     * A label of one phrase: the flow pane gives it its whole width (it moves to the next line rather than break);
     * only when it is wider than the pane itself it wraps, instead of being cut off.
     */
    private static Label phrase(String text, String cls, FlowPane pane) {
        Label l = new Label(text);
        l.getStyleClass().add(cls);
        l.setWrapText(true);
        l.maxWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> pane.getWidth() > 0 ? pane.getWidth() : Double.MAX_VALUE, pane.widthProperty()));
        return l;
    }

    /** The symbol graph of the shown comparison, or null. */
    public SymbolDiffGraphView symbolGraph() {
        return graph;
    }

    public TabPane tabs() {
        return tabs;
    }

    public CompareViewModel viewModel() {
        return vm;
    }

    /** Stops the symbol graph's worker (the panel is closed). */
    public void dispose() {
        if (graph != null) graph.dispose();
    }

    // ---- symbols ---------------------------------------------------------------------------------------

    private Node symbolsTab() {
        TextField filter = new TextField();
        filter.setId("symbol-filter");
        filter.setPromptText("Filter symbols");
        filter.textProperty().bindBidirectional(vm.symbolFilterProperty());
        ToggleButton added = facet("Added", "diff-added", vm.showAddedProperty());
        ToggleButton removed = facet("Removed", "diff-removed", vm.showRemovedProperty());
        ToggleButton changed = facet("Changed", "diff-changed", vm.showChangedProperty());
        tableFacet.setId("table-facet");
        tableFacet.setConverter(new StringConverter<>() {
            @Override
            public String toString(SymbolTable t) {
                return t == null ? "All tables" : t.label();
            }

            @Override
            public SymbolTable fromString(String s) {
                return null;
            }
        });
        tableFacet.valueProperty().bindBidirectional(vm.tableFacetProperty());
        symbolCount.setId("symbol-count");
        vm.visibleSymbols().addListener((ListChangeListener<SymbolChange>) c -> countSymbols());
        vm.allSymbols().addListener((ListChangeListener<SymbolChange>) c -> countSymbols());
        ToggleGroup linkage = new ToggleGroup();
        HBox linkageBox = new HBox(0);
        linkageBox.getStyleClass().add("linkage-facet");
        for (CompareViewModel.Linkage l : CompareViewModel.Linkage.values()) {
            ToggleButton b = new ToggleButton(l.label());
            b.setId("linkage-" + l.name().toLowerCase(Locale.ROOT));
            b.getStyleClass().addAll("diff-facet", "diff-linkage");
            b.setToggleGroup(linkage);
            b.setUserData(l);
            b.setSelected(l == vm.linkageFacetProperty().get());
            b.setMinWidth(Region.USE_PREF_SIZE);
            linkageButtons.add(b);
            linkageBox.getChildren().add(b);
        }
        linkage.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) a.setSelected(true); // one facet is always on
            else vm.linkageFacetProperty().set((CompareViewModel.Linkage) t.getUserData());
        });
        vm.linkageFacetProperty().addListener((o, a, l) -> linkageButtons.forEach(b -> b.setSelected(b.getUserData() == l)));
        HBox bar = new HBox(6, filter, added, removed, changed, linkageBox, tableFacet, symbolCount);
        for (javafx.scene.control.Control c : List.of(added, removed, changed, tableFacet, symbolCount)) {
            c.setMinWidth(Region.USE_PREF_SIZE); // the filter field gives way, the facets keep their words
        }
        filter.setMinWidth(120);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        HBox.setHgrow(filter, Priority.ALWAYS);

        symbolTable.setId("symbol-table");
        symbolTable.setItems(vm.visibleSymbols());
        symbolTable.getColumns().add(col("", 28, s -> mark(s.kind())));
        symbolTable.getColumns().add(col("Table", 90, s -> s.table().label()));
        TableColumn<SymbolChange, String> name = col("Symbol", 420, SymbolChange::displayName);
        symbolTable.getColumns().add(name);
        symbolTable.getColumns().add(col("Old size", 80, s -> s.oldSymbol() == null ? "" : fmt(s.oldSymbol().size())));
        symbolTable.getColumns().add(col("New size", 80, s -> s.newSymbol() == null ? "" : fmt(s.newSymbol().size())));
        symbolTable.getColumns().add(col("\u0394", 70, s -> s.sizeDelta() == 0 ? "" : signed(s.sizeDelta())));
        symbolTable.getColumns().add(col("What changed", 160, s -> String.join(", ", s.changedFields())));
        symbolTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN); // no empty strip
        symbolTable.setRowFactory(t -> {
            TableRow<SymbolChange> row = new TableRow<>() {
                @Override
                protected void updateItem(SymbolChange s, boolean empty) {
                    super.updateItem(s, empty);
                    getStyleClass().removeAll("diff-added", "diff-removed", "diff-changed");
                    if (!empty && s != null) getStyleClass().add(kindClass(s.kind()));
                }
            };
            // double-click: the bytes in the new binary's hex view (the old one's for a removed symbol)
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) vm.showHex(!known(row.getItem().newSymbol()));
            });
            return row;
        });
        symbolTable.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> vm.selectSymbol(s));
        symbolTable.setContextMenu(hexMenu(() -> {
            SymbolChange s = symbolTable.getSelectionModel().getSelectedItem();
            return s == null ? new boolean[] {false, false} : new boolean[] {known(s.oldSymbol()), known(s.newSymbol())};
        }));
        symbolTable.setPlaceholder(new Label("No symbol differs"));
        return new BorderPane(symbolTable, bar, null, null, null);
    }

    private static boolean known(dev.crosslens.model.Symbol s) {
        return s != null && s.extent().isKnown();
    }

    /** "Show in the old / new binary's hex view" for the selected row; {@code sides} says which sides have bytes. */
    private ContextMenu hexMenu(java.util.function.Supplier<boolean[]> sides) {
        MenuItem old = new MenuItem("Show old bytes in the OLD binary's hex view");
        old.setOnAction(e -> vm.showHex(true));
        MenuItem neu = new MenuItem("Show new bytes in the NEW binary's hex view");
        neu.setOnAction(e -> vm.showHex(false));
        ContextMenu menu = new ContextMenu(old, neu);
        menu.setOnShowing(e -> {
            boolean[] has = sides.get();
            old.setDisable(!has[0]);
            neu.setDisable(!has[1]);
        });
        return menu;
    }

    private void countSymbols() {
        symbolCount.setText(String.format(Locale.ROOT, "%,d of %,d", vm.visibleSymbols().size(), vm.allSymbols().size()));
    }

    private static ToggleButton facet(String text, String style, javafx.beans.property.BooleanProperty p) {
        ToggleButton b = new ToggleButton(text);
        b.setId("facet-" + text.toLowerCase(Locale.ROOT));
        b.getStyleClass().addAll("diff-facet", style);
        b.selectedProperty().bindBidirectional(p);
        return b;
    }

    // ---- sections: diverging bars and the two maps ---------------------------------------------------------

    private Node sectionsTab() {
        bars.setId("section-bars");
        bars.setPadding(new Insets(4, 8, 8, 8));
        Label barsTitle = new Label("Size change per section: file bytes and memory (VM) bytes, each on its own scale");
        barsTitle.getStyleClass().add("compare-subtitle");
        ToggleGroup sort = new ToggleGroup();
        ToggleButton byFile = new ToggleButton("file change");
        ToggleButton byMemory = new ToggleButton("memory change");
        byFile.setId("sort-by-file");
        byMemory.setId("sort-by-memory");
        for (ToggleButton t : List.of(byFile, byMemory)) {
            t.setToggleGroup(sort);
            t.getStyleClass().add("diff-facet");
        }
        byMemory.setSelected(vm.sortByMemoryProperty().get());
        byFile.setSelected(!vm.sortByMemoryProperty().get());
        sort.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) (a == null ? byFile : (ToggleButton) a).setSelected(true); // one of the two stays on
            else vm.sortByMemoryProperty().set(t == byMemory);
        });
        HBox head = new HBox(8, barsTitle, grow(), new Label("Sort by"), byFile, byMemory);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, head, bars, maps);
        box.setPadding(new Insets(4));
        return scroll(box);
    }

    private static Region grow() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /**
     * The diverging bars: per section a file-bytes bar and a memory-bytes bar (grown right, shrunk left, each
     * column on its own scale, so a 33 MB .bss next to a 1 MB .text still shows both), then a total row whose
     * file change is the file's (the rows add up to it, [headers, gaps...] included) and whose memory change is
     * the sum of the sections' memory sizes.
     */
    private void drawBars() {
        bars.getChildren().clear();
        BuildDiff d = vm.diffProperty().get();
        if (vm.sectionBars().isEmpty()) {
            bars.getChildren().add(new Label("No section changed size or permissions"));
            return;
        }
        long fileTotal = d == null ? 0 : d.totals().fileDelta();
        long memTotal = d == null ? 0 : d.totals().vmDelta();
        long fileMax = Math.max(Math.abs(fileTotal), vm.sectionBars().stream().mapToLong(s -> Math.abs(s.fileDelta())).max().orElse(0));
        long memMax = Math.max(Math.abs(memTotal), vm.sectionBars().stream().mapToLong(s -> Math.abs(s.vmDelta())).max().orElse(0));
        bars.getChildren().add(barHead());
        for (SizeChange s : vm.sectionBars()) {
            Label name = barLabel(mark(s.kind()) + " " + s.name(), NAME_WIDTH, "diff-bar-name");
            Label perms = barLabel(s.permissionsChanged() ? s.oldPermissions() + " \u2192 " + s.newPermissions() : "",
                    90, "diff-bar-perms");
            HBox row = barRow(name, s.fileDelta(), fileMax, s.vmDelta(), memMax, perms);
            row.setUserData(s);
            row.setOnMouseClicked(e -> {
                vm.selectSize(s);
                if (e != null && e.getClickCount() == 2) vm.showHex(s.newExtent() == null || !s.newExtent().isKnown());
            });
            installMenu(row, hexMenu(() -> new boolean[] {s.oldExtent() != null && s.oldExtent().isKnown(),
                    s.newExtent() != null && s.newExtent().isKnown()}));
            Tooltip tip = new Tooltip(String.format(Locale.ROOT, "%s%nfile   %,d \u2192 %,d  (%s)%nmemory %,d \u2192 %,d  (%s)%s",
                    s.name(), s.oldFileSize(), s.newFileSize(), signed(s.fileDelta()), s.oldVmSize(), s.newVmSize(),
                    signed(s.vmDelta()), s.oldPermissions() != null || s.newPermissions() != null
                            ? "\npermissions " + v(s.oldPermissions()) + " \u2192 " + v(s.newPermissions()) : ""));
            tip.setShowDelay(javafx.util.Duration.millis(200));
            Tooltip.install(row, tip);
            bars.getChildren().add(row);
        }
        long fileSum = vm.sectionBars().stream().mapToLong(SizeChange::fileDelta).sum();
        long memSum = vm.sectionBars().stream().mapToLong(SizeChange::vmDelta).sum();
        Label total = barLabel("Total", NAME_WIDTH, "diff-bar-name");
        HBox row = barRow(total, fileSum, fileMax, memSum, memMax, barLabel("", 90, "diff-bar-perms"));
        row.getStyleClass().add("diff-total");
        row.setId("section-total");
        if (d != null) {
            Tooltip.install(row, new Tooltip(String.format(Locale.ROOT, "file   %,d \u2192 %,d bytes  (%s)%n"
                    + "memory %,d \u2192 %,d bytes  (%s), the sum of the sections' memory sizes",
                    d.totals().oldFile(), d.totals().newFile(), signed(fileTotal), d.totals().oldVm(),
                    d.totals().newVm(), signed(memTotal))));
        }
        bars.getChildren().add(row);
    }

    static final double NAME_WIDTH = 250;
    static final double DELTA_WIDTH = 110;

    private HBox barHead() {
        HBox head = new HBox(4, barLabel("section", NAME_WIDTH, "diff-bar-head"),
                barLabel("\u25C0 shrank     file bytes     grew \u25B6", 2 * HALF_BAR + 1, "diff-bar-head"),
                barLabel("", DELTA_WIDTH, "diff-bar-head"),
                barLabel("\u25C0 shrank   memory (VM) bytes   grew \u25B6", 2 * HALF_BAR + 1, "diff-bar-head"),
                barLabel("", DELTA_WIDTH, "diff-bar-head"), barLabel("permissions", 90, "diff-bar-head"));
        for (int i : new int[] {1, 3}) ((Label) head.getChildren().get(i)).setAlignment(Pos.CENTER);
        head.setAlignment(Pos.CENTER_LEFT);
        return head;
    }

    private static HBox barRow(Label name, long file, long fileMax, long mem, long memMax, Label perms) {
        Label fileText = barLabel(file == 0 ? "" : signed(file), DELTA_WIDTH, "diff-bar-value");
        Label memText = barLabel(mem == 0 ? "" : signed(mem), DELTA_WIDTH, "diff-bar-value");
        fileText.getStyleClass().add("diff-bar-file");
        memText.getStyleClass().add("diff-bar-memory");
        HBox row = new HBox(4, name, diverging(file, fileMax, false), fileText, diverging(mem, memMax, true), memText, perms);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("diff-bar-row");
        return row;
    }

    /** One diverging bar: a half on each side of a one-pixel axis; the bar grows out from the axis. */
    private static HBox diverging(long delta, long max, boolean memory) {
        double w = max == 0 || delta == 0 ? 0 : Math.max(2, HALF_BAR * Math.abs(delta) / (double) max);
        Region bar = new Region();
        bar.getStyleClass().addAll("diff-bar", delta < 0 ? "diff-removed" : "diff-added", memory ? "diff-vm" : "diff-file");
        bar.setMinSize(w, 14);
        bar.setPrefSize(w, 14);
        bar.setMaxSize(w, 14);
        StackPane left = new StackPane();
        StackPane right = new StackPane();
        for (StackPane half : List.of(left, right)) {
            half.setMinWidth(HALF_BAR);
            half.setPrefWidth(HALF_BAR);
            half.setMaxWidth(HALF_BAR);
        }
        left.setAlignment(Pos.CENTER_RIGHT);
        right.setAlignment(Pos.CENTER_LEFT);
        if (w > 0) (delta < 0 ? left : right).getChildren().add(bar);
        Region axis = new Region();
        axis.getStyleClass().add("diff-axis");
        axis.setMinWidth(1);
        axis.setPrefWidth(1);
        HBox h = new HBox(0, left, axis, right);
        h.setAlignment(Pos.CENTER);
        return h;
    }

    private static Label barLabel(String text, double width, String cls) {
        Label l = new Label(text);
        l.getStyleClass().add(cls);
        l.setMinWidth(width);
        l.setPrefWidth(width);
        l.setMaxWidth(width);
        if (cls.equals("diff-bar-value")) l.setAlignment(Pos.CENTER_RIGHT);
        l.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
        return l;
    }

    private static void installMenu(Node n, ContextMenu menu) {
        n.setOnContextMenuRequested(e -> {
            menu.show(n, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    private void renderMaps() {
        maps.show(vm.oldSideProperty().get(), vm.newSideProperty().get(), vm.sectionLinks());
    }

    // ---- libraries, Go, hardening, noise -----------------------------------------------------------------

    private void renderLibraries(BuildDiff d) {
        TreeItem<String> root = new TreeItem<>("libraries");
        for (LibraryChange l : d.libraries()) {
            String imports = CompareTexts.imports(l);
            TreeItem<String> lib = new TreeItem<>(mark(l.kind()) + " " + l.library()
                    + (imports.isEmpty() ? "" : "   (" + imports + ")"));
            lib.setExpanded(d.libraries().size() <= 3); // a few libraries: their imports show at once
            for (String i : l.importsAdded()) lib.getChildren().add(new TreeItem<>("+ " + i));
            for (String i : l.importsRemoved()) lib.getChildren().add(new TreeItem<>("\u2212 " + i));
            root.getChildren().add(lib);
        }
        for (FieldChange r : d.rpaths()) root.getChildren().add(new TreeItem<>(mark(r.kind()) + " rpath "
                + v(r.newValue() != null ? r.newValue() : r.oldValue())));
        if (root.getChildren().isEmpty()) root.getChildren().add(new TreeItem<>("No needed library changed"));
        libraries.setShowRoot(false);
        libraries.setRoot(root);
        libraries.setCellFactory(t -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("diff-added", "diff-removed", "diff-changed");
                setText(empty ? null : s);
                if (!empty && s != null) {
                    if (s.startsWith("+")) getStyleClass().add("diff-added");
                    else if (s.startsWith("\u2212")) getStyleClass().add("diff-removed");
                    else if (s.startsWith("~")) getStyleClass().add("diff-changed");
                }
            }
        });
    }

    private void renderGo(BuildDiff d) {
        goPane.getChildren().clear();
        goPane.setPadding(new Insets(8));
        goPane.getChildren().add(subtitle("Go version and build settings"));
        GridPane settings = grid();
        int r = 0;
        for (FieldChange f : d.goSettings()) {
            settings.addRow(r++, new Label(f.field()), styled(v(f.oldValue()), "diff-removed"),
                    new Label("\u2192"), styled(v(f.newValue()), "diff-added"));
        }
        if (r == 0) settings.addRow(0, new Label("No Go setting differs"));
        goPane.getChildren().add(settings);
        goPane.getChildren().add(subtitle("Modules"));
        GridPane modules = grid();
        r = 0;
        for (GoModuleChange m : d.goModules()) {
            String cls = switch (m.kind()) {
                case ADDED -> "diff-added";
                case REMOVED -> "diff-removed";
                default -> "diff-changed";
            };
            modules.addRow(r++, styled(m.kind().name().toLowerCase(Locale.ROOT), cls), new Label(m.path()),
                    new Label(v(m.oldVersion()) + " \u2192 " + v(m.newVersion())),
                    new Label(m.kind() == GoModuleChange.Kind.REPLACED ? "=> " + v(m.newReplacement()) : ""));
        }
        if (r == 0) modules.addRow(0, new Label(d.goSettings().stream().anyMatch(f -> f.field().equals("Go build info"))
                ? "Modules not compared: one side has no Go build info" : "No module differs"));
        goPane.getChildren().add(modules);
    }

    /**
     * Every hardening property of both sides, old badge against new badge: the changed ones first and marked
     * (a regression in red), the unchanged ones after them, dimmed. Hover a badge for its evidence.
     */
    private void renderHardening(BuildDiff d) {
        hardening.getChildren().clear();
        hardening.setHgap(12);
        hardening.setVgap(6);
        hardening.setPadding(new Insets(8));
        CompareSide os = vm.oldSideProperty().get();
        CompareSide ns = vm.newSideProperty().get();
        java.util.Map<String, HardeningChange> changed = new java.util.LinkedHashMap<>();
        for (HardeningChange h : d.hardening()) changed.put(h.id(), h);
        List<String[]> same = new ArrayList<>();
        java.util.Map<String, dev.crosslens.model.HardeningCheck> olds = new java.util.LinkedHashMap<>();
        java.util.Map<String, dev.crosslens.model.HardeningCheck> news = new java.util.LinkedHashMap<>();
        if (os != null && ns != null) {
            for (var h : os.image().core().hardening()) olds.put(h.id(), h);
            for (var h : ns.image().core().hardening()) news.put(h.id(), h);
        }
        int r = 0;
        hardening.addRow(r++, subtitle("property"), subtitle("old"), new Label(""), subtitle("new"), new Label(""));
        for (HardeningChange h : changed.values()) {
            Label verdict = new Label(h.regression() ? "regression" : gained(h) ? "gained" : "changed");
            verdict.getStyleClass().add(h.regression() ? "diff-removed" : gained(h) ? "diff-added" : "diff-changed");
            hardening.addRow(r++, new Label(h.label()), badge(h.oldState(), olds.get(h.id())), new Label("\u2192"),
                    badge(h.newState(), news.get(h.id())), verdict);
        }
        java.util.Set<String> ids = new java.util.LinkedHashSet<>(olds.keySet());
        ids.addAll(news.keySet());
        for (String id : ids) {
            if (changed.containsKey(id)) continue;
            var o = olds.get(id);
            var n = news.get(id);
            Label label = new Label((n != null ? n : o).label());
            Label verdict = new Label("same");
            List<Node> row = List.of(label, badge(o == null ? HardeningState.UNKNOWN : o.state(), o), new Label("\u2192"),
                    badge(n == null ? HardeningState.UNKNOWN : n.state(), n), verdict);
            for (Node x : row) x.getStyleClass().add("hardening-same");
            hardening.addRow(r++, row.toArray(new Node[0]));
        }
        if (changed.isEmpty() && ids.isEmpty()) hardening.addRow(r, new Label("No hardening property is known for these binaries"));
        else if (changed.isEmpty()) hardening.addRow(r, new Label("No hardening property changed"));
    }

    private static boolean gained(HardeningChange h) {
        return rank(h.newState()) > rank(h.oldState());
    }

    private static int rank(HardeningState s) {
        return switch (s) {
            case ENABLED -> 2;
            case PARTIAL -> 1;
            default -> 0;
        };
    }

    private static Label badge(HardeningState s, dev.crosslens.model.HardeningCheck check) {
        Label b = badge(s);
        if (check != null && !check.detail().isEmpty()) b.setTooltip(new Tooltip(check.detail()));
        return b;
    }

    private static Label badge(HardeningState s) {
        Label b = new Label(s.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        b.getStyleClass().addAll("hardening-badge", "hardening-" + s.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return b;
    }

    private Node noiseTab() {
        noise.setId("noise-table");
        noise.getColumns().add(fieldCol("Field", 200, FieldChange::field));
        noise.getColumns().add(valueCol(fieldCol("Old", 330, f -> v(f.oldValue()))));
        noise.getColumns().add(valueCol(fieldCol("New", 330, f -> v(f.newValue()))));
        // build ids are long: the value columns share the width, and a cell shows its whole value on hover
        noise.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        noise.setPlaceholder(new Label("No noise: build ids, timestamps and the entry point are the same"));
        Label note = new Label("Values every build changes without meaning; not counted as differences.");
        note.setPadding(new Insets(4));
        findings.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(FindingChange f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().removeAll("diff-added", "diff-removed");
                if (empty || f == null) {
                    setText(null);
                    return;
                }
                setText((f.kind() == ChangeKind.ADDED ? "new   " : "gone  ") + f.severity().name().toLowerCase(Locale.ROOT)
                        + "   " + f.ruleId() + ": " + f.title());
                getStyleClass().add(f.kind() == ChangeKind.ADDED ? "diff-added" : "diff-removed");
            }
        });
        return new BorderPane(noise, note, null, null, null);
    }

    // ---- export ------------------------------------------------------------------------------------------

    private void export(CompareViewModel.ExportFormat f) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the diff report");
        chooser.setInitialFileName("crosslens-diff." + f.extension());
        File out = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (out != null) {
            vm.export(f, out.toPath(), err -> vm.statusProperty().set(err == null ? "Report written to " + out
                    : "Cannot write the report: " + err));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static <T> TableColumn<T, String> fieldCol(String title, double w, Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(w);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(f.apply(x.getValue())));
        return c;
    }

    /** Values in monospace, cut in the middle when too long, whole in a tooltip. */
    private static <T> TableColumn<T, String> valueCol(TableColumn<T, String> c) {
        c.getStyleClass().add("mono");
        c.setCellFactory(x -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
                setTooltip(empty || s == null ? null : new Tooltip(s));
            }
        });
        return c;
    }

    private static TableColumn<SymbolChange, String> col(String title, double w, Function<SymbolChange, String> f) {
        return fieldCol(title, w, f);
    }

    static String kindClass(ChangeKind k) {
        return switch (k) {
            case ADDED -> "diff-added";
            case REMOVED -> "diff-removed";
            case CHANGED -> "diff-changed";
        };
    }

    private static String mark(ChangeKind k) {
        return switch (k) {
            case ADDED -> "+";
            case REMOVED -> "\u2212";
            case CHANGED -> "~";
        };
    }

    private static Label styled(String text, String cls) {
        Label l = new Label(text);
        l.getStyleClass().add(cls);
        return l;
    }

    private static Label subtitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("compare-subtitle");
        return l;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(4);
        return g;
    }

    private static ScrollPane scroll(Node n) {
        ScrollPane s = new ScrollPane(n);
        s.setFitToWidth(true);
        return s;
    }

    private static String v(String s) {
        return CompareTexts.value(s);
    }

    private static String fmt(long n) {
        return CompareTexts.number(n);
    }

    private static String signed(long n) {
        return CompareTexts.signed(n);
    }

    // ---- for tests and the workbench ---------------------------------------------------------------------

    TableView<SymbolChange> symbolTable() {
        return symbolTable;
    }

    SectionMapsView sectionMaps() {
        return maps;
    }

    /** One row per section whose size changed. */
    List<Node> barRows() {
        return bars.getChildren().stream().filter(n -> n.getUserData() instanceof SizeChange).toList();
    }

}
