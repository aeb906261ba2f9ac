package dev.crosslens.app.trace;

import dev.crosslens.model.trace.TraceDiff;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/** Two sessions side by side in facts (files, endpoints, processes, APIs added or gone) and aligned events. */
public final class TraceDiffView extends BorderPane {
    public TraceDiffView(TraceDiffViewModel vm) {
        getStyleClass().add("trace-view");
        getStylesheets().add(TraceView.class.getResource("trace.css").toExternalForm());
        Label status = new Label();
        status.setId("diff-status");
        status.textProperty().bind(vm.statusProperty());
        setTop(status);
        TableView<TraceDiffViewModel.Fact> facts = new TableView<>(vm.facts());
        facts.setId("diff-facts");
        TableColumn<TraceDiffViewModel.Fact, String> op = new TableColumn<>("");
        op.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().added() ? "added" : "gone"));
        TableColumn<TraceDiffViewModel.Fact, String> kind = new TableColumn<>("what");
        kind.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().kind()));
        TableColumn<TraceDiffViewModel.Fact, String> val = new TableColumn<>("value");
        val.setPrefWidth(600);
        val.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().value()));
        facts.getColumns().add(op);
        facts.getColumns().add(kind);
        facts.getColumns().add(val);
        facts.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(TraceDiffViewModel.Fact f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().removeAll("diff-added", "diff-removed");
                if (!empty && f != null) getStyleClass().add(f.added() ? "diff-added" : "diff-removed");
            }
        });
        TableView<TraceDiff.Step> steps = new TableView<>(vm.steps());
        steps.setId("diff-steps");
        TableColumn<TraceDiff.Step, String> l = new TableColumn<>("old #");
        l.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().left() < 0 ? "" : "" + cd.getValue().left()));
        TableColumn<TraceDiff.Step, String> r = new TableColumn<>("new #");
        r.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().right() < 0 ? "" : "" + cd.getValue().right()));
        TableColumn<TraceDiff.Step, String> k = new TableColumn<>("event (normalised)");
        k.setPrefWidth(700);
        k.setCellValueFactory(cd -> new ReadOnlyStringWrapper(
                (cd.getValue().op() == TraceDiff.Op.ADDED ? "+ " : cd.getValue().op() == TraceDiff.Op.REMOVED ? "- " : "  ")
                        + cd.getValue().key()));
        steps.getColumns().add(l);
        steps.getColumns().add(r);
        steps.getColumns().add(k);
        steps.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(TraceDiff.Step s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("diff-added", "diff-removed");
                if (!empty && s != null && s.op() != TraceDiff.Op.SAME) {
                    getStyleClass().add(s.op() == TraceDiff.Op.ADDED ? "diff-added" : "diff-removed");
                }
            }
        });
        SplitPane split = new SplitPane(facts, steps);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        setCenter(split);
    }
}
