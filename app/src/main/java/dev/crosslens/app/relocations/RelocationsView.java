package dev.crosslens.app.relocations;

import dev.crosslens.app.Workbench;
import dev.crosslens.app.control.Filterable;
import dev.crosslens.app.control.Tables;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * How many relocations, in which tables, of which types, and every entry in one virtualized table: filter (Ctrl+F),
 * table and type facets (a click on a count picks it), sort, copy, export; a selected entry selects its bytes.
 */
public final class RelocationsView extends VBox implements Filterable {
    private final TableView<RelocationsViewModel.Row> entries = new TableView<>();
    private final TextField filter = new TextField();
    private final Label count = new Label();
    private final TableView<RelocationsViewModel.Count> byTable;
    private final RelocationsViewModel vm;

    public RelocationsView(RelocationsViewModel vm, Workbench workbench) {
        this.vm = vm;
        getStyleClass().add("relocations-view");
        setPadding(new Insets(10));
        setSpacing(8);
        NumberFormat nf = NumberFormat.getIntegerInstance(Locale.ROOT);
        Label total = new Label(nf.format(vm.total()) + (vm.total() == 1 ? " relocation" : " relocations"));
        total.getStyleClass().add("pane-title");
        total.setId("relocation-total");

        byTable = counts(vm.byTable(), workbench, "relocations-by-table");
        TableView<RelocationsViewModel.Count> byType = counts(vm.byType(), workbench, "relocations-by-type");
        byTable.setId("relocations-by-table");
        byType.setId("relocations-by-type");
        SplitPane countsPane = new SplitPane(box("By table", byTable), box("By type", byType));
        countsPane.setOrientation(Orientation.VERTICAL);
        countsPane.setDividerPositions(0.35);

        entries.setId("relocation-entries");
        SortedList<RelocationsViewModel.Row> sorted = new SortedList<>(vm.entries());
        sorted.comparatorProperty().bind(entries.comparatorProperty());
        entries.setItems(sorted);
        TableColumn<RelocationsViewModel.Row, String> symbol = Tables.column("Symbol", 260, r -> r.entry().symbol());
        symbol.getStyleClass().add("mono");
        TableColumn<RelocationsViewModel.Row, String> type = Tables.column("Type", 190, r -> r.entry().type());
        type.getStyleClass().add("mono");
        TableColumn<RelocationsViewModel.Row, Long> addend = Tables.signedHexColumn("Addend", 110,
                (RelocationsViewModel.Row r) -> r.entry().addend());
        TableColumn<RelocationsViewModel.Row, Long> target = Tables.hexColumn("Target", 110,
                (RelocationsViewModel.Row r) -> r.entry().target());
        entries.getColumns().addAll(List.of(
                Tables.column("Table", 130, (RelocationsViewModel.Row r) -> r.entry().table()),
                Tables.hexColumn("Offset / address", 130, (RelocationsViewModel.Row r) -> r.entry().offset()),
                type, addend, target,
                Tables.hexColumn("Entry at", 100, (RelocationsViewModel.Row r) -> r.entry().extent().isKnown()
                        ? r.entry().extent().offset() : null),
                symbol));
        // columns no entry of this format fills start hidden (the table menu shows them)
        addend.setVisible(vm.hasAddends());
        target.setVisible(vm.hasTargets());
        symbol.setVisible(vm.hasSymbols());
        entries.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        double[] minWidths = {110, 130, 150, 90, 90, 80, 120};
        for (int i = 0; i < minWidths.length; i++) entries.getColumns().get(i).setMinWidth(minWidths[i]);
        entries.setFixedCellSize(24); // one line a row: the flow skips measuring rows (tens of thousands of them)
        entries.setPlaceholder(new Label(vm.entryCount() == 0 ? (vm.note().isEmpty() ? "No relocations" : vm.note())
                : "No relocation matches"));
        Tables.install(entries, workbench, "relocations", RelocationsViewModel.Row::entry, r -> r.entry().extent());

        filter.setId("relocation-filter");
        filter.setPromptText("Filter: symbol, type, table, 0x offset");
        filter.setTooltip(new javafx.scene.control.Tooltip("Ctrl+F; a substring, case-insensitive"));
        filter.setPrefColumnCount(18);
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        ComboBox<String> tables = facet("All tables", vm.tables());
        tables.setId("relocation-table-facet");
        tables.valueProperty().bindBidirectional(vm.tableProperty());
        ComboBox<String> types = facet("All types", vm.types());
        types.setId("relocation-type-facet");
        types.valueProperty().bindBidirectional(vm.typeProperty());
        count.setId("relocation-count");
        count.getStyleClass().add("muted");
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.shownProperty().get() == vm.entryCount()
                ? nf.format(vm.entryCount()) + (vm.entryCount() == 1 ? " entry" : " entries")
                : nf.format(vm.shownProperty().get()) + " of " + nf.format(vm.entryCount()) + " entries", vm.shownProperty()));
        HBox bar = new HBox(8, filter, tables, types, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox entriesBox = new VBox(6, title("Entries"), bar, entries);
        VBox.setVgrow(entries, Priority.ALWAYS);

        // a click on a count shows the entries it counts
        byTable.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
            if (c != null && vm.tables().contains(c.name())) vm.tableProperty().set(c.name());
        });
        byType.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
            if (c != null && vm.types().contains(c.name())) vm.typeProperty().set(c.name());
        });

        SplitPane split = new SplitPane(countsPane, entriesBox);
        split.setDividerPositions(0.3);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(total, split);
        if (!vm.note().isEmpty()) {
            Label note = new Label(vm.note());
            note.getStyleClass().add("muted");
            note.setWrapText(true);
            note.setMinHeight(Region.USE_PREF_SIZE);
            getChildren().add(1, note);
        }
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("pane-title");
        return l;
    }

    private static VBox box(String title, TableView<RelocationsViewModel.Count> t) {
        VBox b = new VBox(4, title(title), t);
        VBox.setVgrow(t, Priority.ALWAYS);
        return b;
    }

    private static ComboBox<String> facet(String none, List<String> values) {
        ComboBox<String> c = new ComboBox<>();
        c.getItems().add(null);
        c.getItems().addAll(values);
        c.setButtonCell(cell(none));
        c.setCellFactory(l -> cell(none));
        c.setVisibleRowCount(16);
        return c;
    }

    private static ListCell<String> cell(String none) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? none : item);
            }
        };
    }

    private static TableView<RelocationsViewModel.Count> counts(ObservableList<RelocationsViewModel.Count> rows,
                                                                Workbench workbench, String name) {
        TableView<RelocationsViewModel.Count> t = new TableView<>(rows);
        TableColumn<RelocationsViewModel.Count, String> n = Tables.column("Name", 180, RelocationsViewModel.Count::name);
        n.getStyleClass().add("mono");
        t.getColumns().addAll(List.of(n,
                Tables.numberColumn("Count", 80, RelocationsViewModel.Count::count),
                Tables.column("Share", 70, (RelocationsViewModel.Count c) -> String.format(Locale.ROOT, "%.1f %%", c.share()))));
        t.getColumns().get(2).getStyleClass().add("number");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("No relocations"));
        Tables.install(t, workbench, name, c -> c, null);
        return t;
    }

    public TableView<RelocationsViewModel.Row> entriesTable() {
        return entries;
    }

    /** "N entries" or "N of M entries". */
    public Label countLabel() {
        return count;
    }

    /** The counts by table; a click on one filters the entries to it. */
    public TableView<RelocationsViewModel.Count> byTableTable() {
        return byTable;
    }

    public TextField filterField() {
        return filter;
    }

    public RelocationsViewModel viewModel() {
        return vm;
    }

    @Override
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }
}
