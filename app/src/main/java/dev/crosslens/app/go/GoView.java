package dev.crosslens.app.go;

import dev.crosslens.app.Workbench;
import dev.crosslens.app.control.Tables;
import dev.crosslens.model.go.GoSetting;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Go build settings, modules and functions per package. */
public final class GoView extends VBox {
    public GoView(GoViewModel vm, Workbench workbench) {
        getStyleClass().add("go-view");
        setPadding(new Insets(10));
        setSpacing(8);
        Label head = new Label(vm.headline());
        head.getStyleClass().add("pane-title");
        head.setId("go-headline");

        TableView<GoSetting> settings = new TableView<>(vm.settings());
        settings.getColumns().addAll(List.of(Tables.column("Setting", 160, GoSetting::key),
                Tables.column("Value", 320, GoSetting::value)));
        settings.getColumns().get(1).getStyleClass().add("mono");
        settings.setPlaceholder(new Label("No build info in this binary"));
        Tables.install(settings, workbench, "go-settings", s -> s, null);

        TableView<GoViewModel.ModuleRow> modules = new TableView<>(vm.modules());
        modules.setId("go-modules");
        modules.getColumns().addAll(List.of(Tables.column("", 50, GoViewModel.ModuleRow::role),
                Tables.column("Module", 300, GoViewModel.ModuleRow::path),
                Tables.column("Version", 140, GoViewModel.ModuleRow::version),
                Tables.column("Replaced by", 240, GoViewModel.ModuleRow::replacedBy),
                Tables.column("Sum", 260, GoViewModel.ModuleRow::sum)));
        modules.setPlaceholder(new Label("No modules recorded"));
        Tables.install(modules, workbench, "go-modules", m -> m, null);

        TableView<GoViewModel.PackageRow> packages = new TableView<>(vm.packages());
        packages.setId("go-packages");
        packages.getColumns().addAll(List.of(Tables.column("Package", 320, GoViewModel.PackageRow::pkg),
                Tables.column("Functions", 90, GoViewModel.PackageRow::functions)));
        packages.setPlaceholder(new Label("No pclntab found"));
        Tables.install(packages, workbench, "go-packages", p -> p, null);

        SplitPane left = new SplitPane(titled("Build settings", settings), titled("Modules", modules));
        left.setOrientation(Orientation.VERTICAL);
        SplitPane split = new SplitPane(left, titled("Functions per package", packages));
        split.setDividerPositions(0.62);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(head, split);
        if (!vm.evidence().isEmpty()) {
            Label ev = new Label("Evidence: " + String.join(" · ", vm.evidence()));
            ev.getStyleClass().add("muted");
            ev.setWrapText(true);
            getChildren().add(1, ev);
        }
    }

    private static VBox titled(String title, TableView<?> t) {
        Label l = new Label(title);
        l.getStyleClass().add("pane-title");
        VBox b = new VBox(4, l, t);
        VBox.setVgrow(t, Priority.ALWAYS);
        return b;
    }
}
