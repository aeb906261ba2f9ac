package dev.crosslens.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.scene.Node;

/**
 * The extension point of the window. Two kinds of contributions, each added with one line:
 * <ul>
 *   <li>an item view: a tab shown for the selected binary ({@code registerItemView("findings", "Findings",
 *       item -> true, (wb, item) -> new FindingsView(new FindingsViewModel(item.image())))});</li>
 *   <li>a panel: a workbench-wide tool not tied to one binary, opened from the Tools menu into the dock
 *       ({@code registerPanel("compare", "Compare builds", CompareView::new)}).</li>
 * </ul>
 * Views are built lazily, when their tab is first shown.
 */
public final class ViewRegistry {
    /** Builds the node of an item view. */
    @FunctionalInterface
    public interface ItemViewFactory {
        Node create(Workbench workbench, WorkbenchItem item);
    }

    /** A tab for the selected binary. */
    public record ItemView(String id, String title, Predicate<WorkbenchItem> appliesTo, ItemViewFactory factory) {
    }

    /** A workbench-wide panel. */
    public record Panel(String id, String title, Function<Workbench, Node> factory) {
    }

    private final List<ItemView> itemViews = new ArrayList<>();
    private final List<Panel> panels = new ArrayList<>();

    public ViewRegistry registerItemView(String id, String title, Predicate<WorkbenchItem> appliesTo,
                                         ItemViewFactory factory) {
        remove(id);
        itemViews.add(new ItemView(id, title, appliesTo, factory));
        return this;
    }

    public ViewRegistry registerItemView(String id, String title, ItemViewFactory factory) {
        return registerItemView(id, title, item -> true, factory);
    }

    public ViewRegistry registerPanel(String id, String title, Function<Workbench, Node> factory) {
        panels.removeIf(p -> p.id().equals(id));
        panels.add(new Panel(id, title, factory));
        return this;
    }

    /** Moves an item view to a tab position (0 = first); unknown ids are ignored. */
    public ViewRegistry place(String id, int index) {
        for (ItemView v : itemViews) {
            if (v.id().equals(id)) {
                itemViews.remove(v);
                itemViews.add(Math.max(0, Math.min(index, itemViews.size())), v);
                return this;
            }
        }
        return this;
    }

    private void remove(String id) {
        itemViews.removeIf(v -> v.id().equals(id));
    }

    public List<ItemView> itemViews() {
        return Collections.unmodifiableList(itemViews);
    }

    public List<Panel> panels() {
        return Collections.unmodifiableList(panels);
    }
}
