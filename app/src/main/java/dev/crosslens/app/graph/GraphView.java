package dev.crosslens.app.graph;

import dev.crosslens.model.graph.GraphNode;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import javafx.stage.FileChooser;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one graph component: draws a {@link GraphLayout.Layout} with zoom (wheel, +/-), pan (drag), fit (F),
 * search (Enter cycles through matches), double-click to fold/unfold a group, click to select, and SVG/PNG
 * export. Colours come from style classes in {@code graph.css} ({@code .graph-node.status-unresolved} ...).
 */
public final class GraphView extends BorderPane {
    private final GraphViewModel vm;
    private final Pane viewport = new Pane();
    private final Group content = new Group();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Translate pan = new Translate();
    private final Map<String, Group> nodeViews = new HashMap<>();
    private final TextField searchField = new TextField();
    private final Label statusLabel = new Label();
    private double minFitScale = 0.02;
    private boolean wheelScrolls;
    private Point2D dragStart;
    private int matchIndex = -1;
    private Group highlighted;

    public GraphView(GraphViewModel vm) {
        this.vm = vm;
        getStyleClass().add("graph-view");
        getStylesheets().add(GraphView.class.getResource("graph.css").toExternalForm());
        content.getTransforms().addAll(pan, scale);
        viewport.getChildren().add(content);
        viewport.getStyleClass().add("graph-viewport");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(viewport.widthProperty());
        clip.heightProperty().bind(viewport.heightProperty());
        viewport.setClip(clip);
        viewport.setFocusTraversable(true);
        setCenter(viewport);
        setTop(toolbar());
        setBottom(statusLabel);
        statusLabel.getStyleClass().add("graph-status");
        BorderPane.setMargin(statusLabel, new Insets(2, 8, 2, 8));
        statusLabel.textProperty().bind(vm.statusProperty());
        vm.layoutProperty().addListener((obs, old, l) -> draw(l));
        installNavigation();
        if (vm.layoutProperty().get() != null) draw(vm.layoutProperty().get());
    }

