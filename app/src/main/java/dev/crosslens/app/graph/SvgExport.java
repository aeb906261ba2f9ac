package dev.crosslens.app.graph;

import dev.crosslens.model.graph.NodeStatus;

import java.io.PrintWriter;
import java.util.Locale;

/** A laid-out graph as a standalone SVG file (the CLI's {@code graph --format svg} and the view's export). */
public final class SvgExport {

    public void write(GraphLayout.Layout l, PrintWriter out) {
        double w = l.width() + 20;
        double h = l.height() + 20;
        out.printf(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"-10 -10 %.0f %.0f\" font-family=\"monospace\" font-size=\"11\">%n", w, h, w, h);
        out.println("<title>" + esc(l.graph().title()) + "</title>");
        out.println("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" "
                + "markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#7a8699\"/>"
                + "</marker></defs>");
        out.println("<rect x=\"-10\" y=\"-10\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        for (GraphLayout.Line line : l.lines()) {
            double[] p = line.points();
            if (p.length < 4) continue;
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < p.length; i += 2) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[i], p[i + 1]));
            }
            String color = line.edge().status() == NodeStatus.UNRESOLVED ? "#c62828" : "#7a8699";
            out.println("<polyline points=\"" + pts.toString().strip() + "\" fill=\"none\" stroke=\"" + color
                    + "\" stroke-width=\"1\" marker-end=\"url(#arrow)\"/>");
            // the count on every edge (the "counts on edges"), 1 included
            int mid = (p.length / 4) * 2;
            out.printf(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#4a5568\" font-size=\"9\">%d</text>%n",
                    p[mid] + 3, p[mid + 1] - 3, line.edge().count());
        }
        for (GraphLayout.Box b : l.boxes()) {
            out.printf(Locale.ROOT, "<g><title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                            + "rx=\"4\" fill=\"%s\" stroke=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">%s</text></g>%n",
                    esc(b.node().detail().isEmpty() ? b.node().label() : b.node().detail()), b.x(), b.y(), b.width(),
                    b.height(), fill(b.node().status()), stroke(b.node().status()), b.x() + 8,
                    b.y() + b.height() / 2 + 4, esc(GraphNodes.clip(b.node().label())));
        }
        out.println("</svg>");
        out.flush();
    }

    static String fill(NodeStatus s) {
        return switch (s) {
            case UNRESOLVED, REMOVED -> "#fde2e1";
            case WEAK, CHANGED -> "#fff1cc";
            case RESOLVED, ADDED -> "#ddf3e4";
            case NEUTRAL -> "#eef1f6";
        };
    }

    static String stroke(NodeStatus s) {
        return switch (s) {
            case UNRESOLVED, REMOVED -> "#c62828";
            case WEAK, CHANGED -> "#b7791f";
            case RESOLVED, ADDED -> "#2f855a";
            case NEUTRAL -> "#8a94a6";
        };
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
