package dev.crosslens.app.go;

import dev.crosslens.app.Workbench;
import dev.crosslens.app.control.Filterable;
import dev.crosslens.app.control.Plural;
import dev.crosslens.app.control.Tables;
import dev.crosslens.model.go.GoSetting;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Go build settings, modules and functions per package; selecting a package lists its functions (filter with
 * Ctrl+F; a selected function selects its code, the hex view follows).
 */
public final class GoView extends VBox implements Filterable {
    private final TableView<GoViewModel.PackageRow> packages = new TableView<>();
    private final TableView<GoViewModel.FunctionRow> functions = new TableView<>();
    private final TextField filter = new TextField();
    private final GoViewModel vm;

    public GoView(GoViewModel vm, Workbench workbench) {
        this.vm = vm;
        getStyleClass().add("go-view");
        setPadding(new Insets(10));
        setSpacing(8);
        Label head = new Label(vm.headline());
        head.getStyleClass().add("pane-title");
        head.setId("go-headline");
        head.setWrapText(true);
        head.setMinHeight(Region.USE_PREF_SIZE);

        TableView<GoSetting> settings = new TableView<>(vm.settings());
        settings.getColumns().addAll(List.of(Tables.column("Setting", 160, GoSetting::key),
                Tables.column("Value", 320, GoSetting::value)));
        settings.getColumns().get(1).getStyleClass().add("mono");
        settings.setPlaceholder(new Label("No build info in this binary"));
        settings.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.install(settings, workbench, "go-settings", s -> s, null);

        TableView<GoViewModel.ModuleRow> modules = new TableView<>(vm.modules());
        modules.setId("go-modules");
        modules.getColumns().addAll(List.of(Tables.column("", 50, GoViewModel.ModuleRow::role),
                Tables.column("Module", 300, GoViewModel.ModuleRow::path),
                Tables.column("Version", 140, GoViewModel.ModuleRow::version),
                Tables.column("Replaced by", 240, GoViewModel.ModuleRow::replacedBy),
                Tables.column("Sum", 260, GoViewModel.ModuleRow::sum)));
        modules.setPlaceholder(new Label("No modules recorded"));
        modules.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        double[] moduleMin = {50, 220, 100, 90, 90};
        for (int i = 0; i < moduleMin.length; i++) modules.getColumns().get(i).setMinWidth(moduleMin[i]);
        Tables.install(modules, workbench, "go-modules", m -> m, null);

        packages.setId("go-packages");
        packages.setItems(vm.packages());
        packages.getColumns().addAll(List.of(Tables.column("Package", 320, GoViewModel.PackageRow::pkg),
                Tables.numberColumn("Functions", 90, (GoViewModel.PackageRow p) -> (long) p.functions())));
        packages.setPlaceholder(new Label("No pclntab found"));
        packages.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.install(packages, workbench, "go-packages", p -> p, null);
        packages.getSelectionModel().selectedItemProperty().addListener((o, a, p) ->
                vm.selectedPackageProperty().set(p == null ? null : p.pkg()));

        functions.setId("go-functions");
        javafx.collections.transformation.SortedList<GoViewModel.FunctionRow> sorted =
                new javafx.collections.transformation.SortedList<>(vm.functions());
        sorted.comparatorProperty().bind(functions.comparatorProperty());
        functions.setItems(sorted);
        functions.getColumns().addAll(List.of(Tables.column("Function", 420, GoViewModel.FunctionRow::name),
                Tables.hexColumn("Address", 130, GoViewModel.FunctionRow::address),
                Tables.numberColumn("Size", 80, GoViewModel.FunctionRow::size)));
        functions.getColumns().get(0).getStyleClass().add("mono");
        functions.setFixedCellSize(24);
        functions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        functions.getColumns().get(1).setMinWidth(110);
        functions.getColumns().get(2).setMinWidth(60);
        functions.setPlaceholder(new Label(vm.functionCount() == 0 ? "No functions in the pclntab"
                : "No function matches"));
        Tables.install(functions, workbench, "go-functions", f -> f, GoViewModel.FunctionRow::extent);

        filter.setId("go-function-filter");
        filter.setPromptText("Filter functions (Ctrl+F)");
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        Label count = new Label();
        count.setId("go-function-count");
        count.getStyleClass().add("muted");
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            String of = vm.selectedPackageProperty().get() == null ? "" : " in " + vm.selectedPackageProperty().get();
            int n = vm.shownProperty().get();
            return n == vm.listed() ? Plural.of(n, "function", "functions") + of
                    : n + " of " + Plural.of(vm.listed(), "function", "functions") + of;
        }, vm.shownProperty(), vm.selectedPackageProperty()));
        HBox bar = new HBox(8, filter, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox functionsBox = new VBox(4, titledLabel("Functions (select a package to list its own)"), bar, functions);
        VBox.setVgrow(functions, Priority.ALWAYS);

        SplitPane left = new SplitPane(titled("Build settings", settings), titled("Modules", modules));
        left.setOrientation(Orientation.VERTICAL);
        SplitPane right = new SplitPane(titled("Functions per package", packages), functionsBox);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.4);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(head, split);
        if (!vm.evidence().isEmpty()) {
            Label ev = new Label("Evidence: " + String.join(" · ", vm.evidence()));
            ev.setId("go-evidence");
            ev.getStyleClass().add("muted");
            ev.setWrapText(true);
            // a wrapped line keeps all its lines: the split below gives way, not the evidence
            ev.setMinHeight(Region.USE_PREF_SIZE);
            getChildren().add(1, ev);
        }
    }

    private static Label titledLabel(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("pane-title");
        return l;
    }

    private static VBox titled(String title, TableView<?> t) {
        VBox b = new VBox(4, titledLabel(title), t);
        VBox.setVgrow(t, Priority.ALWAYS);
        return b;
    }

    public TableView<GoViewModel.PackageRow> packagesTable() {
        return packages;
    }

    public TableView<GoViewModel.FunctionRow> functionsTable() {
        return functions;
    }

    public TextField filterField() {
        return filter;
    }

    public GoViewModel viewModel() {
        return vm;
    }

    @Override
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }
}
