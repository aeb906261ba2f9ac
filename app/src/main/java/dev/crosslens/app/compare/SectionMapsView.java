package dev.crosslens.app.compare;

import dev.crosslens.app.sections.SectionMapLayout;
import dev.crosslens.app.sections.SectionMapView;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Section;
import dev.crosslens.model.diff.ChangeKind;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two section maps side by side, old on the left and new on the right, each laid out as the workbench's
 * section map ({@link SectionMapLayout}: blocks in file-offset or address order, height ~ log size, coloured
 * r/w/x, segments as bands, gaps hatched); a ribbon joins each section to its match on the other side (amber when
 * its size or permissions changed), sections on one side only are outlined and marked. Hover shows the details,
 * a click selects the section's bytes on both sides.
 */
final class SectionMapsView extends VBox {
    static final double BLOCK_WIDTH = 250;
    static final double LINK_GAP = 150;
    static final double BAND_STEP = 10;
    static final double TOP = 24;
    /** Beyond this many sections on a side the maps are not drawn (the bars above still list every change). */
    static final int MAX_SECTIONS = 2000;

    private final CompareViewModel vm;
    private final Pane canvas = new Pane();
    private final ToggleButton fileSpace = new ToggleButton("File offsets");
    private final ToggleButton memorySpace = new ToggleButton("Virtual addresses");
    private final Label note = new Label();
    private final List<Region> oldBlocks = new ArrayList<>();
    private final List<Region> newBlocks = new ArrayList<>();
    private final List<Path> links = new ArrayList<>();
    private CompareSide oldSide;
    private CompareSide newSide;
    private List<SectionLink> pairs = List.of();

