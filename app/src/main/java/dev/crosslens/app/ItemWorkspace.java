package dev.crosslens.app;

import dev.crosslens.app.control.Filterable;
import dev.crosslens.app.control.OffsetNavigable;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The tabs of one loaded binary, built from the registry; each tab's view is built when first shown. */
public final class ItemWorkspace extends BorderPane {
    private final Workbench workbench;
    private final WorkbenchItem item;
    private final TabPane tabs = new TabPane();
    private final ChangeListener<String> onRequest;

    public ItemWorkspace(Workbench workbench, WorkbenchItem item) {
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
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> build(t));
        build(tabs.getSelectionModel().getSelectedItem());
        setCenter(tabs);
        onRequest = (o, a, id) -> {
            if (id != null && workbench.active() == item) show(id);
        };
        workbench.requestedViewProperty().addListener(onRequest);
    }

    private void build(Tab t) {
        if (t == null || t.getContent() != null) return;
        ViewRegistry.ItemView v = (ViewRegistry.ItemView) t.getUserData();
        Node n;
        try {
            n = v.factory().create(workbench, item);
        } catch (RuntimeException e) {
            // A view that cannot show this image says so in its tab instead of taking the window down.
            Label l = new Label(v.title() + " could not be shown: " + e);
            l.setWrapText(true);
            l.getStyleClass().add("error-text");
            n = l;
        }
        t.setContent(n);
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
        workbench.requestedViewProperty().removeListener(onRequest);
    }
}
