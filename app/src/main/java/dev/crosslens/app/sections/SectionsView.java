package dev.crosslens.app.sections;

import dev.crosslens.app.Workbench;
import dev.crosslens.app.control.Tables;
import dev.crosslens.model.Extent;
import dev.crosslens.model.Section;
import dev.crosslens.model.Segment;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Sections and segments tables beside the section map. */
public final class SectionsView extends SplitPane {
    private final TableView<Section> sectionTable = new TableView<>();
    private final TableView<Segment> segmentTable = new TableView<>();
    private final SectionMapView map;

    public SectionsView(SectionsViewModel vm, Workbench workbench) {
        getStyleClass().add("sections-view");
        sectionTable.setId("sections-table");
        sectionTable.getColumns().addAll(java.util.List.of(
                Tables.column("#", 44, Section::index),
                Tables.column("Name", 170, Section::qualifiedName),
                Tables.column("Type", 100, Section::type),
                Tables.column("Perm", 50, (Section s) -> s.permissions().label()),
                Tables.hexColumn("Address", 120, Section::address),
                Tables.hexColumn("Mem size", 90, Section::memorySize),
                Tables.hexColumn("Offset", 90, Section::fileOffset),
                Tables.hexColumn("File size", 90, Section::fileSize),
                Tables.hexColumn("Flags", 80, Section::flags)));
        sectionTable.setItems(vm.sections());
        Tables.install(sectionTable, workbench, "sections", s -> s,
                s -> s.extent().isKnown() ? s.extent() : Extent.of(s.fileOffset(), s.fileSize()));
        segmentTable.setId("segments-table");
        segmentTable.getColumns().addAll(java.util.List.of(
                Tables.column("#", 44, Segment::index),
                Tables.column("Type", 120, Segment::type),
                Tables.column("Perm", 50, (Segment s) -> s.permissions().label()),
                Tables.hexColumn("Address", 120, Segment::address),
                Tables.hexColumn("Mem size", 90, Segment::memorySize),
                Tables.hexColumn("Offset", 90, Segment::fileOffset),
                Tables.hexColumn("File size", 90, Segment::fileSize)));
        segmentTable.setItems(vm.segments());
        segmentTable.setPlaceholder(new Label(vm.core().format().label() + " has no segments here"));
        Tables.install(segmentTable, workbench, "segments", s -> s,
                s -> s.extent().isKnown() ? s.extent() : Extent.of(s.fileOffset(), s.fileSize()));
        Label secTitle = new Label("Sections (" + vm.sections().size() + ")");
        secTitle.getStyleClass().add("pane-title");
        Label segTitle = new Label("Segments (" + vm.segments().size() + ")");
        segTitle.getStyleClass().add("pane-title");
        VBox secBox = new VBox(4, secTitle, sectionTable);
        VBox segBox = new VBox(4, segTitle, segmentTable);
        VBox.setVgrow(sectionTable, Priority.ALWAYS);
        VBox.setVgrow(segmentTable, Priority.ALWAYS);
        SplitPane tables = new SplitPane(secBox, segBox);
        tables.setOrientation(Orientation.VERTICAL);
        tables.setDividerPositions(0.62);
        map = new SectionMapView(vm, workbench);
        ScrollPane mapScroll = new ScrollPane(map);
        mapScroll.getStyleClass().add("map-scroll");
        mapScroll.setId("section-map-scroll");
        // the map takes the width it is given (it scrolls sideways only below its minimum) and scrolls down
        mapScroll.setFitToWidth(true);
        if (vm.mapTruncated()) {
            Label note = new Label("The map shows the first " + SectionsViewModel.MAP_LIMIT + " sections.");
            note.getStyleClass().add("muted");
            VBox.setVgrow(mapScroll, Priority.ALWAYS);
            getItems().addAll(tables, new VBox(note, mapScroll));
        } else {
            getItems().addAll(tables, mapScroll);
        }
        setDividerPositions(0.55);
    }

    public TableView<Section> sectionTable() {
        return sectionTable;
    }

    public SectionMapView map() {
        return map;
    }
}
