package dev.crosslens.app.graph;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;

import java.io.File;

/**
 * The resolution tab: a picker for the graph (resolution flow, dependency tree, section map), a sysroot chooser,
 * a summary line, and the {@link GraphView} below. All work happens in {@link ResolutionViewModel}'s task.
 */
public final class ResolutionView extends BorderPane {
    private final ResolutionViewModel vm;
    private final GraphView graphView;
    private final ComboBox<ResolutionViewModel.Kind> kindPicker = new ComboBox<>();
    private final Label sysrootLabel = new Label();
    private final Label summary = new Label();

    public ResolutionView(ResolutionViewModel vm) {
        this.vm = vm;
        getStyleClass().add("resolution-view");
        getStylesheets().add(GraphView.class.getResource("graph.css").toExternalForm());
        graphView = new GraphView(vm.graph());
        setTop(header());
        setCenter(graphView);
        if (vm.graph().layoutProperty().get() == null && !vm.runningProperty().get()) vm.refresh();
    }

    private javafx.scene.layout.VBox header() {
        kindPicker.setItems(FXCollections.observableArrayList(ResolutionViewModel.Kind.values()));
        kindPicker.setId("graph-kind");
        kindPicker.valueProperty().bindBidirectional(vm.kindProperty());
        Button choose = new Button("Sysroot\u2026");
        choose.setId("choose-sysroot");
        choose.setTooltip(new Tooltip("ELF: the target's / ; PE: a folder of DLLs"));
        choose.setOnAction(e -> chooseSysroot());
        Button reset = new Button("Default");
        reset.setTooltip(new Tooltip("This machine's / for ELF, Wine's DLLs for PE"));
        reset.setOnAction(e -> vm.sysrootProperty().set(null));
        reset.disableProperty().bind(vm.sysrootProperty().isNull());
        sysrootLabel.textProperty().bind(vm.sysrootProperty().asString().map(s -> s.equals("null")
                ? "default sysroot" : s));
        sysrootLabel.getStyleClass().add("resolution-sysroot");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.runningProperty());
        summary.setId("resolution-summary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add("resolution-summary");
        summary.setMaxWidth(Double.MAX_VALUE);
        summary.setWrapText(true);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // the controls on one line, the summary (long: counts and the sysroot path) on its own, wrapping
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {kindPicker, choose, reset}) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        sysrootLabel.setMinWidth(60);
        HBox controls = new HBox(8, kindPicker, choose, reset, sysrootLabel, busy);
        controls.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(4, controls, summary);
        box.setPadding(new Insets(6, 8, 6, 8));
        box.getStyleClass().add("resolution-header");
        return box;
    }

    private void chooseSysroot() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Sysroot (ELF) or DLL folder (PE)");
        if (vm.sysrootProperty().get() != null) dc.setInitialDirectory(vm.sysrootProperty().get().toFile());
        File f = dc.showDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) vm.sysrootProperty().set(f.toPath());
    }

    public ResolutionViewModel viewModel() {
        return vm;
    }

    public GraphView graphView() {
        return graphView;
    }
}
