package dev.crosslens.app.trace;

import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One lane per process, events as ticks at their time coloured by category; many events in one pixel column
 * show the most telling category (network over process over file ...). Redrawn on resize and on demand.
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
    private Map<Integer, List<TraceEvent>> lanes = Map.of();
    private Map<Integer, String> names = Map.of();
    private long start;
    private long end = 1;

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

    /** Sets what to draw (events per pid, a name per pid, the session's end in µs) and redraws. */
    public void show(Map<Integer, List<TraceEvent>> perPid, Map<Integer, String> processNames, long endMicros) {
        this.lanes = perPid;
        this.names = processNames;
        long min = Long.MAX_VALUE;
        for (List<TraceEvent> l : perPid.values()) {
            for (TraceEvent e : l) min = Math.min(min, e.timeMicros());
        }
        this.start = min == Long.MAX_VALUE ? 0 : min;
        this.end = Math.max(start + 1, endMicros);
        draw();
    }

    public int laneCount() {
        return lanes.size();
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
        int row = 0;
        for (Map.Entry<Integer, List<TraceEvent>> lane : lanes.entrySet()) {
            double y = 18 + row * LANE;
            if (y > h) break;
            g.setFill(row % 2 == 0 ? Color.web("#f0f0f0") : Color.web("#fbfbfb"));
            g.fillRect(0, y - 12, w, LANE);
            g.setFill(Color.BLACK);
            g.fillText(lane.getKey() + " " + names.getOrDefault(lane.getKey(), ""), 4, y + 1, LABEL - 8);
            TraceCategory[] cols = new TraceCategory[(int) span + 1];
            for (TraceEvent e : lane.getValue()) {
                int x = (int) Math.min(span, Math.max(0, (e.timeMicros() - start) * span / (end - start)));
                if (cols[x] == null || weight(e.category()) > weight(cols[x])) cols[x] = e.category();
            }
            for (int x = 0; x < cols.length; x++) {
                if (cols[x] == null) continue;
                g.setFill(COLORS.get(cols[x]));
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
