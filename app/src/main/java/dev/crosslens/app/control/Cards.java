package dev.crosslens.app.control;

import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Titled cards of label/value rows, the building block of the overview. */
public final class Cards {
    private Cards() {
    }

    public static VBox card(String title, Node body, Node... actions) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        Node head = t;
        if (actions.length > 0) {
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox h = new HBox(8, t, grow);
            h.getChildren().addAll(actions);
            h.setAlignment(Pos.CENTER_LEFT);
            head = h;
        }
        VBox box = new VBox(8, head, body);
        box.getStyleClass().add("card");
        box.setPadding(new Insets(12, 14, 12, 14));
        return box;
    }

    /**
     * A two-column grid of facts: labels as wide as the longest (never cut), values take the rest and wrap within
     * it; values are selectable text.
     */
    public static GridPane facts() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(4);
        g.getStyleClass().add("facts");
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setHgrow(Priority.NEVER);
        label.setHalignment(HPos.LEFT);
        ColumnConstraints value = new ColumnConstraints();
        value.setMinWidth(40);
        value.setHgrow(Priority.ALWAYS);
        value.setFillWidth(true);
        g.getColumnConstraints().addAll(label, value);
        return g;
    }

    public static void fact(GridPane grid, String label, String value, boolean mono) {
        int row = grid.getRowCount();
        Label l = new Label(label);
        l.getStyleClass().add("fact-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        SelectableText v = value(value, mono);
        GridPane.setValignment(l, VPos.TOP);
        GridPane.setHgrow(v, Priority.ALWAYS);
        grid.addRow(row, l, v);
    }

    /** A value as selectable text that wraps (monospace for paths, hashes, addresses). */
    public static SelectableText value(String value, boolean mono) {
        SelectableText v = new SelectableText(value);
        if (mono) v.getStyleClass().add("mono");
        return v;
    }
}
