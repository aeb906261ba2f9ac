package dev.crosslens.app;

import dev.crosslens.app.control.Filterable;
import dev.crosslens.app.control.OffsetNavigable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The tabs of one loaded binary, built from the registry. The models of the views that can be prepared ahead
 * ({@link StandardViews.Prepared}) are built on a worker as soon as the workspace exists, in tab order. The
 * selected tab's Node is built at once; once every model is ready, the other tabs are built one per pulse while
 * the workspace is on screen (so styling and layout of each happen before it is first visited, and no pulse
 * carries more than one view). Showing a tab not built yet builds it then.
 */
public final class ItemWorkspace extends BorderPane {
    private final Workbench workbench;
    private final Map<String, CompletableFuture<Object>> models = new HashMap<>();
    private final CompletableFuture<Void> prepared;
    private final WorkbenchItem item;
    private final TabPane tabs = new TabPane();
    private final ChangeListener<String> onRequest;
    private final CompletableFuture<Void> built = new CompletableFuture<>();
    private final AnimationTimer prebuild = new AnimationTimer() {
        private boolean shownOnce;

        @Override
        public void handle(long now) {
            // the pulse the timer starts in draws the view on screen first; building starts at the next
            if (shownOnce) buildNext();
            shownOnce = true;
        }
    };
    private boolean disposed;
    /** What one pulse may spend building tabs ahead (at least one tab is built per pulse). */
    private static final long PULSE_BUDGET_NANOS = 40_000_000L;

    public ItemWorkspace(Workbench workbench, WorkbenchItem item) {
        this(workbench, item, ForkJoinPool.commonPool());
    }

    /** {@code worker} builds the views' models (the common pool by default). */
    public ItemWorkspace(Workbench workbench, WorkbenchItem item, Executor worker) {
        this.workbench = workbench;
        this.item = item;
        getStyleClass().add("item-workspace");
        Label title = new Label(item.parent() == null ? item.label() : item.root().label() + "  ›  " + item.label());
        title.getStyleClass().add("item-title");
        Label path = new Label(item.path().toString());
        path.getStyleClass().addAll("muted", "mono");
        VBox head = new VBox(2, title, path);
        head.setPadding(new Insets(10, 14, 8, 14));
        head.getStyleClass().add("item-header");
        setTop(head);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("item-tabs");
        for (ViewRegistry.ItemView v : workbench.views().itemViews()) {
            if (!v.appliesTo().test(item)) continue;
            Tab t = new Tab(v.title());
            t.setId("tab-" + v.id());
            t.setUserData(v);
            tabs.getTabs().add(t);
        }
        List<CompletableFuture<Object>> all = new ArrayList<>();
        for (Tab t : tabs.getTabs()) {
            ViewRegistry.ItemView v = (ViewRegistry.ItemView) t.getUserData();
            if (v.factory() instanceof StandardViews.Prepared<?> p) {
                CompletableFuture<Object> f = CompletableFuture.supplyAsync(() -> p.model(item), worker);
                models.put(v.id(), f);
                all.add(f);
            }
        }
        prepared = CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> build(t));
        build(tabs.getSelectionModel().getSelectedItem());
        setCenter(tabs);
        onRequest = (o, a, id) -> {
            if (id != null && workbench.active() == item) show(id);
        };
        workbench.requestedViewProperty().addListener(onRequest);
        sceneProperty().addListener((o, a, scene) -> {
            if (scene == null) prebuild.stop();
            else startPrebuild();
        });
        prepared.whenComplete((x, e) -> Platform.runLater(this::startPrebuild));
    }

    private void startPrebuild() {
        if (!disposed && prepared.isDone() && getScene() != null && !built.isDone()) prebuild.start();
    }

    /**
     * Builds the tabs still without a Node, in order, until this pulse has spent {@link #PULSE_BUDGET_NANOS};
     * when none is left, stops and completes {@link #built()}.
     */
    private void buildNext() {
        long start = System.nanoTime();
        for (Tab t : tabs.getTabs()) {
            if (t.getContent() != null) continue;
            if (System.nanoTime() - start > PULSE_BUDGET_NANOS) return;
            build(t);
        }
        prebuild.stop();
        built.complete(null);
    }

    private void build(Tab t) {
        if (t == null || t.getContent() != null) return;
        ViewRegistry.ItemView v = (ViewRegistry.ItemView) t.getUserData();
        Node n;
        try {
            CompletableFuture<Object> model = models.get(v.id());
            // the model is normally ready by the time a tab is shown; if not, this waits only for its remainder
            n = model != null ? ((StandardViews.Prepared<?>) v.factory()).view(ready(model), workbench)
                    : v.factory().create(workbench, item);
        } catch (RuntimeException e) {
            // A view that cannot show this image says so in its tab instead of taking the window down.
            Label l = new Label(v.title() + " could not be shown: " + e);
            l.setWrapText(true);
            l.getStyleClass().add("error-text");
            n = l;
        }
        t.setContent(n);
    }

    private static Object ready(CompletableFuture<Object> model) {
        try {
            return model.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the view", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Completes when every preparable view's model is built (the data of every tab is ready; a view that failed
     * to prepare says so when shown).
     */
    public CompletableFuture<Void> prepared() {
        return prepared.handle((x, e) -> null);
    }

    /** Completes when every tab has its Node (built ahead in the background, or because it was shown). */
    public CompletableFuture<Void> built() {
        return built;
    }

    /** Selects (and builds) the tab of the view with this id; false when this item has none. */
    public boolean show(String id) {
        for (Tab t : tabs.getTabs()) {
            if (((ViewRegistry.ItemView) t.getUserData()).id().equals(id)) {
                tabs.getSelectionModel().select(t);
                build(t);
                return true;
            }
        }
        return false;
    }

    /** The built view of this id, or null. */
    public Node view(String id) {
        for (Tab t : tabs.getTabs()) {
            if (((ViewRegistry.ItemView) t.getUserData()).id().equals(id)) return t.getContent();
        }
        return null;
    }

    public TabPane tabs() {
        return tabs;
    }

    public WorkbenchItem item() {
        return item;
    }

    /** Ctrl+F: the symbols filter unless the current view has its own. */
    public void focusFilter() {
        Node current = tabs.getSelectionModel().getSelectedItem() == null ? null
                : tabs.getSelectionModel().getSelectedItem().getContent();
        if (!(current instanceof Filterable)) {
            if (!show("symbols")) return;
            current = view("symbols");
        }
        if (current instanceof Filterable) ((Filterable) current).focusFilter();
    }

    /** Ctrl+G: the hex view's go-to field. */
    public void goToOffset() {
        if (show("hex") && view("hex") instanceof OffsetNavigable) ((OffsetNavigable) view("hex")).focusGoTo();
    }

    void dispose() {
        disposed = true;
        prebuild.stop();
        models.values().forEach(f -> f.cancel(false));
        workbench.requestedViewProperty().removeListener(onRequest);
    }
}
