package dev.crosslens.app.findings;

import dev.crosslens.app.Workbench;
import dev.crosslens.app.control.Plural;
import dev.crosslens.app.control.Tables;
import dev.crosslens.model.Severity;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/**
 * The Findings panel: a filter bar (text, minimum severity, counts), the list of findings with a severity icon,
 * and the selected finding's explanation, evidence and fix. Clicking a finding selects its evidence bytes through
 * the view model's callback; Ctrl+C copies the selected findings, the context menu exports the shown ones (CSV,
 * JSON).
 */
public final class FindingsView extends BorderPane {
    private final FindingsViewModel vm;
    private final ListView<Finding> list = new ListView<>();
    private final TextArea details = new TextArea();

    /** @param workbench runs exports and takes the bytes a finding's evidence points at */
    public FindingsView(FindingsViewModel vm, Workbench workbench) {
        this.vm = vm;
        getStyleClass().add("findings-panel");
        TextField filter = new TextField();
        filter.setPromptText("Filter findings");
        filter.setId("findings-filter");
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        ComboBox<Severity> severity = new ComboBox<>();
        severity.setId("findings-severity");
        severity.getItems().setAll(Severity.values());
        severity.valueProperty().bindBidirectional(vm.minimumSeverityProperty());
        Label counts = new Label();
        counts.setId("findings-counts");
        counts.textProperty().bind(Bindings.createStringBinding(() -> Plural.of(vm.count(Severity.ERROR), "error", "errors")
                + ", " + Plural.of(vm.count(Severity.WARNING), "warning", "warnings") + ", " + vm.count(Severity.INFO)
                + " info", vm.allFindings()));
        counts.getStyleClass().add("muted");
        counts.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, filter, severity, counts);
        HBox.setHgrow(filter, Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("toolbar-row");
        setTop(bar);

        list.setId("findings-list");
        list.setItems(vm.visibleFindings());
        list.setCellFactory(lv -> new FindingCell());
        list.setPlaceholder(new Label("No findings for this file"));
        Tables.installList(list, workbench, "findings", new Tables.RowFormat<>(FindingsViewModel.HEADERS,
                FindingsViewModel::cells, f -> f), Finding::primaryExtent);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> {
            vm.selectedProperty().set(f);
            details.setText(f == null ? "" : describe(f));
        });
        vm.selectedProperty().addListener((o, a, f) -> {
            if (f != list.getSelectionModel().getSelectedItem()) list.getSelectionModel().select(f);
        });
        details.setId("findings-details");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(8);
        details.setPromptText("Select a finding to read what it means, its evidence and the fix.");
        SplitPane split = new SplitPane(list, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);
    }

    static String describe(Finding f) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.title()).append("  [").append(f.id()).append(']');
        if (!f.scope().isEmpty()) sb.append(" in ").append(f.scope());
        sb.append("\n\n").append(f.explanation()).append("\n\nEvidence:\n");
        for (Evidence e : f.evidence()) {
            sb.append("  ").append(e.label()).append(": ").append(e.value());
            if (e.extent().isKnown()) sb.append("  @").append(e.extent());
            sb.append('\n');
        }
        if (!f.fix().isEmpty()) sb.append("\nFix: ").append(f.fix());
        return sb.toString();
    }

    public ListView<Finding> list() {
        return list;
    }

    public FindingsViewModel viewModel() {
        return vm;
    }

    /** A finding row: severity icon (a coloured dot with a semantic style class), title, id and scope. */
    private static final class FindingCell extends ListCell<Finding> {
        @Override
        protected void updateItem(Finding f, boolean empty) {
            super.updateItem(f, empty);
            getStyleClass().removeAll("finding-error", "finding-warning", "finding-info");
            if (empty || f == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            String cls = "finding-" + f.severity().name().toLowerCase(java.util.Locale.ROOT);
            getStyleClass().add(cls);
            Circle icon = new Circle(5);
            icon.getStyleClass().addAll("finding-icon", "finding-icon-" + f.severity().name().toLowerCase(java.util.Locale.ROOT));
            setGraphic(icon);
            setText(f.title() + "   " + f.id() + (f.scope().isEmpty() ? "" : "  (" + f.scope() + ")"));
        }
    }
}
