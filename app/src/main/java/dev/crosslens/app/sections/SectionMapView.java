package dev.crosslens.app.sections;

import dev.crosslens.app.Workbench;
import dev.crosslens.model.Extent;
import dev.crosslens.model.Permissions;
import dev.crosslens.model.Section;
import dev.crosslens.model.Segment;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The section map: file-offset layout and virtual-address layout side by side. Each section is a block coloured
 * by r/w/x, segments are bands beside the blocks they span, holes are hatched gaps, overlaps are outlined red.
 * Hover shows the details, a click selects the section's bytes (the hex view follows).
 */
public final class SectionMapView extends HBox {
    static final double BLOCK_WIDTH = 230;
    static final double BAND_STEP = 12;

    private final Workbench workbench;
    private final List<Region> sectionBlocks = new ArrayList<>();
    // held here and registered weakly: a closed binary's map must not stay reachable from the workbench
    private final javafx.beans.value.ChangeListener<Extent> onSelection = (obs, o, x) -> markSelected(x);

    public SectionMapView(SectionsViewModel vm, Workbench workbench) {
        this.workbench = workbench;
        getStyleClass().add("section-map");
        setSpacing(28);
        setPadding(new Insets(12));
        getChildren().addAll(column("File offsets", vm.fileLayout()), column("Virtual addresses", vm.memoryLayout()),
                legend());
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
        double bandsWidth = (layout.maxDepth() + 1) * BAND_STEP + 6;
        Pane pane = new Pane();
        pane.getStyleClass().add("map-column");
        pane.setPrefSize(bandsWidth + BLOCK_WIDTH, Math.max(40, layout.height()));
        pane.setMinSize(bandsWidth + BLOCK_WIDTH, Math.max(40, layout.height()));
        for (SectionMapLayout.Band b : layout.bands()) {
            Region r = new Region();
            r.getStyleClass().addAll("segment-band", "perm-" + permClass(b.segment().permissions()));
            double x = b.depth() * BAND_STEP;
            r.setPrefSize(bandsWidth - x + BLOCK_WIDTH + 4, b.height());
            r.relocate(x, b.y());
            r.setMouseTransparent(false);
            Tooltip.install(r, tooltip(segmentText(b.segment(), layout.space())));
            pane.getChildren().add(r);
        }
        for (SectionMapLayout.Block b : layout.blocks()) {
            Region block = new Region();
            // a Pane sizes children to their preferred size: give blocks theirs
            block.setPrefSize(BLOCK_WIDTH, b.height());
            block.relocate(bandsWidth, b.y());
            if (b.kind() == SectionMapLayout.Kind.GAP) {
                block.getStyleClass().add("gap-block");
                Tooltip.install(block, tooltip("gap: " + b.size() + " bytes at 0x" + Long.toHexString(b.start())));
                pane.getChildren().add(block);
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
            pane.getChildren().add(block);
            sectionBlocks.add(block);
            if (b.height() >= 14) {
                Label l = new Label(s.qualifiedName().isEmpty() ? "#" + s.index() : s.qualifiedName());
                l.getStyleClass().add("block-label");
                l.setMouseTransparent(true);
                l.relocate(bandsWidth + 6, b.y() + (b.height() - 16) / 2);
                l.setMaxWidth(BLOCK_WIDTH - 10);
                Label size = new Label(human(b.size()));
                size.getStyleClass().add("block-size");
                size.setMouseTransparent(true);
                size.relocate(bandsWidth + BLOCK_WIDTH - 70, b.y() + (b.height() - 16) / 2);
                size.setPrefWidth(64);
                size.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
                pane.getChildren().addAll(l, size);
            }
        }
        Label legend = new Label(layout.sectionBlocks().size() + " sections, " + layout.bands().size()
                + " segments (height ~ log size)");
        legend.getStyleClass().add("muted");
        VBox box = new VBox(6, head, legend, pane);
        return box;
    }

    private static VBox legend() {
        VBox box = new VBox(6);
        Label t = new Label("Legend");
        t.getStyleClass().add("map-title");
        box.getChildren().add(t);
        String[][] rows = {{"section-block perm-x", "executable"}, {"section-block perm-w", "writable"},
                {"section-block perm-r", "read-only"}, {"section-block perm-none", "not loaded"},
                {"segment-band", "segment"}, {"gap-block", "gap (no section)"},
                {"section-block overlap", "overlaps a neighbour"}};
        for (String[] r : rows) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll(r[0].split(" "));
            swatch.setPrefSize(26, 14);
            swatch.setMinSize(26, 14);
            swatch.setMouseTransparent(true);
            Label l = new Label(r[1]);
            l.getStyleClass().add("muted");
            HBox row = new HBox(8, swatch, l);
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

    private static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(Duration.millis(150));
        t.getStyleClass().add("mono-tooltip");
        return t;
    }

    static String permClass(Permissions p) {
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
