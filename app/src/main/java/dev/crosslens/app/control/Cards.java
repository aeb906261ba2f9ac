package dev.crosslens.app.control;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Titled cards of label/value rows, the building block of the overview. */
public final class Cards {
    private Cards() {
    }

    public static VBox card(String title, Node body) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        VBox box = new VBox(8, t, body);
        box.getStyleClass().add("card");
        box.setPadding(new Insets(12, 14, 12, 14));
        return box;
    }

    /** A two-column grid of facts; values are selectable text. */
    public static GridPane facts() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(4);
        g.getStyleClass().add("facts");
        return g;
    }

    public static void fact(GridPane grid, String label, String value, boolean mono) {
        int row = grid.getRowCount();
        Label l = new Label(label);
        l.getStyleClass().add("fact-label");
        SelectableText v = new SelectableText(value);
        if (mono) v.getStyleClass().add("mono");
        GridPane.setHgrow(v, Priority.ALWAYS);
        grid.addRow(row, l, v);
    }
}
