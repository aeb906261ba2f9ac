package dev.crosslens.app.trace;

import dev.crosslens.app.control.Plural;
import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The live (or reopened) trace: a toolbar with search, category/risk filters and Stop; the event table; below
 * it a timeline per process, the process tree, statistics and the program's stdout/stderr. Fed on every pulse by
 * an AnimationTimer that drains the view model's queue in batches, so the FX thread never parses or waits.
 */
public final class TraceView extends BorderPane {
    /** Events moved per pulse at most: bounds the work one frame does. */
    public static final int BATCH = 5_000;
    /** FX-thread time one pulse may spend moving events (the rest of the frame is CSS, layout and the timeline). */
    public static final long DRAIN_BUDGET_NANOS = 6_000_000L;

    private final TraceViewModel vm;
    private final TableView<TraceEvent> table = new TableView<>();
    private final TimelineCanvas timeline = new TimelineCanvas();
    private final TreeView<String> tree = new TreeView<>();
    private final AnimationTimer pulse;
    private long lastTimeline;
    private boolean timelineDirty;
    private Tab timelineTab;
    private List<TraceViewModel.ProcessRow> treeRows = List.of();

    public TraceView(TraceViewModel vm) {
        this.vm = vm;
        getStyleClass().add("trace-view");
        getStylesheets().add(TraceView.class.getResource("trace.css").toExternalForm());
        setTop(toolbar());
        SplitPane split = new SplitPane(eventTable(), bottomTabs());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        setCenter(split);
        vm.events().addListener((ListChangeListener<TraceEvent>) c -> timelineDirty = true);
        vm.processes().addListener((ListChangeListener<TraceViewModel.ProcessRow>) c -> rebuildTree());
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (vm.queued() > 0) vm.drain(BATCH, DRAIN_BUDGET_NANOS);
                // the timeline is drawn only while its tab shows, at most 4 times a second during a run
                if (timelineDirty && timelineTab.isSelected()
                        && (now - lastTimeline > 250_000_000L || !vm.runningProperty().get())) {
                    redrawTimeline();
                    lastTimeline = now;
                }
            }
        };
        sceneProperty().addListener((o, a, b) -> {
            if (b != null) pulse.start(); else pulse.stop();
        });
    }

    public TraceViewModel viewModel() {
        return vm;
    }

    private ToolBar toolbar() {
        Label title = new Label();
        title.textProperty().bind(vm.titleProperty());
        title.getStyleClass().add("trace-title");
        TextField search = new TextField();
        search.setPromptText("search name, path, endpoint, errno…");
        search.setId("trace-search");
        search.textProperty().bindBidirectional(vm.filterTextProperty());
        ComboBox<TraceCategory> cat = new ComboBox<>();
        cat.getItems().add(null);
        cat.getItems().addAll(TraceCategory.values());
        cat.setPromptText("all categories");
        cat.setId("trace-category");
        cat.valueProperty().bindBidirectional(vm.categoryProperty());
        ComboBox<RiskLevel> risk = new ComboBox<>();
        risk.getItems().addAll(RiskLevel.values());
        risk.setId("trace-risk");
        risk.valueProperty().bindBidirectional(vm.minRiskProperty());
        CheckBox errors = new CheckBox("errors only");
        errors.selectedProperty().bindBidirectional(vm.errorsOnlyProperty());
        Button stop = new Button("Stop");
        stop.setId("trace-stop");
        stop.disableProperty().bind(vm.runningProperty().not());
        stop.setOnAction(e -> vm.stop());
        Label status = new Label();
        status.setId("trace-status");
        status.textProperty().bind(vm.statusProperty());
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.visibleEvents().size() + " / " + vm.events().size(), vm.visibleEvents(), vm.events()));
        return new ToolBar(title, search, cat, new Label("risk ≥"), risk, errors, stop, count, status);
    }

    private TableView<TraceEvent> eventTable() {
        table.setId("trace-events");
        table.setItems(vm.visibleEvents());
        table.getColumns().add(col("#", 50, e -> Long.toString(e.seq())));
        table.getColumns().add(col("time ms", 80, e -> String.format("%.3f", e.timeMicros() / 1000.0)));
        table.getColumns().add(col("pid", 55, e -> Integer.toString(e.pid())));
        table.getColumns().add(col("tid", 55, e -> Integer.toString(e.tid())));
        table.getColumns().add(col("origin", 110, TraceEvent::origin));
        table.getColumns().add(col("source", 85, e -> e.source().name().toLowerCase()));
        table.getColumns().add(col("call", 150, TraceEvent::name));
        table.getColumns().add(col("arguments", 330, e -> String.join(", ", e.arguments())));
        table.getColumns().add(col("result", 90, e -> e.result() == null ? "" : e.result()));
        table.getColumns().add(col("errno", 90, e -> e.errno() == null ? "" : e.errno()));
        table.getColumns().add(col("risk", 70, e -> e.risk() == RiskLevel.NONE ? "" : e.risk().label()));
        var windowsApi = col("Windows API", 190, e -> e.windowsApi() == null ? "" : e.windowsApi());
        // under Wine the column is the API the program called; elsewhere it is the Windows call the syscall serves
        vm.headerProperty().addListener((o, a, h) -> windowsApi.setText(
                h == null || "wine".equals(h.runner()) ? "Windows API" : "Windows equivalent"));
        table.getColumns().add(windowsApi);
        table.getColumns().add(col("note / reason", 300, e -> join(e.riskReason(), e.note())));
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(TraceEvent e, boolean empty) {
                super.updateItem(e, empty);
                getStyleClass().removeAll("risk-low", "risk-medium", "risk-high", "risk-critical", "event-failed");
                if (!empty && e != null) {
                    if (e.risk() != RiskLevel.NONE) getStyleClass().add("risk-" + e.risk().label());
                    else if (e.failed()) getStyleClass().add("event-failed");
                }
            }
        });
        return table;
    }

    private static String join(String a, String b) {
        if (a.isEmpty()) return b;
        return b.isEmpty() ? a : a + " — " + b;
    }

    private static TableColumn<TraceEvent, String> col(String name, double width, Function<TraceEvent, String> f) {
        TableColumn<TraceEvent, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }

    private TabPane bottomTabs() {
        TabPane tabs = new TabPane();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        timeline.setMinHeight(120);
        tree.setId("trace-processes");
        tree.setShowRoot(false);
        TextArea out = area(vm.stdoutProperty(), "trace-stdout");
        TextArea err = area(vm.stderrProperty(), "trace-stderr");
        timelineTab = new Tab("Timeline", timeline);
        timelineTab.selectedProperty().addListener((o, a, b) -> {
            if (b && timelineDirty) redrawTimeline();
        });
        tabs.getTabs().addAll(timelineTab, new Tab("Statistics", statistics()),
                new Tab("Processes", tree), new Tab("stdout", out), new Tab("stderr", err));
        tabs.setId("trace-tabs");
        return tabs;
    }

    private static TextArea area(javafx.beans.property.ReadOnlyStringProperty p, String id) {
        TextArea a = new TextArea();
        a.setEditable(false);
        a.setId(id);
        a.getStyleClass().add("trace-output");
        a.textProperty().bind(p);
        return a;
    }

    private GridPane statistics() {
        TableView<TraceViewModel.CallRow> calls = new TableView<>(vm.calls());
        calls.setId("trace-calls");
        TableColumn<TraceViewModel.CallRow, String> n = new TableColumn<>("call");
        n.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().name()));
        n.setPrefWidth(170);
        TableColumn<TraceViewModel.CallRow, Long> c = new TableColumn<>("calls");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().calls()));
        TableColumn<TraceViewModel.CallRow, Long> er = new TableColumn<>("errors");
        er.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().errors()));
        calls.getColumns().add(n);
        calls.getColumns().add(c);
        calls.getColumns().add(er);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setPadding(new Insets(6));
        g.add(titled("Calls and errors", calls), 0, 0);
        g.add(titled("Risk", list(vm.risks(), "trace-risks")), 1, 0);
        g.add(titled("Network endpoints", list(vm.endpoints(), "trace-endpoints")), 2, 0);
        g.add(titled("Processes spawned", list(vm.spawned(), "trace-spawned")), 3, 0);
        g.add(titled("Files touched", list(vm.files(), "trace-files")), 4, 0);
        for (int i = 0; i < 5; i++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setHgrow(Priority.ALWAYS);
            cc.setPercentWidth(i == 0 ? 24 : 19);
            g.getColumnConstraints().add(cc);
        }
        return g;
    }

    private static ListView<String> list(javafx.collections.ObservableList<String> items, String id) {
        ListView<String> l = new ListView<>(items);
        l.setId(id);
        return l;
    }

    private static VBox titled(String title, Region content) {
        Label l = new Label(title);
        l.getStyleClass().add("trace-section");
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox box = new VBox(4, l, content);
        GridPane.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private void rebuildTree() {
        if (vm.processes().equals(treeRows)) return;
        treeRows = List.copyOf(vm.processes());
        TreeItem<String> root = new TreeItem<>("processes");
        Map<Integer, TreeItem<String>> items = new HashMap<>();
        List<TraceViewModel.ProcessRow> rows = vm.processes();
        for (TraceViewModel.ProcessRow r : rows) {
            TreeItem<String> it = new TreeItem<>(r.pid() + "  " + r.name() + "  (" + Plural.of(r.events(), "event", "events") + ")");
            it.setExpanded(true);
            items.put(r.pid(), it);
        }
        for (TraceViewModel.ProcessRow r : rows) {
            TreeItem<String> parent = items.get(r.parent());
            (parent != null && r.parent() != r.pid() ? parent : root).getChildren().add(items.get(r.pid()));
        }
        tree.setRoot(root);
    }

    private void redrawTimeline() {
        timelineDirty = false;
        Map<Integer, String> names = new HashMap<>();
        for (TraceViewModel.ProcessRow r : vm.processes()) names.put(r.pid(), r.name());
        timeline.show(vm.timeline(), names);
    }

    /** Test hook: draws the timeline now. */
    void redrawNow() {
        redrawTimeline();
    }

    TimelineCanvas timeline() {
        return timeline;
    }

    TreeView<String> processTree() {
        return tree;
    }
}
