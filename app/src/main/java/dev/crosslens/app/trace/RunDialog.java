package dev.crosslens.app.trace;

import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.parsers.sandbox.RunRequest;
import dev.crosslens.parsers.sandbox.RunnerKind;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.List;

/**
 * "Run in sandbox…": arguments, environment, working files, time limit, runner, syscall classes, isolation (stated
 * in words) and an optional recording file. Returns the {@link RunRequest} on Run.
 */
public final class RunDialog extends Dialog<RunRequest> {
    public static final ButtonType RUN = new ButtonType("Run", ButtonBar.ButtonData.OK_DONE);
    private final RunDialogViewModel vm;

    public RunDialog(Window owner, RunDialogViewModel vm) {
        this.vm = vm;
        if (owner != null) initOwner(owner);
        setTitle("Run in sandbox — " + vm.binary().getFileName());
        setResizable(true);
        getDialogPane().getStylesheets().add(TraceView.class.getResource("trace.css").toExternalForm());
        getDialogPane().getButtonTypes().addAll(RUN, ButtonType.CANCEL);
        getDialogPane().setContent(form());
        getDialogPane().lookupButton(RUN).disableProperty().bind(vm.runnableProperty().not());
        setResultConverter(b -> b == RUN ? vm.request() : null);
    }

    public RunDialogViewModel viewModel() {
        return vm;
    }

    private GridPane form() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        int r = 0;
        g.addRow(r++, new Label("Program"), new Label(vm.binary().toString()));
        TextField args = new TextField();
        args.setId("run-arguments");
        args.setPromptText("arguments, quoted like a shell");
        args.textProperty().bindBidirectional(vm.argumentsProperty());
        g.addRow(r++, new Label("Arguments"), args);
        TextArea env = new TextArea();
        env.setId("run-environment");
        env.setPrefRowCount(3);
        env.setPromptText("K=V, one per line (PATH, HOME, LANG, TMPDIR are set)");
        env.textProperty().bindBidirectional(vm.environmentProperty());
        g.addRow(r++, new Label("Environment"), env);
        ListView<java.nio.file.Path> files = new ListView<>(vm.workingFiles());
        files.setPrefHeight(70);
        Button add = new Button("Add…");
        add.setOnAction(e -> {
            List<File> picked = new FileChooser().showOpenMultipleDialog(getDialogPane().getScene().getWindow());
            if (picked != null) picked.forEach(f -> vm.workingFiles().add(f.toPath()));
        });
        Button remove = new Button("Remove");
        remove.setOnAction(e -> vm.workingFiles().removeAll(files.getSelectionModel().getSelectedItems()));
        g.addRow(r++, new Label("Working files"), new HBox(6, files, add, remove));
        Spinner<Integer> timeout = new Spinner<>(1, 3600, vm.timeoutSecondsProperty().get());
        timeout.setId("run-timeout");
        timeout.setEditable(true);
        timeout.valueProperty().addListener((o, a, b) -> vm.timeoutSecondsProperty().set(b));
        g.addRow(r++, new Label("Time limit (s)"), timeout);
        ChoiceBox<RunnerKind> runner = new ChoiceBox<>();
        runner.setId("run-runner");
        runner.getItems().addAll(RunnerKind.values());
        runner.valueProperty().bindBidirectional(vm.runnerProperty());
        Label plan = new Label();
        plan.setId("run-plan");
        plan.setWrapText(true);
        plan.setMaxWidth(520);
        plan.textProperty().bind(vm.planProperty());
        g.addRow(r++, new Label("Runner"), new HBox(8, runner, plan));
        FlowPane classes = new FlowPane(8, 4);
        for (TraceCategory c : List.of(TraceCategory.FILE, TraceCategory.NETWORK, TraceCategory.PROCESS,
                TraceCategory.MEMORY, TraceCategory.SIGNAL, TraceCategory.IPC, TraceCategory.TIME)) {
            CheckBox cb = new CheckBox(c.label());
            cb.setId("run-class-" + c.label());
            cb.selectedProperty().addListener((o, a, b) -> {
                if (b) vm.classes().add(c); else vm.classes().remove(c);
            });
            classes.getChildren().add(cb);
        }
        classes.getChildren().add(new Label("(none ticked: every syscall)"));
        g.addRow(r++, new Label("Syscall classes"), classes);
        CheckBox iso = new CheckBox("Isolate with bubblewrap");
        iso.setId("run-isolated");
        iso.selectedProperty().bindBidirectional(vm.isolatedProperty());
        Label isoText = new Label();
        isoText.setId("run-isolation-text");
        isoText.setWrapText(true);
        isoText.setMaxWidth(520);
        isoText.textProperty().bind(vm.isolationTextProperty());
        g.addRow(r++, new Label("Isolation"), new javafx.scene.layout.VBox(4, iso, isoText));
        TextField rec = new TextField();
        rec.setId("run-record");
        rec.setPromptText("record the session to this file (optional)");
        rec.textProperty().addListener((o, a, b) -> vm.recordProperty().set(b == null || b.isBlank() ? null
                : java.nio.file.Path.of(b.trim())));
        g.addRow(r, new Label("Record to"), rec);
        return g;
    }
}
