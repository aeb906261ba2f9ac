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
    /** What the verdict line says before a target is chosen. */
    public static final String PROMPT = "Choose the system you mean to run this binary on, and Crosslens tells you"
            + " whether it will run there and why. Type the build you meant (GOOS, GOARCH, CGO, static) to check"
            + " the binary against it too.";

    private final Label verdictLabel = new Label(PROMPT);
    private final ListView<Row> reasons = new ListView<>();

    public TargetPickerView(TargetPickerViewModel vm) {
        super(6);
        this.vm = vm;
        getStyleClass().add("target-picker");
        setPadding(new Insets(4));
        ComboBox<TargetProfile> combo = new ComboBox<>(vm.targets());
        combo.setId("target-combo");
        combo.setPromptText("Choose a target system…");
        combo.setMinWidth(220);
        combo.setCellFactory(lv -> new ProfileCell());
        combo.setButtonCell(new ProfileCell());
        combo.valueProperty().bindBidirectional(vm.targetProperty());
        TextField intent = new TextField();
        intent.setId("target-intent");
        intent.setPromptText("build intent: GOOS=linux,GOARCH=arm64,CGO=0,static");
        intent.setPrefColumnCount(34);
        intent.setTooltip(new Tooltip("What you meant to build, e.g. GOOS=linux,GOARCH=arm64,CGO=0,static;"
                + " Enter checks it"));
        // committed on Enter or when the field loses focus, not on every key
        intent.setText(vm.intentTextProperty().get());
        intent.setOnAction(e -> vm.intentTextProperty().set(intent.getText()));
        intent.focusedProperty().addListener((o, a, f) -> {
            if (!f) vm.intentTextProperty().set(intent.getText());
        });
        Label intentError = new Label();
        intentError.getStyleClass().add("error-text");
        intentError.textProperty().bind(vm.intentErrorProperty());
        intentError.setWrapText(true);
        intentError.managedProperty().bind(intentError.textProperty().isNotEmpty());
        intentError.visibleProperty().bind(intentError.managedProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.checkingProperty());
        verdictLabel.setId("target-verdict");
        verdictLabel.getStyleClass().add("target-verdict");
        verdictLabel.setWrapText(true);
        verdictLabel.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox top = new HBox(8, combo, intent, busy);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(intent, Priority.ALWAYS);
        reasons.setId("target-reasons");
        reasons.setFixedCellSize(24);
        reasons.setPrefHeight(28);
        reasons.managedProperty().bind(reasons.visibleProperty());
        reasons.setCellFactory(lv -> new ReasonCell());
        reasons.setOnMouseClicked(e -> reveal(reasons.getSelectionModel().getSelectedItem()));
        reasons.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) reveal(reasons.getSelectionModel().getSelectedItem());
        });
        vm.verdictProperty().addListener((o, a, v) -> show());
        vm.intentFindings().addListener((ListChangeListener<Finding>) c -> show());
        vm.errorProperty().addListener((o, a, b) -> show());
        vm.checkingProperty().addListener((o, a, b) -> show());
        getChildren().addAll(top, intentError, verdictLabel, reasons);
        show();
    }

    private void reveal(Row r) {
        if (r != null && r.finding() != null) vm.reveal(r.finding());
    }

    private void show() {
        TargetVerdict v = vm.verdictProperty().get();
        verdictLabel.getStyleClass().removeAll("verdict-runs", "verdict-will_fail", "verdict-cannot_tell",
                "target-prompt", "error-text");
        reasons.getItems().clear();
        if (v == null) {
            // No verdict yet: a sentence that says what to do (or why the check failed), no empty list under it.
            String err = vm.errorProperty().get();
            boolean failed = err != null && !err.isEmpty();
            verdictLabel.setText(failed ? err : vm.checkingProperty().get() ? "Checking…" : PROMPT);
            verdictLabel.getStyleClass().add(failed ? "error-text" : "target-prompt");
            reasons.setVisible(false);
            return;
        }
        reasons.setVisible(true);
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
