package dev.crosslens.app.findings;

import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.finding.TargetReason;
import dev.crosslens.model.finding.TargetVerdict;
import dev.crosslens.parsers.analysis.TargetProfile;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A target combo box and a build-intent field, the verdict (RUNS / WILL FAIL / CANNOT TELL) and its reasons; a
 * reason with a finding behind it is a link (click or Enter) to that finding.
 */
public final class TargetPickerView extends VBox {
    /** One line under the verdict: a reason (with its finding) or a check that passed. */
    public record Row(String text, String styleClass, Finding finding) {
    }

    private final TargetPickerViewModel vm;
    private final Label verdictLabel = new Label("Pick a target");
    private final ListView<Row> reasons = new ListView<>();

    public TargetPickerView(TargetPickerViewModel vm) {
        super(6);
        this.vm = vm;
        getStyleClass().add("target-picker");
        setPadding(new Insets(4));
        ComboBox<TargetProfile> combo = new ComboBox<>(vm.targets());
        combo.setId("target-combo");
        combo.setPromptText("Target");
        combo.setCellFactory(lv -> new ProfileCell());
        combo.setButtonCell(new ProfileCell());
        combo.valueProperty().bindBidirectional(vm.targetProperty());
        TextField intent = new TextField();
        intent.setId("target-intent");
        intent.setPromptText("build intent: GOOS=linux,GOARCH=arm64,CGO=0,static");
        intent.setPrefColumnCount(28);
        // committed on Enter or when the field loses focus, not on every key
        intent.setText(vm.intentTextProperty().get());
        intent.setOnAction(e -> vm.intentTextProperty().set(intent.getText()));
        intent.focusedProperty().addListener((o, a, f) -> {
            if (!f) vm.intentTextProperty().set(intent.getText());
        });
        Label intentError = new Label();
        intentError.getStyleClass().add("error-text");
        intentError.textProperty().bind(vm.intentErrorProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.checkingProperty());
        verdictLabel.setId("target-verdict");
        verdictLabel.getStyleClass().add("target-verdict");
        HBox top = new HBox(8, combo, intent, busy);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(intent, Priority.SOMETIMES);
        reasons.setId("target-reasons");
        reasons.setFixedCellSize(24);
        reasons.setPrefHeight(28);
        reasons.setCellFactory(lv -> new ReasonCell());
        reasons.setOnMouseClicked(e -> reveal(reasons.getSelectionModel().getSelectedItem()));
        reasons.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) reveal(reasons.getSelectionModel().getSelectedItem());
        });
        vm.verdictProperty().addListener((o, a, v) -> show());
        vm.intentFindings().addListener((ListChangeListener<Finding>) c -> show());
        vm.errorProperty().addListener((o, a, b) -> show());
        getChildren().addAll(top, intentError, verdictLabel, reasons);
        show();
    }

    private void reveal(Row r) {
        if (r != null && r.finding() != null) vm.reveal(r.finding());
    }

    private void show() {
        TargetVerdict v = vm.verdictProperty().get();
        verdictLabel.getStyleClass().removeAll("verdict-runs", "verdict-will_fail", "verdict-cannot_tell");
        reasons.getItems().clear();
        if (v == null) {
            String err = vm.errorProperty().get();
            verdictLabel.setText(err == null || err.isEmpty() ? "Pick a target" : err);
            return;
        }
        verdictLabel.setText(v.verdict().label().toUpperCase(Locale.ROOT) + " on " + v.targetName());
        verdictLabel.getStyleClass().add("verdict-" + v.verdict().name().toLowerCase(Locale.ROOT));
        for (TargetReason r : v.reasons()) {
            reasons.getItems().add(new Row(r.effect().label() + ": " + r.finding().title() + "  [" + r.finding().id() + "]",
                    "reason-" + r.effect().name().toLowerCase(Locale.ROOT), r.finding()));
        }
        for (Finding f : vm.intentFindings()) {
            reasons.getItems().add(new Row("intent: " + f.title() + "  [" + f.id() + "]", "reason-intent", f));
        }
        for (String p : v.passed()) reasons.getItems().add(new Row("ok: " + p, "reason-passed", null));
        fitReasons();
    }

    /** As tall as its rows (up to eight), so a two-line verdict is not followed by a well of empty rows. */
    private void fitReasons() {
        int rows = Math.max(1, Math.min(8, reasons.getItems().size()));
        reasons.setPrefHeight(rows * 24 + 4);
    }

    public Label verdictLabel() {
        return verdictLabel;
    }

    public ListView<Row> reasons() {
        return reasons;
    }

    private static final class ReasonCell extends ListCell<Row> {
        @Override
        protected void updateItem(Row r, boolean empty) {
            super.updateItem(r, empty);
            getStyleClass().removeAll("reason-link", "reason-will_fail", "reason-cannot_tell", "reason-runs",
                    "reason-intent", "reason-passed");
            if (empty || r == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(r.text());
            getStyleClass().add(r.styleClass());
            if (r.finding() != null) {
                getStyleClass().add("reason-link");
                setTooltip(new Tooltip("Show this finding and its evidence"));
            } else {
                setTooltip(null);
            }
        }
    }

    private static final class ProfileCell extends ListCell<TargetProfile> {
        @Override
        protected void updateItem(TargetProfile p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : p.name() + "  (" + p.id() + ")");
        }
    }
}
