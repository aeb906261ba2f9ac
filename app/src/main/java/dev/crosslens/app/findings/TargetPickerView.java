package dev.crosslens.app.findings;

import dev.crosslens.model.finding.TargetReason;
import dev.crosslens.model.finding.TargetVerdict;
import dev.crosslens.parsers.analysis.TargetProfile;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** A target combo box, the verdict (RUNS / WILL FAIL / CANNOT TELL) and its reasons. */
public final class TargetPickerView extends VBox {
    private final Label verdictLabel = new Label("Pick a target");
    private final ListView<String> reasons = new ListView<>();

    public TargetPickerView(TargetPickerViewModel vm) {
        super(4);
        setPadding(new Insets(4));
        ComboBox<TargetProfile> combo = new ComboBox<>(vm.targets());
        combo.setId("target-combo");
        combo.setPromptText("Target");
        combo.setCellFactory(lv -> new ProfileCell());
        combo.setButtonCell(new ProfileCell());
        combo.valueProperty().bindBidirectional(vm.targetProperty());
        verdictLabel.setId("target-verdict");
        reasons.setId("target-reasons");
        reasons.setPrefHeight(120);
        vm.verdictProperty().addListener((o, a, v) -> show(v));
        getChildren().addAll(new HBox(8, combo, verdictLabel), reasons);
    }

    private void show(TargetVerdict v) {
        verdictLabel.getStyleClass().removeAll("verdict-runs", "verdict-will_fail", "verdict-cannot_tell");
        if (v == null) {
            verdictLabel.setText("Pick a target");
            reasons.getItems().clear();
            return;
        }
        verdictLabel.setText(v.verdict().label().toUpperCase(java.util.Locale.ROOT) + " on " + v.targetName());
        verdictLabel.getStyleClass().add("verdict-" + v.verdict().name().toLowerCase(java.util.Locale.ROOT));
        reasons.getItems().clear();
        for (TargetReason r : v.reasons()) {
            reasons.getItems().add(r.effect().label() + ": " + r.finding().title() + " [" + r.finding().id() + "]");
        }
        for (String p : v.passed()) reasons.getItems().add("ok: " + p);
    }

    public Label verdictLabel() {
        return verdictLabel;
    }

    private static final class ProfileCell extends ListCell<TargetProfile> {
        @Override
        protected void updateItem(TargetProfile p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : p.name() + "  (" + p.id() + ")");
        }
    }
}
