package dev.crosslens.app.sections;

import dev.crosslens.model.Permissions;
import dev.crosslens.model.Section;
import dev.crosslens.model.Segment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lays out one column of the section map: sections in address (or file offset) order, each a block whose height
 * grows with the log of its size (so a 16-byte section still shows next to a 10 MB one), the holes between them
 * as gap blocks, overlaps flagged, and segments as bands spanning the same scale. Pure arithmetic, no JavaFX.
 */
public final class SectionMapLayout {
    /** Which address space a column draws. */
    public enum Space { FILE, MEMORY }

    public enum Kind { SECTION, GAP }

    /** One drawn block; {@code section} is null for a gap. */
    public record Block(Kind kind, Section section, long start, long size, double y, double height,
                        boolean overlap) {
        public Permissions permissions() {
            return section == null ? Permissions.NONE : section.permissions();
        }
    }

    /** A segment drawn beside the blocks; {@code depth} indents nested or overlapping bands. */
    public record Band(Segment segment, long start, long size, double y, double height, int depth) {
    }

    static final double MIN_HEIGHT = 18;
    static final double GAP_MIN = 6;

    private final Space space;
    private final List<Block> blocks = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private final List<long[]> marks = new ArrayList<>(); // {address, y*1000} breakpoints
    private double height;

    public SectionMapLayout(Space space, List<Section> sections, List<Segment> segments) {
        this.space = space;
        layoutBlocks(sections);
        layoutBands(segments);
    }

    /** Sections that have bytes in this space: file bytes for FILE, a load address and size for MEMORY. */
    public static boolean shown(Section s, Space space) {
        if (space == Space.FILE) return s.fileSize() > 0 && s.fileOffset() >= 0 && !s.type().equals("NOBITS");
        return s.memorySize() > 0 && s.address() != 0;
    }

    private long start(Section s) {
        return space == Space.FILE ? s.fileOffset() : s.address();
    }

    private long size(Section s) {
        return space == Space.FILE ? s.fileSize() : s.memorySize();
    }

    static double scaled(long size, double min, double k) {
        return Math.max(min, k * Math.log(Math.max(1, size)) / Math.log(2));
    }

    private void layoutBlocks(List<Section> sections) {
        List<Section> shown = new ArrayList<>();
        for (Section s : sections) if (shown(s, space)) shown.add(s);
        shown.sort(Comparator.<Section>comparingLong(s -> start(s) ^ Long.MIN_VALUE).thenComparingInt(Section::index));
        double y = 0;
        long prevEnd = Long.MIN_VALUE;
        boolean first = true;
        for (Section s : shown) {
            long start = start(s);
            long size = size(s);
            boolean overlap = false;
            if (!first) {
                if (Long.compareUnsigned(start, prevEnd) > 0) {
                    long gap = start - prevEnd;
                    double h = scaled(gap, GAP_MIN, 1.2);
                    blocks.add(new Block(Kind.GAP, null, prevEnd, gap, y, h, false));
                    mark(prevEnd, y);
                    y += h;
                } else if (Long.compareUnsigned(start, prevEnd) < 0) {
                    overlap = true;
                    Block prev = blocks.get(blocks.size() - 1);
                    if (prev.kind() == Kind.SECTION && !prev.overlap()) {
                        blocks.set(blocks.size() - 1, new Block(prev.kind(), prev.section(), prev.start(),
                                prev.size(), prev.y(), prev.height(), true));
                    }
                }
            }
            double h = scaled(size, MIN_HEIGHT, 4.0);
            blocks.add(new Block(Kind.SECTION, s, start, size, y, h, overlap));
            mark(start, y);
            y += h;
            mark(start + size, y);
            long end = start + size;
            prevEnd = first || Long.compareUnsigned(end, prevEnd) > 0 ? end : prevEnd;
            first = false;
        }
        height = y;
    }

    private void mark(long address, double y) {
        marks.add(new long[] {address, Math.round(y * 1000)});
    }

    /** Where an address falls on the column (interpolated within blocks, clamped outside). */
    public double yOf(long address) {
        if (marks.isEmpty()) return 0;
        long[] below = null;
        long[] above = null;
        for (long[] m : marks) {
            if (Long.compareUnsigned(m[0], address) <= 0 && (below == null || Long.compareUnsigned(m[0], below[0]) >= 0)) {
                below = m;
            }
            if (Long.compareUnsigned(m[0], address) >= 0 && (above == null || Long.compareUnsigned(m[0], above[0]) < 0)) {
                above = m;
            }
        }
        if (below == null) return above[1] / 1000.0;
        if (above == null || above[0] == below[0]) return below[1] / 1000.0;
        double f = (double) (address - below[0]) / (double) (above[0] - below[0]);
        return (below[1] + f * (above[1] - below[1])) / 1000.0;
    }

    private void layoutBands(List<Segment> segments) {
        if (blocks.isEmpty()) return;
        List<Band> placed = new ArrayList<>();
        for (Segment g : segments) {
            long start = space == Space.FILE ? g.fileOffset() : g.address();
            long size = space == Space.FILE ? g.fileSize() : g.memorySize();
            if (size <= 0 || (space == Space.MEMORY && start == 0 && g.memorySize() == 0)) continue;
            double y0 = yOf(start);
            double y1 = yOf(start + size);
            if (y1 - y0 < 4) y1 = y0 + 4;
            int depth = 0;
            for (Band b : placed) {
                boolean intersects = y0 < b.y() + b.height() && b.y() < y1;
                if (intersects && b.depth() >= depth) depth = b.depth() + 1;
            }
            Band band = new Band(g, start, size, y0, y1 - y0, depth);
            placed.add(band);
        }
        bands.addAll(placed);
    }

    public Space space() {
        return space;
    }

    public List<Block> blocks() {
        return blocks;
    }

    public List<Block> sectionBlocks() {
        List<Block> out = new ArrayList<>();
        for (Block b : blocks) if (b.kind() == Kind.SECTION) out.add(b);
        return out;
    }

    public List<Band> bands() {
        return bands;
    }

    public int maxDepth() {
        int d = -1;
        for (Band b : bands) d = Math.max(d, b.depth());
        return d;
    }

    public double height() {
        return height;
    }
}
