package dev.crosslens.app.symbols;

import dev.crosslens.app.Workbench;
import dev.crosslens.app.control.Filterable;
import dev.crosslens.app.control.Tables;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Every symbol in one virtualized table, with an instant filter and facets. */
public final class SymbolsView extends BorderPane implements Filterable {
    private final TableView<SymbolsViewModel.Row> table = new TableView<>();
    private final TextField filter = new TextField();
    private final Label count = new Label();
    private final SymbolsViewModel vm;

    public SymbolsView(SymbolsViewModel vm, Workbench workbench) {
        this.vm = vm;
        getStyleClass().add("symbols-view");
        table.setId("symbols-table");
        table.getColumns().addAll(List.of(
                Tables.column("Name", 300, (SymbolsViewModel.Row r) -> r.symbol().displayName()),
                Tables.column("Raw name", 220, (SymbolsViewModel.Row r) -> r.symbol().name()),
                Tables.column("Bind", 64, (SymbolsViewModel.Row r) -> r.symbol().binding()),
                Tables.column("Type", 64, (SymbolsViewModel.Row r) -> r.symbol().type()),
                Tables.column("Vis", 70, (SymbolsViewModel.Row r) -> r.symbol().visibility()),
                Tables.column("Version", 100, (SymbolsViewModel.Row r) -> nz(r.symbol().version())),
                Tables.column("Library", 120, (SymbolsViewModel.Row r) -> nz(r.symbol().library())),
                Tables.column("Section", 90, (SymbolsViewModel.Row r) -> r.symbol().section()),
                Tables.hexColumn("Address", 120, (SymbolsViewModel.Row r) -> r.symbol().value()),
                Tables.numberColumn("Size", 70, (SymbolsViewModel.Row r) -> r.symbol().size()),
                Tables.column("Table", 80, (SymbolsViewModel.Row r) -> r.symbol().table() == null ? ""
                        : r.symbol().table().label()),
                Tables.column("#", 60, (SymbolsViewModel.Row r) -> r.symbol().index())));
        table.getColumns().get(0).getStyleClass().add("mono");
        table.getColumns().get(1).getStyleClass().add("mono");
        table.setFixedCellSize(24); // every row one line: the flow skips measuring rows
        table.itemsProperty().bind(vm.itemsProperty());
        table.setSortPolicy(t -> {
            vm.sort(t.getComparator());
            return true;
        });
        table.setPlaceholder(new Label(vm.total() == 0 ? "This image has no symbols." : "No symbol matches."));
        Tables.install(table, workbench, "symbols", SymbolsViewModel.Row::symbol, r -> r.symbol().extent());

        filter.setId("symbol-filter");
        filter.setPromptText("Filter symbols (Ctrl+F)");
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        ToggleButton regex = new ToggleButton(".*");
        regex.setId("symbol-regex");
        regex.setTooltip(new Tooltip("Regular expression (case-insensitive)"));
        regex.selectedProperty().bindBidirectional(vm.regexProperty());
        ComboBox<SymbolsViewModel.Definition> def = new ComboBox<>();
        def.getItems().addAll(SymbolsViewModel.Definition.values());
        def.valueProperty().bindBidirectional(vm.definitionProperty());
        ComboBox<SymbolTable> tables = new ComboBox<>();
        tables.getItems().add(null);
        tables.getItems().addAll(vm.tables());
        tables.setButtonCell(cell("All tables", SymbolTable::label));
        tables.setCellFactory(l -> cell("All tables", SymbolTable::label));
        tables.valueProperty().bindBidirectional(vm.tableProperty());
        ComboBox<SymbolBinding> bindings = new ComboBox<>();
        bindings.getItems().add(null);
        bindings.getItems().addAll(vm.bindings());
        bindings.setButtonCell(cell("All bindings", b -> b.name().toLowerCase(Locale.ROOT)));
        bindings.setCellFactory(l -> cell("All bindings", b -> b.name().toLowerCase(Locale.ROOT)));
        bindings.valueProperty().bindBidirectional(vm.bindingProperty());
        count.setId("symbol-count");
        count.getStyleClass().add("muted");
        NumberFormat nf = NumberFormat.getIntegerInstance(Locale.ROOT);
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.filterErrorProperty().get().isEmpty()
                ? nf.format(vm.shownProperty().get()) + " of " + nf.format(vm.total()) + (vm.total() == 1 ? " symbol" : " symbols")
                : "regex: " + vm.filterErrorProperty().get(), vm.shownProperty(), vm.filterErrorProperty()));
        vm.filterErrorProperty().addListener((o, a, err) -> {
            if (err.isEmpty()) filter.getStyleClass().remove("error");
            else if (!filter.getStyleClass().contains("error")) filter.getStyleClass().add("error");
        });
        HBox bar = new HBox(8, filter, regex, def, tables, bindings, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        bar.getStyleClass().add("toolbar-row");
        setTop(bar);
        setCenter(table);
    }

    private static <T> ListCell<T> cell(String none, java.util.function.Function<T, String> label) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? none : label.apply(item));
            }
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public TableView<SymbolsViewModel.Row> table() {
        return table;
    }

    public SymbolsViewModel viewModel() {
        return vm;
    }

    public TextField filterField() {
        return filter;
    }

    @Override
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }
}
