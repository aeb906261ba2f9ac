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
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.stage.FileChooser;

/**
 * What every table of the workbench does: typed sortable columns, Ctrl+C copies the selected rows (tab
 * separated, as shown), a context menu exports the rows as CSV or JSON (the engine's Jackson configuration),
 * and selecting a row with bytes selects them in the workbench (the hex view follows).
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
        TableColumn<T, Long> c = column(title, width, value);
        Function<Object, String> fmt = v -> v == null ? "" : "0x" + Long.toHexString((Long) v);
        c.getProperties().put(FORMAT_KEY, fmt);
        c.setComparator((a, b) -> a == null ? (b == null ? 0 : -1) : b == null ? 1 : Long.compareUnsigned(a, b));
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
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + name);
        chooser.setInitialFileName(name + "." + kind);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind.toUpperCase(), "*." + kind));
        File target = chooser.showSaveDialog(table.getScene() == null ? null : table.getScene().getWindow());
        if (target == null) return;
        // Snapshot what the table shows on the FX thread, write it on a worker.
        String csv = kind.equals("csv") ? toCsv(table) : null;
        List<Object> rows = new ArrayList<>();
        if (csv == null) {
            for (T t : table.getItems()) rows.add(json.apply(t));
        }
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
}
