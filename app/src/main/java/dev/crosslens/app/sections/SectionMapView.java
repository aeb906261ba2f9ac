package dev.crosslens.app.sections;

import dev.crosslens.app.Workbench;
import dev.crosslens.app.control.Plural;
import dev.crosslens.model.Extent;
import dev.crosslens.model.Permissions;
import dev.crosslens.model.Section;
import dev.crosslens.model.Segment;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The section map: file-offset layout and virtual-address layout side by side, sharing the width they are given,
 * under a legend that wraps. Each section is a block coloured by r/w/x, segments are bands beside the blocks they
 * span, holes are hatched gaps, overlaps are outlined red. Hover shows the details, a click selects the section's
 * bytes (the hex view follows).
 */
public final class SectionMapView extends VBox {
    /** Blocks are as wide as the column leaves them, never narrower than this. */
    static final double MIN_BLOCK_WIDTH = 130;
    static final double PREF_BLOCK_WIDTH = 220;
    static final double BAND_STEP = 12;

    private final Workbench workbench;
    private final List<Region> sectionBlocks = new ArrayList<>();
    // held here and registered weakly: a closed binary's map must not stay reachable from the workbench
    private final javafx.beans.value.ChangeListener<Extent> onSelection = (obs, o, x) -> markSelected(x);

    public SectionMapView(SectionsViewModel vm, Workbench workbench) {
        this.workbench = workbench;
        getStyleClass().add("section-map");
        setSpacing(10);
        setPadding(new Insets(12));
        setFillWidth(true);
        // the two columns share the width (down to a minimum, then the scroll pane scrolls); the legend above
        // them wraps instead of taking a third column
        HBox columns = new HBox(20, column("File offsets", vm.fileLayout()), column("Virtual addresses", vm.memoryLayout()));
        columns.setId("section-map-columns");
        getChildren().addAll(legend(), columns);
        workbench.selectionProperty().addListener(new javafx.beans.value.WeakChangeListener<>(onSelection));
        markSelected(workbench.selectionProperty().get());
    }

    /** Every section block drawn, in both columns (for tests and hit counting). */
    public List<Region> sectionBlocks() {
        return sectionBlocks;
    }

    private VBox column(String title, SectionMapLayout layout) {
        Label head = new Label(title);
        head.getStyleClass().add("map-title");
        MapColumn pane = new MapColumn(layout);
        Label legend = new Label(Plural.of(layout.sectionBlocks().size(), "section", "sections") + ", "
                + Plural.of(layout.bands().size(), "segment", "segments") + " (height ~ log size)");
        legend.getStyleClass().add("muted");
        legend.setWrapText(true);
        legend.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(6, head, legend, pane);
        box.getStyleClass().add("map-column-box");
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMinWidth(pane.minWidth(-1));
        return box;
    }

    /**
     * One column of the map: segment bands on the left (nested ones indented), the section blocks filling the rest
     * of the column's width; laid out again whenever the width changes.
     */
    private final class MapColumn extends Region {
        private final double bandsWidth;
        private final double height;
        private final List<Placed> placed = new ArrayList<>();

        /** A node and where it goes: x from the left (band) or from the block's left edge, or right-aligned. */
        private record Placed(Region node, Kind kind, double x, double y, double height) {
        }

        private enum Kind { BAND, BLOCK, NAME, SIZE }

        MapColumn(SectionMapLayout layout) {
            getStyleClass().add("map-column");
            bandsWidth = (layout.maxDepth() + 1) * BAND_STEP + 6;
            height = Math.max(40, layout.height());
            for (SectionMapLayout.Band b : layout.bands()) {
                Region r = new Region();
                r.getStyleClass().addAll("segment-band", "perm-" + permClass(b.segment().permissions()));
                Tooltip.install(r, tooltip(segmentText(b.segment(), layout.space())));
                add(r, Kind.BAND, b.depth() * BAND_STEP, b.y(), b.height());
            }
            for (SectionMapLayout.Block b : layout.blocks()) {
                Region block = new Region();
                if (b.kind() == SectionMapLayout.Kind.GAP) {
                    block.getStyleClass().add("gap-block");
                    Tooltip.install(block, tooltip("gap: " + Plural.of(b.size(), "byte", "bytes") + " at 0x"
                            + Long.toHexString(b.start())));
                    add(block, Kind.BLOCK, 0, b.y(), b.height());
                    continue;
                }
                Section s = b.section();
                block.getStyleClass().addAll("section-block", "perm-" + permClass(s.permissions()));
                if (b.overlap()) block.getStyleClass().add("overlap");
                block.setUserData(s);
                Tooltip.install(block, tooltip(sectionText(s, b)));
                block.setOnMouseClicked(e -> {
                    Extent x = s.extent().isKnown() ? s.extent() : Extent.of(s.fileOffset(), s.fileSize());
                    workbench.select(x);
                    if (e.getClickCount() == 2) workbench.showView("hex");
                });
                add(block, Kind.BLOCK, 0, b.y(), b.height());
                sectionBlocks.add(block);
                if (b.height() >= 14) {
                    Label l = new Label(s.qualifiedName().isEmpty() ? "#" + s.index() : s.qualifiedName());
                    l.getStyleClass().add("block-label");
                    l.setMouseTransparent(true);
                    add(l, Kind.NAME, 6, b.y() + (b.height() - 16) / 2, 16);
                    Label size = new Label(human(b.size()));
                    size.getStyleClass().add("block-size");
                    size.setMouseTransparent(true);
                    size.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
                    add(size, Kind.SIZE, 6, b.y() + (b.height() - 16) / 2, 16);
                }
            }
        }

