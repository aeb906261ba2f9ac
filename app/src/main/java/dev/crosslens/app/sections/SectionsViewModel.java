package dev.crosslens.app.sections;

import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Section;
import dev.crosslens.model.Segment;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Sections, segments and the two layouts of the section map of one image. */
public final class SectionsViewModel {
    /** The map draws at most this many sections (objects built with -ffunction-sections can hold thousands). */
    public static final int MAP_LIMIT = 3000;

    private final ImageCore core;
    private final ObservableList<Section> sections;
    private final ObservableList<Segment> segments;
    private final SectionMapLayout fileLayout;
    private final SectionMapLayout memoryLayout;

    public SectionsViewModel(ImageCore core) {
        this.core = core;
        this.sections = FXCollections.observableArrayList(core.sections());
        this.segments = FXCollections.observableArrayList(core.segments());
        var mapped = core.sections().size() > MAP_LIMIT ? core.sections().subList(0, MAP_LIMIT) : core.sections();
        this.fileLayout = new SectionMapLayout(SectionMapLayout.Space.FILE, mapped, core.segments());
        this.memoryLayout = new SectionMapLayout(SectionMapLayout.Space.MEMORY, mapped, core.segments());
    }

    public ImageCore core() {
        return core;
    }

    public ObservableList<Section> sections() {
        return sections;
    }

    public ObservableList<Segment> segments() {
        return segments;
    }

    public SectionMapLayout fileLayout() {
        return fileLayout;
    }

    public SectionMapLayout memoryLayout() {
        return memoryLayout;
    }

    public boolean mapTruncated() {
        return core.sections().size() > MAP_LIMIT;
    }

    /** Number of sections drawn in at least one column. */
    public int mappedSectionCount() {
        java.util.Set<Integer> idx = new java.util.HashSet<>();
        for (SectionMapLayout.Block b : fileLayout.sectionBlocks()) idx.add(b.section().index());
        for (SectionMapLayout.Block b : memoryLayout.sectionBlocks()) idx.add(b.section().index());
        return idx.size();
    }
}