    SectionMapsView(CompareViewModel vm) {
        this.vm = vm;
        getStyleClass().add("compare-maps");
        setId("section-maps");
        setSpacing(6);
        setPadding(new Insets(8));
        Label title = new Label("The two section maps, matching sections joined");
        title.getStyleClass().add("compare-subtitle");
        ToggleGroup space = new ToggleGroup();
        fileSpace.setId("maps-file");
        memorySpace.setId("maps-memory");
        for (ToggleButton t : List.of(fileSpace, memorySpace)) {
            t.setToggleGroup(space);
            t.getStyleClass().add("diff-facet");
        }
        fileSpace.setSelected(true);
        space.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) ((ToggleButton) a).setSelected(true);
            else draw();
        });
        HBox head = new HBox(8, title, fileSpace, memorySpace);
        head.setAlignment(Pos.CENTER_LEFT);
        note.getStyleClass().add("muted");
        canvas.getStyleClass().add("compare-maps-canvas");
        getChildren().addAll(head, legend(), note, canvas);
    }

    /** Draws the maps of two sides with their matched sections. */
    void show(CompareSide old, CompareSide neu, List<SectionLink> matched) {
        oldSide = old;
        newSide = neu;
        pairs = List.copyOf(matched);
        draw();
    }

    private SectionMapLayout.Space space() {
        return memorySpace.isSelected() ? SectionMapLayout.Space.MEMORY : SectionMapLayout.Space.FILE;
    }

    private void draw() {
        canvas.getChildren().clear();
        oldBlocks.clear();
        newBlocks.clear();
        links.clear();
        if (oldSide == null || newSide == null) {
            note.setText("");
            return;
        }
        SectionMapLayout.Space space = space();
        ImageCore a = oldSide.image().core();
        ImageCore b = newSide.image().core();
        if (a.sections().size() > MAX_SECTIONS || b.sections().size() > MAX_SECTIONS) {
            note.setText(String.format(Locale.ROOT, "%,d and %,d sections: too many to draw; the bars above list "
                    + "every section whose size changed", a.sections().size(), b.sections().size()));
            return;
        }
        SectionMapLayout la = new SectionMapLayout(space, a.sections(), a.segments());
        SectionMapLayout lb = new SectionMapLayout(space, b.sections(), b.segments());
        note.setText(space == SectionMapLayout.Space.FILE
                ? "File bytes in file order; sections without file bytes (.bss) show under Virtual addresses."
                : "Sections as loaded, in address order; sections that are not loaded show under File offsets.");

        double oldBands = Math.max(0, la.maxDepth() + 1) * BAND_STEP + 6;
        double newBands = Math.max(0, lb.maxDepth() + 1) * BAND_STEP + 6;
        double oldX = oldBands;
        double linkLeft = oldX + BLOCK_WIDTH;
        double linkRight = linkLeft + LINK_GAP;
        double newX = linkRight;
        double width = newX + BLOCK_WIDTH + newBands;
        double height = TOP + Math.max(la.height(), lb.height()) + 8;
        canvas.setPrefSize(width, height);
        canvas.setMinSize(width, height);
        canvas.setMaxSize(width, height);

        canvas.getChildren().add(columnTitle("OLD  " + name(oldSide), oldX, BLOCK_WIDTH));
        canvas.getChildren().add(columnTitle("NEW  " + name(newSide), newX, BLOCK_WIDTH));

        Map<Section, SectionLink> linkOf = new IdentityHashMap<>();
        for (SectionLink l : pairs) {
            if (l.oldSection() != null) linkOf.put(l.oldSection(), l);
            if (l.newSection() != null) linkOf.put(l.newSection(), l);
        }
        bands(la, oldX, oldBands, true);
        bands(lb, newX, newBands, false);
        Map<Section, SectionMapLayout.Block> oldAt = blocks(la, oldX, linkOf, true, oldBlocks);
        Map<Section, SectionMapLayout.Block> newAt = blocks(lb, newX, linkOf, false, newBlocks);

        for (SectionLink l : pairs) {
            SectionMapLayout.Block ob = l.oldSection() == null ? null : oldAt.get(l.oldSection());
            SectionMapLayout.Block nb = l.newSection() == null ? null : newAt.get(l.newSection());
            if (ob != null && nb != null) {
                Path ribbon = ribbon(linkLeft, TOP + ob.y(), ob.height(), linkRight, TOP + nb.y(), nb.height());
                ribbon.getStyleClass().add("map-link");
                if (l.kind() == ChangeKind.CHANGED) ribbon.getStyleClass().add("diff-changed");
                ribbon.setUserData(l);
                Tooltip.install(ribbon, SectionMapView.tooltip(describe(l)));
                ribbon.setOnMouseClicked(e -> select(l));
                canvas.getChildren().add(0, ribbon); // under the blocks
                links.add(ribbon);
            } else if (ob != null && l.kind() == ChangeKind.REMOVED) {
                canvas.getChildren().add(mark("\u2212 gone", "diff-removed", linkLeft + 6, TOP + ob.y(), ob.height()));
            } else if (nb != null && l.kind() == ChangeKind.ADDED) {
                canvas.getChildren().add(mark("+ new", "diff-added", linkRight - 50, TOP + nb.y(), nb.height()));
            }
        }
    }

    private static String name(CompareSide s) {
        return s.isWholeFile() ? s.fileName() : s.part() + " of " + s.fileName();
    }

    private static Label columnTitle(String text, double x, double width) {
        Label l = new Label(text);
        l.getStyleClass().add("map-title");
        l.setMaxWidth(width + 60);
        l.relocate(x, 0);
        return l;
    }

    /** Segment bands behind the blocks: to the left of the old column, to the right of the new one. */
    private void bands(SectionMapLayout layout, double blockX, double bandsWidth, boolean left) {
        for (SectionMapLayout.Band b : layout.bands()) {
            Region r = new Region();
            r.getStyleClass().add("segment-band");
            double inset = b.depth() * BAND_STEP;
            double w = bandsWidth - inset + BLOCK_WIDTH;
            r.setPrefSize(w, b.height());
            r.relocate(left ? inset : blockX, TOP + b.y());
            Tooltip.install(r, SectionMapView.tooltip(String.format(Locale.ROOT, "segment [%d] %s  %s%n file 0x%x+0x%x%n vaddr 0x%x+0x%x",
                    b.segment().index(), b.segment().type(), b.segment().permissions().label(),
                    b.segment().fileOffset(), b.segment().fileSize(), b.segment().address(),
                    b.segment().memorySize())));
            canvas.getChildren().add(r);
        }
    }

    private Map<Section, SectionMapLayout.Block> blocks(SectionMapLayout layout, double x,
                                                         Map<Section, SectionLink> linkOf, boolean old,
                                                         List<Region> out) {
        Map<Section, SectionMapLayout.Block> at = new IdentityHashMap<>();
        for (SectionMapLayout.Block b : layout.blocks()) {
            Region block = new Region();
            block.setPrefSize(BLOCK_WIDTH, b.height());
            block.relocate(x, TOP + b.y());
            if (b.kind() == SectionMapLayout.Kind.GAP) {
                block.getStyleClass().add("gap-block");
                Tooltip.install(block, SectionMapView.tooltip(String.format(Locale.ROOT, "gap: %,d bytes at 0x%x", b.size(), b.start())));
                canvas.getChildren().add(block);
                continue;
            }
            Section s = b.section();
            at.put(s, b);
            SectionLink l = linkOf.get(s);
            block.getStyleClass().addAll("section-block", "perm-" + SectionMapView.permClass(s.permissions()));
            if (b.overlap()) block.getStyleClass().add("overlap");
            if (l != null && (l.kind() == ChangeKind.ADDED || l.kind() == ChangeKind.REMOVED)) {
                block.getStyleClass().add(CompareView.kindClass(l.kind()));
            }
            block.setUserData(l != null ? l : new SectionLink(old ? s : null, old ? null : s));
            Tooltip.install(block, SectionMapView.tooltip(sectionText(s, b) + (l == null ? "" : "\n\n" + describe(l))));
            SectionLink pair = (SectionLink) block.getUserData();
            block.setOnMouseClicked(e -> select(pair));
            canvas.getChildren().add(block);
            out.add(block);
            if (b.height() >= 14) {
                String name = s.qualifiedName().isEmpty() ? "#" + s.index() : s.qualifiedName();
                Label n = new Label(name);
                n.getStyleClass().add("block-label");
                n.setMouseTransparent(true);
                n.setMaxWidth(BLOCK_WIDTH - 72);
                n.relocate(x + 6, TOP + b.y() + (b.height() - 16) / 2);
                Label size = new Label(human(b.size()));
                size.getStyleClass().add("block-size");
                size.setMouseTransparent(true);
                size.setPrefWidth(70);
                size.setAlignment(Pos.CENTER_RIGHT);
                size.relocate(x + BLOCK_WIDTH - 76, TOP + b.y() + (b.height() - 16) / 2);
                canvas.getChildren().addAll(n, size);
            }
        }
        return at;
    }

    private void select(SectionLink l) {
        vm.selectExtents(l.oldExtent(), l.newExtent());
        for (Path p : links) {
            if (p.getUserData() == l) {
                if (!p.getStyleClass().contains("selected")) p.getStyleClass().add("selected");
            } else {
                p.getStyleClass().remove("selected");
            }
        }
    }

    /** A band from the old block's right edge to the new block's left edge, curved so it reads as one ribbon. */
    static Path ribbon(double x0, double y0, double h0, double x1, double y1, double h1) {
        double mid = (x0 + x1) / 2;
        Path p = new Path(new MoveTo(x0, y0), new CubicCurveTo(mid, y0, mid, y1, x1, y1), new LineTo(x1, y1 + h1),
                new CubicCurveTo(mid, y1 + h1, mid, y0 + h0, x0, y0 + h0), new ClosePath());
        return p;
    }

    private static Label mark(String text, String cls, double x, double y, double h) {
        Label l = new Label(text);
        l.getStyleClass().addAll("map-mark", cls);
        l.setMouseTransparent(true);
        l.relocate(x, y + Math.max(0, (h - 16) / 2));
        return l;
    }

    private static Node legend() {
        HBox box = new HBox(12);
        box.setAlignment(Pos.CENTER_LEFT);
        String[][] rows = {{"section-block perm-x", "executable"}, {"section-block perm-w", "writable"},
                {"section-block perm-r", "read-only"}, {"section-block perm-none", "not loaded"},
                {"segment-band", "segment"}, {"gap-block", "gap"},
                {"section-block perm-r diff-added", "new section"}, {"section-block perm-r diff-removed", "gone"}};
        for (String[] r : rows) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll(r[0].split(" "));
            swatch.setPrefSize(22, 12);
            swatch.setMinSize(22, 12);
            swatch.setMouseTransparent(true);
            Label l = new Label(r[1]);
            l.getStyleClass().add("muted");
            HBox item = new HBox(5, swatch, l);
            item.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(item);
        }
        for (String[] r : new String[][] {{"map-link", "same size"}, {"map-link diff-changed", "size or permissions changed"}}) {
            Path p = ribbon(0, 0, 8, 22, 4, 8);
            p.getStyleClass().addAll(r[0].split(" "));
            p.setMouseTransparent(true);
            Label l = new Label(r[1]);
            l.getStyleClass().add("muted");
            HBox item = new HBox(5, p, l);
            item.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(item);
        }
        return box;
    }

    private static String sectionText(Section s, SectionMapLayout.Block b) {
        return String.format(Locale.ROOT, "[%d] %s  %s%n type %s%n file 0x%x..0x%x (%,d bytes)%n vaddr 0x%x..0x%x (%,d bytes)%s",
                s.index(), s.qualifiedName(), s.permissions().label(), s.type().isEmpty() ? "-" : s.type(),
                s.fileOffset(), s.fileOffset() + s.fileSize(), s.fileSize(), s.address(), s.address() + s.memorySize(),
                s.memorySize(), b.overlap() ? "\n OVERLAPS its neighbour" : "");
    }

    /** What happened to a matched pair, in words. */
    static String describe(SectionLink l) {
        Section o = l.oldSection();
        Section n = l.newSection();
        if (o == null) return String.format(Locale.ROOT, "%s is new: %,d file bytes, %,d in memory, %s", l.name(),
                n.fileSize(), n.memorySize(), n.permissions().label());
        if (n == null) return String.format(Locale.ROOT, "%s is gone: it had %,d file bytes, %,d in memory, %s",
                l.name(), o.fileSize(), o.memorySize(), o.permissions().label());
        StringBuilder sb = new StringBuilder(l.name()).append(l.kind() == null ? ": unchanged" : ":");
        sb.append(String.format(Locale.ROOT, "%n file   %,d \u2192 %,d (%s)", o.fileSize(), n.fileSize(),
                CompareTexts.signed(n.fileSize() - o.fileSize())));
        sb.append(String.format(Locale.ROOT, "%n memory %,d \u2192 %,d (%s)", o.memorySize(), n.memorySize(),
                CompareTexts.signed(n.memorySize() - o.memorySize())));
        if (!o.permissions().equals(n.permissions())) {
            sb.append("\n permissions ").append(o.permissions().label()).append(" \u2192 ").append(n.permissions().label());
        }
        sb.append(String.format(Locale.ROOT, "%n at 0x%x \u2192 0x%x", o.fileOffset(), n.fileOffset()));
        return sb.toString();
    }

    static String human(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f K", n / 1024.0);
        return String.format(Locale.ROOT, "%.1f M", n / (1024.0 * 1024));
    }

    // ---- for tests ---------------------------------------------------------------------------------------

    List<Region> oldBlocks() {
        return oldBlocks;
    }

    List<Region> newBlocks() {
        return newBlocks;
    }

    List<Path> links() {
        return links;
    }

    ToggleButton memorySpaceToggle() {
        return memorySpace;
    }
}
