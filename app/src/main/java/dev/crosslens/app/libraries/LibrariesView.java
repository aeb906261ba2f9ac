package dev.crosslens.app.libraries;

import dev.crosslens.app.Workbench;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;

/** Library -> imported symbols, exports, search paths. */
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
            @Override
            protected void updateItem(LibrariesViewModel.Node n, boolean empty) {
                super.updateItem(n, empty);
                getStyleClass().removeAll("lib-library", "lib-import", "lib-export", "lib-group", "lib-rpath");
                if (empty || n == null) {
                    setText(null);
                    return;
                }
                setText(n.detail().isEmpty() ? n.label() : n.label() + "    " + n.detail());
                getStyleClass().add("lib-" + n.styleClass());
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, it) -> {
            if (it != null && it.getValue().extent().isKnown()) workbench.select(it.getValue().extent());
        });
        KeyCombination copy = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        tree.setOnKeyPressed(e -> {
            TreeItem<LibrariesViewModel.Node> it = tree.getSelectionModel().getSelectedItem();
            if (copy.match(e) && it != null) {
                ClipboardContent c = new ClipboardContent();
                c.putString(it.getValue().label());
                Clipboard.getSystemClipboard().setContent(c);
            }
        });
        setCenter(tree);
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