    private ToolBar toolbar() {
        searchField.setPromptText("Search nodes (Enter: next)");
        searchField.setId("graph-search");
        vm.searchProperty().bind(searchField.textProperty());
        searchField.setOnAction(e -> nextMatch());
        Button fit = button("Fit", "Fit the graph to the window (F)", this::fit);
        Button in = button("+", "Zoom in (+)", () -> zoom(1.25, center()));
        Button out = button("\u2212", "Zoom out (-)", () -> zoom(0.8, center()));
        Button expand = button("Expand all", "Unfold every group", vm::expandAll);
        Button collapse = button("Collapse all", "Fold every group into one node", vm::collapseAll);
        Button svg = button("SVG\u2026", "Export the drawing as SVG", () -> export("svg"));
        Button png = button("PNG\u2026", "Export the drawing as PNG", () -> export("png"));
        HBoxSpacer spacer = new HBoxSpacer();
        return new ToolBar(searchField, fit, in, out, expand, collapse, spacer, svg, png);
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Grows to push the export buttons to the right of the toolbar. */
    private static final class HBoxSpacer extends Region {
        HBoxSpacer() {
            javafx.scene.layout.HBox.setHgrow(this, Priority.ALWAYS);
            setMinWidth(8);
        }
    }

    /** The drawing is as {@link #fit()} left it (no zoom, pan or search since): a resize fits it again. */
    private boolean fitted;

    private void installNavigation() {
        viewport.setOnScroll(e -> {
            if (wheelScrolls && !e.isControlDown()) {
                pan.setX(pan.getX() + e.getDeltaX());
                pan.setY(pan.getY() + e.getDeltaY());
            } else {
                zoom(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, new Point2D(e.getX(), e.getY()));
            }
            e.consume();
        });
        viewport.setOnMousePressed(e -> {
            viewport.requestFocus();
            dragStart = new Point2D(e.getX() - pan.getX(), e.getY() - pan.getY());
        });
        viewport.setOnMouseDragged(e -> {
            if (dragStart == null) return;
            fitted = false;
            pan.setX(e.getX() - dragStart.getX());
            pan.setY(e.getY() - dragStart.getY());
        });
        viewport.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F) fit();
            else if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) {
                zoom(1.25, center());
            } else if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
                zoom(0.8, center());
            }
        });
        // first shown, or resized while the whole drawing is shown as fitted: fit it to the new size
        viewport.widthProperty().addListener((o, a, b) -> {
            if ((a.doubleValue() == 0 || fitted) && b.doubleValue() > 0) fit();
        });
        viewport.heightProperty().addListener((o, a, b) -> {
            if (fitted && b.doubleValue() > 0) fit();
        });
    }

    private Point2D center() {
        return new Point2D(viewport.getWidth() / 2, viewport.getHeight() / 2);
    }

    /** Zooms by {@code factor} keeping the point under {@code at} (viewport coordinates) still. */
    public void zoom(double factor, Point2D at) {
        fitted = false;
        double s = Math.max(0.02, Math.min(8, scale.getX() * factor));
        double real = s / scale.getX();
        pan.setX(at.getX() - (at.getX() - pan.getX()) * real);
        pan.setY(at.getY() - (at.getY() - pan.getY()) * real);
        scale.setX(s);
        scale.setY(s);
    }

    /**
     * Never fits below this scale (0.02 unless set): a drawing too big for the window at that scale is shown
     * from its first node (the root), and the rest is a drag (or, with {@link #setWheelScrolls}, a scroll) away.
     */
    public void setMinFitScale(double s) {
        minFitScale = Math.max(0.02, s);
    }

    /** The mouse wheel scrolls the drawing (Ctrl+wheel zooms) instead of zooming. */
    public void setWheelScrolls(boolean scrolls) {
        wheelScrolls = scrolls;
    }

    /** Scales and moves the drawing so all of it is visible (or, at the minimum fit scale, its root). */
    public void fit() {
        GraphLayout.Layout l = vm.layoutProperty().get();
        if (l == null || viewport.getWidth() <= 0) return;
        double s = Math.min(1.5, Math.min((viewport.getWidth() - 20) / Math.max(1, l.width()),
                (viewport.getHeight() - 20) / Math.max(1, l.height())));
        s = Math.max(0.02, s);
        if (s < minFitScale && !l.boxes().isEmpty()) {
            s = minFitScale;
            scale.setX(s);
            scale.setY(s);
            GraphLayout.Box root = l.boxes().get(0);
            double w = l.width() * s;
            pan.setX(w <= viewport.getWidth() - 20 ? (viewport.getWidth() - w) / 2 : 10 - root.x() * s);
            double y = viewport.getHeight() / 2 - (root.y() + root.height() / 2) * s;
            // the root in the middle, but no empty band above or below the drawing
            y = Math.min(10, Math.max(viewport.getHeight() - 10 - l.height() * s, y));
            pan.setY(y);
            return;
        }
        scale.setX(s);
        scale.setY(s);
        pan.setX((viewport.getWidth() - l.width() * s) / 2);
        pan.setY(Math.max(10, (viewport.getHeight() - l.height() * s) / 2));
        fitted = true;
    }

    public double zoomLevel() {
        return scale.getX();
    }

    /** The drawn node for an id, for tests and selection. */
    public Node nodeView(String id) {
        return nodeViews.get(id);
    }

    public int drawnNodeCount() {
        return nodeViews.size();
    }

    private void draw(GraphLayout.Layout l) {
        content.getChildren().clear();
        nodeViews.clear();
        highlighted = null;
        matchIndex = -1;
        if (l == null) return;
        Group edges = new Group();
        for (GraphLayout.Line line : l.lines()) {
            double[] p = line.points();
            if (p.length < 4) continue;
            Polyline pl = new Polyline(p);
            pl.getStyleClass().addAll("graph-edge", "status-" + line.edge().status().name().toLowerCase(Locale.ROOT));
            edges.getChildren().add(pl);
            edges.getChildren().add(arrowHead(p));
            if (line.edge().count() > 0) { // every edge says how many it stands for, as the SVG and DOT exports do
                int mid = (p.length / 4) * 2;
                Text t = new Text(p[mid] + 3, p[mid + 1] - 3, String.valueOf(line.edge().count()));
                t.getStyleClass().add("graph-edge-count");
                edges.getChildren().add(t);
            }
        }
        Group nodes = new Group();
        for (GraphLayout.Box b : l.boxes()) {
            Group g = nodeView(b);
            nodes.getChildren().add(g);
            nodeViews.put(b.node().id(), g);
        }
        content.getChildren().addAll(edges, nodes);
        fit();
    }

    private static Polyline arrowHead(double[] p) {
        int n = p.length;
        double x = p[n - 2];
        double y = p[n - 1];
        double dx = x - p[n - 4];
        double dy = y - p[n - 3];
        double len = Math.max(1e-6, Math.hypot(dx, dy));
        dx /= len;
        dy /= len;
        Polyline head = new Polyline(x - 6 * dx - 3 * dy, y - 6 * dy + 3 * dx, x, y, x - 6 * dx + 3 * dy,
                y - 6 * dy - 3 * dx);
        head.getStyleClass().add("graph-arrow");
        return head;
    }

    private Group nodeView(GraphLayout.Box b) {
        GraphNode n = b.node();
        Rectangle r = new Rectangle(b.x(), b.y(), b.width(), b.height());
        r.setArcWidth(8);
        r.setArcHeight(8);
        r.getStyleClass().addAll("graph-node", "kind-" + n.kind().name().toLowerCase(Locale.ROOT),
                "status-" + n.status().name().toLowerCase(Locale.ROOT));
        Text t = new Text(b.x() + 8, b.y() + b.height() / 2 + 4, GraphNodes.clip(n.label()));
        t.getStyleClass().add("graph-label");
        t.setMouseTransparent(true);
        Group g = new Group(r, t);
        g.setUserData(n);
        Tooltip.install(g, new Tooltip(n.label() + (n.detail().isEmpty() ? "" : "\n" + n.detail())
                + (vm.isGroup(n) ? "\n(double-click to " + (vm.isExpanded(n.id()) ? "fold" : "unfold") + ")" : "")));
        g.setOnMouseClicked(e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            if (e.getClickCount() == 2 && vm.isGroup(n)) {
                vm.toggle(n);
            } else {
                select(g);
                vm.selectedProperty().set(n);
            }
            e.consume();
        });
        return g;
    }

    private void select(Group g) {
        if (highlighted != null) highlighted.getChildren().get(0).getStyleClass().remove("selected");
        highlighted = g;
        g.getChildren().get(0).getStyleClass().add("selected");
    }

    /** Selects the next search match and centres it. */
    public void nextMatch() {
        List<GraphNode> m = vm.matches();
        if (m.isEmpty()) return;
        matchIndex = (matchIndex + 1) % m.size();
        GraphNode n = m.get(matchIndex);
        Group g = nodeViews.get(n.id());
        if (g == null) return;
        select(g);
        vm.selectedProperty().set(n);
        Bounds bb = g.getBoundsInParent();
        fitted = false;
        double s = Math.max(scale.getX(), 0.8);
        scale.setX(s);
        scale.setY(s);
        pan.setX(viewport.getWidth() / 2 - bb.getCenterX() * s);
        pan.setY(viewport.getHeight() / 2 - bb.getCenterY() * s);
    }

    private void export(String kind) {
        GraphLayout.Layout l = vm.layoutProperty().get();
        if (l == null || getScene() == null) return;
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(l.graph().title().replaceAll("[^A-Za-z0-9._-]+", "_") + "." + kind);
        fc.getExtensionFilters().add(dev.crosslens.app.control.Tables.exportFilter(kind));
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f == null) return;
        try {
            if (kind.equals("svg")) exportSvg(l, f);
            else exportPng(f);
        } catch (IOException ex) {
            statusLabel.textProperty().unbind();
            statusLabel.setText("export failed: " + ex.getMessage());
        }
    }

    static void exportSvg(GraphLayout.Layout l, File f) throws IOException {
        try (PrintWriter w = new PrintWriter(f, StandardCharsets.UTF_8)) {
            new SvgExport().write(l, w);
        }
    }

    /** The whole drawing at scale 1 (not just the visible part) as PNG. */
    public void exportPng(File f) throws IOException {
        SnapshotParameters sp = new SnapshotParameters();
        sp.setTransform(new Scale(1 / Math.max(1e-6, scale.getX()), 1 / Math.max(1e-6, scale.getY())));
        WritableImage img = content.snapshot(sp, null);
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", f);
    }
}
