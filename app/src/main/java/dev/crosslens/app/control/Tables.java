package dev.crosslens.app.control;

import dev.crosslens.app.Workbench;
import dev.crosslens.model.Extent;
import dev.crosslens.parsers.report.JsonSupport;
import java.io.BufferedWriter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.MouseButton;
import javafx.stage.FileChooser;

/**
 * What every table of the workbench does: typed sortable columns, Ctrl+C copies the selected rows (tab
 * separated, as shown), a context menu exports the rows as CSV or JSON (the engine's Jackson configuration),
 * and selecting a row with bytes selects them in the workbench (the hex view follows). Trees and lists get the
 * same from {@link #installTree} and {@link #installList}, with their rows described by a {@link RowFormat}.
 */
public final class Tables {
    private static final String FORMAT_KEY = "crosslens.format";

    private Tables() {
    }

    /** A column showing {@code value(row)}; sorts by the value's natural order. */
    public static <T, V> TableColumn<T, V> column(String title, double width, Function<T, V> value) {
        TableColumn<T, V> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A numeric column shown as {@code 0x...} in a monospace cell, sorted as unsigned. */
    public static <T> TableColumn<T, Long> hexColumn(String title, double width, Function<T, Long> value) {
        return monoNumberColumn(title, width, value, v -> "0x" + Long.toHexString(v), Long::compareUnsigned);
    }

    /** A signed number shown as {@code 0x10} or {@code -0x8} (addends), monospace, sorted as signed. */
    public static <T> TableColumn<T, Long> signedHexColumn(String title, double width, Function<T, Long> value) {
        return monoNumberColumn(title, width, value,
                v -> v < 0 ? "-0x" + Long.toHexString(-v) : "0x" + Long.toHexString(v), Long::compare);
    }

    /** A monospace number column with its text form (also what copy and CSV write) and its order; nulls first. */
    private static <T> TableColumn<T, Long> monoNumberColumn(String title, double width, Function<T, Long> value,
                                                          Function<Long, String> text,
                                                          java.util.Comparator<Long> order) {
        TableColumn<T, Long> c = column(title, width, value);
        Function<Object, String> fmt = v -> v == null ? "" : text.apply((Long) v);
        c.getProperties().put(FORMAT_KEY, fmt);
        c.setComparator((a, b) -> a == null ? (b == null ? 0 : -1) : b == null ? 1 : order.compare(a, b));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : fmt.apply(item));
            }
        });
        c.getStyleClass().add("mono");
        return c;
    }

    /** A numeric column, right aligned. */
    public static <T> TableColumn<T, Long> numberColumn(String title, double width, Function<T, Long> value) {
        TableColumn<T, Long> c = column(title, width, value);
        c.getStyleClass().add("number");
        return c;
    }

    /** The text a cell of this column shows, for copy and CSV. */
    @SuppressWarnings("unchecked")
    public static String cellText(TableColumn<?, ?> column, int row) {
        Object v = column.getCellData(row);
        Object fmt = column.getProperties().get(FORMAT_KEY);
        if (fmt instanceof Function) return ((Function<Object, String>) fmt).apply(v);
        return v == null ? "" : v.toString();
    }

    /**
     * Installs copy, export and selection-follows on a table.
     *
     * @param name    file name stem for exports
     * @param json    what a row is written as in JSON (the model record behind it)
     * @param extent  the bytes a row stands for ({@link Extent#NONE} when none), null for no selection sync
     */
    public static <T> void install(TableView<T> table, Workbench workbench, String name, Function<T, Object> json,
                                   Function<T, Extent> extent) {
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setTableMenuButtonVisible(true);
        KeyCombination copy = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        table.setOnKeyPressed(e -> {
            if (copy.match(e)) {
                copySelection(table);
                e.consume();
            }
        });
        MenuItem copyItem = new MenuItem("Copy");
        copyItem.setAccelerator(copy);
        copyItem.setOnAction(e -> copySelection(table));
        MenuItem csv = new MenuItem("Export CSV…");
        csv.setOnAction(e -> export(table, workbench, name, "csv", json));
        MenuItem js = new MenuItem("Export JSON…");
        js.setOnAction(e -> export(table, workbench, name, "json", json));
        ContextMenu menu = new ContextMenu(copyItem, new SeparatorMenuItem(), csv, js);
        if (extent != null) {
            MenuItem hex = new MenuItem("Show bytes in hex");
            hex.setOnAction(e -> {
                T row = table.getSelectionModel().getSelectedItem();
                if (row != null) {
                    workbench.select(extent.apply(row));
                    workbench.showView("hex");
                }
            });
            menu.getItems().add(0, hex);
            table.getSelectionModel().selectedItemProperty().addListener((obs, o, row) -> {
                if (row != null) {
                    Extent x = extent.apply(row);
                    if (x != null && x.isKnown()) workbench.select(x);
                }
            });
            table.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) hex.fire();
            });
        }
        table.setContextMenu(menu);
    }

    public static <T> void copySelection(TableView<T> table) {
        List<Integer> rows = new ArrayList<>(table.getSelectionModel().getSelectedIndices());
        rows.sort(null);
        StringBuilder sb = new StringBuilder();
        for (int r : rows) {
            if (r < 0) continue;
            appendRow(sb, table, r, '\t');
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(sb.toString());
        Clipboard.getSystemClipboard().setContent(c);
    }

    private static <T> void appendRow(StringBuilder sb, TableView<T> table, int row, char sep) {
        boolean first = true;
        for (TableColumn<T, ?> col : table.getVisibleLeafColumns()) {
            if (!first) sb.append(sep);
            first = false;
            String text = cellText(col, row);
            sb.append(sep == ',' ? csvField(text) : text.replace('\t', ' ').replace('\n', ' '));
        }
        sb.append('\n');
    }

    /** The rows as CSV with a header, as the table shows them (visible columns, current order). */
    public static <T> String toCsv(TableView<T> table) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (TableColumn<T, ?> col : table.getVisibleLeafColumns()) {
            if (!first) sb.append(',');
            first = false;
            sb.append(csvField(col.getText()));
        }
        sb.append('\n');
        for (int r = 0; r < table.getItems().size(); r++) appendRow(sb, table, r, ',');
        return sb.toString();
    }

    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static <T> void export(TableView<T> table, Workbench workbench, String name, String kind,
                                   Function<T, Object> json) {
        // Snapshot what the table shows on the FX thread, write it on a worker.
        exportRows(table, workbench, name, kind, () -> toCsv(table), () -> {
            List<Object> rows = new ArrayList<>();
            for (T t : table.getItems()) rows.add(json.apply(t));
            return rows;
        });
    }

    /** The save dialog's filter for an export kind: "CSV (*.csv)", "JSON (*.json)". */
    public static FileChooser.ExtensionFilter exportFilter(String kind) {
        return new FileChooser.ExtensionFilter(kind.toUpperCase(Locale.ROOT) + " (*." + kind + ")", "*." + kind);
    }

    /**
     * Asks where to save, takes the rows on the FX thread ({@code csv} or {@code json}, whichever the kind is),
     * and writes them on a worker.
     */
    private static void exportRows(Control owner, Workbench workbench, String name, String kind,
                                   Supplier<String> csvRows, Supplier<List<Object>> jsonRows) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + name);
        chooser.setInitialFileName(name + "." + kind);
        chooser.getExtensionFilters().add(exportFilter(kind));
        File target = chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        if (target == null) return;
        String csv = kind.equals("csv") ? csvRows.get() : null;
        List<Object> rows = csv == null ? jsonRows.get() : null;
        workbench.run(new Task<Void>() {
            @Override
            protected Void call() throws Exception {
                if (csv != null) {
                    Files.writeString(target.toPath(), csv, StandardCharsets.UTF_8);
                } else {
                    try (BufferedWriter w = Files.newBufferedWriter(target.toPath(), StandardCharsets.UTF_8)) {
                        JsonSupport.write(w, rows);
                    }
                }
                return null;
            }
        });
    }

    // ---- trees and lists ------------------------------------------------------------------------------------

    /**
     * What a row of a tree or list is as text (for copy and CSV, one cell per header) and as JSON.
     *
     * @param headers the CSV header
     * @param cells   one text per header
     * @param json    what the row is written as in JSON (a record)
     */
    public record RowFormat<R>(List<String> headers, Function<R, List<String>> cells, Function<R, Object> json) {
        public RowFormat {
            headers = List.copyOf(headers);
        }

        /** The rows as CSV with the header. */
        public String csv(List<R> rows) {
            StringBuilder sb = new StringBuilder();
            appendLine(sb, headers, ',');
            for (R r : rows) appendLine(sb, cells.apply(r), ',');
            return sb.toString();
        }

        /** The rows tab separated, no header (what Ctrl+C puts on the clipboard). */
        public String tsv(List<R> rows) {
            StringBuilder sb = new StringBuilder();
            for (R r : rows) appendLine(sb, cells.apply(r), '\t');
            return sb.toString();
        }

        private static void appendLine(StringBuilder sb, List<String> cells, char sep) {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) sb.append(sep);
                String text = cells.get(i) == null ? "" : cells.get(i);
                sb.append(sep == ',' ? csvField(text) : text.replace('\t', ' ').replace('\n', ' '));
            }
            sb.append('\n');
        }
    }

    /**
     * Copy (Ctrl+C and the context menu) of the selected nodes, CSV/JSON export of every node (expanded or not,
     * depth first), and selection-follows: a node with bytes selects them, a double-click shows them in hex.
     */
    public static <T> void installTree(TreeView<T> tree, Workbench workbench, String name,
                                       RowFormat<TreeItem<T>> format, Function<T, Extent> extent) {
        tree.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Supplier<List<TreeItem<T>>> selected = () -> {
            List<TreeItem<T>> out = new ArrayList<>();
            for (int row : sortedIndices(tree.getSelectionModel().getSelectedIndices())) {
                TreeItem<T> it = tree.getTreeItem(row);
                if (it != null) out.add(it);
            }
            return out;
        };
        Supplier<List<TreeItem<T>>> all = () -> {
            List<TreeItem<T>> out = new ArrayList<>();
            collect(tree.getRoot(), tree.isShowRoot(), out);
            return out;
        };
        installRows(tree, workbench, name, format, selected, all,
                () -> {
                    TreeItem<T> it = tree.getSelectionModel().getSelectedItem();
                    return it == null || it.getValue() == null ? null : extent.apply(it.getValue());
                });
        tree.getSelectionModel().selectedItemProperty().addListener((obs, o, it) -> {
            if (it != null && it.getValue() != null) selectKnown(workbench, extent.apply(it.getValue()));
        });
    }

    /** The same for a list: copy the selected rows, export the rows it shows. */
    public static <T> void installList(ListView<T> list, Workbench workbench, String name, RowFormat<T> format,
                                       Function<T, Extent> extent) {
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Supplier<List<T>> selected = () -> {
            List<T> out = new ArrayList<>();
            for (int row : sortedIndices(list.getSelectionModel().getSelectedIndices())) {
                if (row < list.getItems().size()) out.add(list.getItems().get(row));
            }
            return out;
        };
        installRows(list, workbench, name, format, selected, () -> List.copyOf(list.getItems()), () -> {
            T it = list.getSelectionModel().getSelectedItem();
            return it == null ? null : extent.apply(it);
        });
    }

    private static List<Integer> sortedIndices(List<Integer> indices) {
        List<Integer> rows = new ArrayList<>();
        for (Integer i : indices) if (i != null && i >= 0) rows.add(i);
        rows.sort(null);
        return rows;
    }

    private static <T> void collect(TreeItem<T> at, boolean include, List<TreeItem<T>> out) {
        if (at == null) return;
        if (include) out.add(at);
        for (TreeItem<T> c : at.getChildren()) collect(c, true, out);
    }

    private static void selectKnown(Workbench workbench, Extent x) {
        if (x != null && x.isKnown()) workbench.select(x);
    }

    private static <R> void installRows(Control control, Workbench workbench, String name, RowFormat<R> format,
                                        Supplier<List<R>> selected, Supplier<List<R>> all,
                                        Supplier<Extent> selectedExtent) {
        KeyCombination copy = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        Runnable doCopy = () -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(format.tsv(selected.get()));
            Clipboard.getSystemClipboard().setContent(c);
        };
        control.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (copy.match(e)) {
                doCopy.run();
                e.consume();
            }
        });
        MenuItem copyItem = new MenuItem("Copy");
        copyItem.setAccelerator(copy);
        copyItem.setOnAction(e -> doCopy.run());
        MenuItem csv = new MenuItem("Export CSV…");
        csv.setOnAction(e -> exportRows(control, workbench, name, "csv", () -> format.csv(all.get()), List::of));
        MenuItem js = new MenuItem("Export JSON…");
        js.setOnAction(e -> exportRows(control, workbench, name, "json", () -> "", () -> {
            List<Object> rows = new ArrayList<>();
            for (R r : all.get()) rows.add(format.json().apply(r));
            return rows;
        }));
        MenuItem hex = new MenuItem("Show bytes in hex");
        hex.setOnAction(e -> {
            Extent x = selectedExtent.get();
            if (x != null && x.isKnown()) {
                workbench.select(x);
                workbench.showView("hex");
            }
        });
        ContextMenu menu = new ContextMenu(hex, copyItem, new SeparatorMenuItem(), csv, js);
        menu.setOnShowing(e -> {
            Extent x = selectedExtent.get();
            hex.setDisable(x == null || !x.isKnown());
        });
        control.setContextMenu(menu);
        control.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) hex.fire();
        });
    }
}