        private void add(Region n, Kind kind, double x, double y, double h) {
            n.setManaged(false);
            placed.add(new Placed(n, kind, x, y, h));
            getChildren().add(n);
        }

        @Override
        protected double computeMinWidth(double h) {
            return bandsWidth + MIN_BLOCK_WIDTH + 4;
        }

        @Override
        protected double computePrefWidth(double h) {
            return bandsWidth + PREF_BLOCK_WIDTH + 4;
        }

        @Override
        protected double computeMinHeight(double w) {
            return height;
        }

        @Override
        protected double computePrefHeight(double w) {
            return height;
        }

        @Override
        protected double computeMaxHeight(double w) {
            return height;
        }

        @Override
        protected void layoutChildren() {
            double blockWidth = Math.max(MIN_BLOCK_WIDTH, getWidth() - bandsWidth - 4);
            double sizeWidth = 50;
            for (Placed p : placed) {
                switch (p.kind()) {
                    case BAND -> p.node().resizeRelocate(p.x(), p.y(), bandsWidth - p.x() + blockWidth + 4, p.height());
                    case BLOCK -> p.node().resizeRelocate(bandsWidth, p.y(), blockWidth, p.height());
                    case NAME -> p.node().resizeRelocate(bandsWidth + p.x(), p.y(),
                            Math.max(20, blockWidth - sizeWidth - 12), p.height());
                    case SIZE -> p.node().resizeRelocate(bandsWidth + blockWidth - sizeWidth - p.x(), p.y(),
                            sizeWidth, p.height());
                    default -> { }
                }
            }
        }
    }

    private static FlowPane legend() {
        FlowPane box = new FlowPane(16, 6);
        box.setId("section-map-legend");
        box.getStyleClass().add("map-legend");
        String[][] rows = {{"section-block perm-x", "executable"}, {"section-block perm-w", "writable"},
                {"section-block perm-r", "read-only"}, {"section-block perm-none", "not loaded"},
                {"segment-band", "segment"}, {"gap-block", "gap (no section)"},
                {"section-block overlap", "overlaps a neighbour"}};
        for (String[] r : rows) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll(r[0].split(" "));
            swatch.setPrefSize(22, 12);
            swatch.setMinSize(22, 12);
            swatch.setMaxSize(22, 12);
            swatch.setMouseTransparent(true);
            Label l = new Label(r[1]);
            l.getStyleClass().add("muted");
            l.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(6, swatch, l);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            box.getChildren().add(row);
        }
        return box;
    }

    private void markSelected(Extent x) {
        for (Region r : sectionBlocks) {
            Section s = (Section) r.getUserData();
            boolean sel = x != null && x.isKnown() && (s.extent().equals(x)
                    || (s.fileOffset() == x.offset() && s.fileSize() == x.size()));
            if (sel && !r.getStyleClass().contains("selected")) r.getStyleClass().add("selected");
            if (!sel) r.getStyleClass().remove("selected");
        }
    }

    /** A tooltip in the section map's style (monospace, quick), for the compare view's maps too. */
    public static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(Duration.millis(150));
        t.getStyleClass().add("mono-tooltip");
        return t;
    }

    /** The style class suffix of a block's permissions: {@code perm-x}, {@code perm-w}, {@code perm-r}, {@code perm-none}. */
    public static String permClass(Permissions p) {
        if (p.execute()) return "x";
        if (p.write()) return "w";
        if (p.read()) return "r";
        return "none";
    }

    private static String sectionText(Section s, SectionMapLayout.Block b) {
        return String.format("[%d] %s  %s%n type %s  flags 0x%x%n file 0x%x..0x%x (%d bytes)%n vaddr 0x%x..0x%x (%d bytes)%s",
                s.index(), s.qualifiedName(), s.permissions().label(), s.type().isEmpty() ? "-" : s.type(), s.flags(),
                s.fileOffset(), s.fileOffset() + s.fileSize(), s.fileSize(), s.address(), s.address() + s.memorySize(),
                s.memorySize(), b.overlap() ? "\n OVERLAPS its neighbour" : "");
    }

    private static String segmentText(Segment g, SectionMapLayout.Space space) {
        return String.format("segment [%d] %s  %s%n file 0x%x+0x%x%n vaddr 0x%x+0x%x", g.index(), g.type(),
                g.permissions().label(), g.fileOffset(), g.fileSize(), g.address(), g.memorySize());
    }

    static String human(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format("%.1f K", n / 1024.0);
        return String.format("%.1f M", n / (1024.0 * 1024));
    }
}
