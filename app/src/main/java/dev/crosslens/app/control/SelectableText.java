package dev.crosslens.app.control;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;

/**
 * A value people can read in full, select and copy: a read-only text area that looks like a label and wraps to the
 * width it is given (at spaces, or inside a long word such as a path or a hash), as tall as its lines. Its height
 * follows its width (horizontal content bias), so a grid or a box that honours content bias lays it out like a
 * wrapping label.
 */
public final class SelectableText extends TextArea {
    /** Measures the wrapped text the way the skin lays it out (one Text node per value, reused). */
    private final Text probe = new Text();

    public SelectableText(String text) {
        super(text);
        setEditable(false);
        setWrapText(true);
        setFocusTraversable(false);
        setPrefRowCount(1);
        getStyleClass().add("selectable-text");
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 40;
    }

    /** As wide as the text on one line (a grid column grows or shrinks it from there). */
    @Override
    protected double computePrefWidth(double height) {
        probe.setFont(getFont());
        probe.setWrappingWidth(0);
        probe.setText(getText());
        Insets in = getInsets();
        return Math.ceil(probe.getLayoutBounds().getWidth()) + in.getLeft() + in.getRight() + 2;
    }

    @Override
    protected double computePrefHeight(double width) {
        probe.setFont(getFont());
        Insets in = getInsets();
        double w = width < 0 ? 0 : Math.max(1, width - in.getLeft() - in.getRight() - 2);
        probe.setWrappingWidth(w);
        probe.setText(getText().isEmpty() ? " " : getText());
        return Math.ceil(probe.getLayoutBounds().getHeight()) + in.getTop() + in.getBottom() + 2;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computeMaxHeight(double width) {
        return computePrefHeight(width);
    }
}
