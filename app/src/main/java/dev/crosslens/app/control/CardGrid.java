package dev.crosslens.app.control;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * Cards in as many equal columns as the width holds (each at least {@code minColumnWidth}, at most
 * {@code maxColumns} of them), filling the width, each card as tall as its content, stacked in the column that
 * ends highest. A card marked
 * {@link #setFullWidth full width} takes a row of its own across every column. The height follows the width
 * (horizontal content bias), so a scroll pane fitting to width scrolls it vertically only.
 */
public final class CardGrid extends Pane {
    private static final String FULL_WIDTH = "card-grid-full-width";

    private final double minColumnWidth;
    private final int maxColumns;
    private final double gap;

    public CardGrid(double minColumnWidth, int maxColumns, double gap) {
        this.minColumnWidth = minColumnWidth;
        this.maxColumns = maxColumns;
        this.gap = gap;
        getStyleClass().add("card-grid");
    }

    /** A card that spans every column. */
    public static void setFullWidth(Node card, boolean full) {
        if (full) card.getProperties().put(FULL_WIDTH, Boolean.TRUE);
        else card.getProperties().remove(FULL_WIDTH);
    }

    static boolean isFullWidth(Node card) {
        return Boolean.TRUE.equals(card.getProperties().get(FULL_WIDTH));
    }

    /** How many columns a content width of {@code width} holds. */
    public int columns(double width) {
        int n = (int) Math.floor((width + gap) / (minColumnWidth + gap));
        return Math.max(1, Math.min(maxColumns, n));
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + in.getRight() + Math.min(minColumnWidth, 320);
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + in.getRight() + 2 * minColumnWidth + gap;
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        double w = width < 0 ? computePrefWidth(-1) : width;
        return in.getTop() + in.getBottom() + place(w - in.getLeft() - in.getRight(), false);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        place(getWidth() - in.getLeft() - in.getRight(), true);
    }

    /**
     * Lays the cards out in a content width of {@code width} (moving them when {@code apply}) and returns the
     * height used: each card goes to the top of the column that ends highest (so a short card next to a tall one
     * leaves no hole), a full-width card below everything placed so far.
     */
    private double place(double width, boolean apply) {
        Insets in = getInsets();
        int cols = columns(width);
        double colWidth = (width - (cols - 1) * gap) / cols;
        double[] bottom = new double[cols]; // where the next card of each column starts
        for (Node c : getManagedChildren()) {
            if (isFullWidth(c)) {
                double y = 0;
                for (double b : bottom) y = Math.max(y, b);
                double h = snapSizeY(c.prefHeight(width));
                if (apply) c.resizeRelocate(snapPositionX(in.getLeft()), snapPositionY(in.getTop() + y), snapSizeX(width), h);
                java.util.Arrays.fill(bottom, y + h + gap);
                continue;
            }
            int col = 0;
            for (int k = 1; k < cols; k++) if (bottom[k] < bottom[col] - 0.5) col = k;
            double h = snapSizeY(c.prefHeight(colWidth));
            if (apply) {
                double x = in.getLeft() + col * (colWidth + gap);
                c.resizeRelocate(snapPositionX(x), snapPositionY(in.getTop() + bottom[col]), snapSizeX(colWidth), h);
            }
            bottom[col] += h + gap;
        }
        double used = 0;
        for (double b : bottom) used = Math.max(used, b);
        return Math.max(0, used - gap);
    }
}
