package dev.crosslens.app.relocations;

import dev.crosslens.app.Workbench;
import dev.crosslens.app.control.Tables;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** How many relocations, in which tables, of which types. */
public final class RelocationsView extends VBox {
    public RelocationsView(RelocationsViewModel vm, Workbench workbench) {
        getStyleClass().add("relocations-view");
        setPadding(new Insets(10));
        setSpacing(8);
        Label total = new Label(vm.total() + " relocations");
        total.getStyleClass().add("pane-title");
        total.setId("relocation-total");
        HBox tables = new HBox(12, box("By table", table(vm.byTable(), workbench, "relocations-by-table")),
                box("By type", table(vm.byType(), workbench, "relocations-by-type")));
        VBox.setVgrow(tables, Priority.ALWAYS);
        getChildren().addAll(total, tables);
    }

    private static VBox box(String title, TableView<RelocationsViewModel.Count> t) {
        Label l = new Label(title);
        l.getStyleClass().add("pane-title");
        VBox b = new VBox(4, l, t);
        VBox.setVgrow(t, Priority.ALWAYS);
        HBox.setHgrow(b, Priority.ALWAYS);
        return b;
    }

    private static TableView<RelocationsViewModel.Count> table(javafx.collections.ObservableList<RelocationsViewModel.Count> rows,
                                                               Workbench workbench, String name) {
        TableView<RelocationsViewModel.Count> t = new TableView<>(rows);
        t.getColumns().addAll(List.of(
                Tables.column("Name", 240, RelocationsViewModel.Count::name),
                Tables.numberColumn("Count", 90, RelocationsViewModel.Count::count),
                Tables.column("Share", 70, (RelocationsViewModel.Count c) -> String.format(Locale.ROOT, "%.1f %%", c.share()))));
        t.setPlaceholder(new Label("No relocations"));
        Tables.install(t, workbench, name, c -> c, null);
        return t;
    }
}
