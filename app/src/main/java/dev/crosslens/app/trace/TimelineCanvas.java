package dev.crosslens.app.trace;

import dev.crosslens.model.trace.TraceCategory;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.EnumMap;
import java.util.Map;

/**
 * One lane per process, events as ticks at their time coloured by category; many events in one pixel column
 * show the most telling category (network over process over file ...). Draws the view model's
 * {@link TimelineBins} (so a redraw costs the same after 10 events or 10 million). Redrawn on resize and on demand.
 */
public final class TimelineCanvas extends Pane {
    static final Map<TraceCategory, Color> COLORS = new EnumMap<>(TraceCategory.class);
    private static final int LANE = 18;
    private static final int LABEL = 150;

    static {
        COLORS.put(TraceCategory.NETWORK, Color.web("#d62728"));
        COLORS.put(TraceCategory.PROCESS, Color.web("#9467bd"));
        COLORS.put(TraceCategory.REGISTRY, Color.web("#8c564b"));
        COLORS.put(TraceCategory.FILE, Color.web("#1f77b4"));
        COLORS.put(TraceCategory.LIBRARY, Color.web("#17becf"));
        COLORS.put(TraceCategory.MEMORY, Color.web("#2ca02c"));
        COLORS.put(TraceCategory.IPC, Color.web("#ff7f0e"));
        COLORS.put(TraceCategory.SIGNAL, Color.web("#e377c2"));
        COLORS.put(TraceCategory.TIME, Color.web("#bcbd22"));
        COLORS.put(TraceCategory.OTHER, Color.web("#7f7f7f"));
    }

    private final Canvas canvas = new Canvas();
    private TimelineBins bins = new TimelineBins();
    private Map<Integer, String> names = Map.of();

    public TimelineCanvas() {
        getChildren().add(canvas);
        getStyleClass().add("trace-timeline");
        widthProperty().addListener((o, a, b) -> draw());
        heightProperty().addListener((o, a, b) -> draw());
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
    }

    /** Sets what to draw (the view model's bins: one lane per process, a name per pid) and redraws. */
    public void show(TimelineBins timeline, Map<Integer, String> processNames) {
        this.bins = timeline;
        this.names = processNames;
        draw();
    }

    public int laneCount() {
        return bins.lanes().size();
    }

    private static int weight(TraceCategory c) {
        return switch (c) {
            case NETWORK -> 9;
            case PROCESS -> 8;
            case REGISTRY -> 7;
            case FILE -> 6;
            case LIBRARY -> 5;
            case MEMORY -> 4;
            case IPC -> 3;
            case SIGNAL -> 2;
            case TIME -> 1;
            default -> 0;
        };
    }

    private void draw() {
        double w = Math.max(1, getWidth());
        double h = Math.max(1, getHeight());
        canvas.setWidth(w);
        canvas.setHeight(h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#fbfbfb"));
        g.fillRect(0, 0, w, h);
        g.setFont(Font.font(11));
        double span = Math.max(1, w - LABEL - 10);
        long start = bins.start();
        long end = Math.max(start + 1, bins.end());
        long width = bins.bucketWidth();
        int used = (int) Math.min(TimelineBins.BUCKETS, (end - start) / width + 1);
        TraceCategory[] all = TraceCategory.values();
        int row = 0;
        for (Map.Entry<Integer, int[]> lane : bins.lanes().entrySet()) {
            double y = 18 + row * LANE;
            if (y > h) break;
            g.setFill(row % 2 == 0 ? Color.web("#f0f0f0") : Color.web("#fbfbfb"));
            g.fillRect(0, y - 12, w, LANE);
            g.setFill(Color.BLACK);
            g.fillText(lane.getKey() + " " + names.getOrDefault(lane.getKey(), ""), 4, y + 1, LABEL - 8);
            int[] masks = new int[(int) span + 1];
            int[] b = lane.getValue();
            for (int i = 0; i < used; i++) {
                if (b[i] == 0) continue;
                int x = (int) Math.min(span, (long) i * width * (long) span / (end - start));
                masks[x] |= b[i];
            }
            for (int x = 0; x < masks.length; x++) {
                if (masks[x] == 0) continue;
                TraceCategory best = null;
                for (TraceCategory c : all) {
                    if ((masks[x] & (1 << c.ordinal())) != 0 && (best == null || weight(c) > weight(best))) best = c;
                }
                g.setFill(COLORS.get(best));
                g.fillRect(LABEL + x, y - 9, 2, 12);
            }
            row++;
        }
        double legendX = LABEL;
        double ly = h - 6;
        for (Map.Entry<TraceCategory, Color> c : COLORS.entrySet()) {
            g.setFill(c.getValue());
            g.fillRect(legendX, ly - 9, 10, 10);
            g.setFill(Color.BLACK);
            g.fillText(c.getKey().label(), legendX + 13, ly);
            legendX += 75;
        }
        g.fillText(String.format("%.1f ms", start / 1000.0), LABEL, 10);
        g.fillText(String.format("%.1f ms", end / 1000.0), Math.max(LABEL, w - 70), 10);
    }
}
