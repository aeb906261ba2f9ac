package dev.crosslens.app.libraries;

import dev.crosslens.app.Workbench;
import dev.crosslens.app.control.Tables;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;

/**
 * Library -> imported symbols, exports, search paths. Ctrl+C copies the selected nodes, the context menu exports
 * every node as CSV or JSON, and a node with bytes selects them (double-click: in the hex view).
 */
public final class LibrariesView extends BorderPane {
    private final TreeView<LibrariesViewModel.Node> tree = new TreeView<>();

    public LibrariesView(LibrariesViewModel vm, Workbench workbench) {
        getStyleClass().add("libraries-view");
        tree.setId("libraries-tree");
        TreeItem<LibrariesViewModel.Node> root = item(vm.root());
        root.setExpanded(true);
        for (TreeItem<LibrariesViewModel.Node> c : root.getChildren()) {
            c.setExpanded(c.getChildren().size() <= 40 && "library".equals(c.getValue().styleClass()));
        }
        tree.setRoot(root);
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new TreeCell<>() {
            // the detail (kind, count, hint, address) after the name, quieter than it
            private final Label detail = new Label();

            {
                detail.getStyleClass().add("lib-detail");
                setContentDisplay(ContentDisplay.RIGHT);
                setGraphicTextGap(14);
            }

            @Override
            protected void updateItem(LibrariesViewModel.Node n, boolean empty) {
                super.updateItem(n, empty);
                getStyleClass().removeAll("lib-library", "lib-import", "lib-export", "lib-group", "lib-rpath");
                if (empty || n == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(n.label());
                detail.setText(n.detail());
                setGraphic(n.detail().isEmpty() ? null : detail);
                getStyleClass().add("lib-" + n.styleClass());
            }
        });
        Tables.installTree(tree, workbench, "libraries", new Tables.RowFormat<>(LibrariesViewModel.Row.HEADERS,
                it -> row(vm, it).cells(), it -> row(vm, it)), LibrariesViewModel.Node::extent);
        setCenter(tree);
    }

    private static LibrariesViewModel.Row row(LibrariesViewModel vm, TreeItem<LibrariesViewModel.Node> it) {
        TreeItem<LibrariesViewModel.Node> parent = it.getParent();
        return vm.row(parent == null ? null : parent.getValue(), it.getValue());
    }

    private static TreeItem<LibrariesViewModel.Node> item(LibrariesViewModel.Node n) {
        TreeItem<LibrariesViewModel.Node> it = new TreeItem<>(n);
        for (LibrariesViewModel.Node c : n.children()) it.getChildren().add(item(c));
        return it;
    }

    public TreeView<LibrariesViewModel.Node> tree() {
        return tree;
    }
}
