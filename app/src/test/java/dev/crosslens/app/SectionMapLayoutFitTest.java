package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.sections.SectionsView;
import dev.crosslens.parsers.testing.Corpus;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The section map fits the Sections tab at the widths people use: both columns and the legend, nothing cut. */
class SectionMapLayoutFitTest {
    @RegisterExtension
    final TestWindow app = new TestWindow();

    @Test
    void bothColumnsAndTheLegendFitAt1280And1600() {
        Path file = Corpus.require("rollup-4.67.4-linux-x64-gnu");
        fxRun(() -> app.window().openPaths(List.of(file)));
        waitUntil(90, () -> fx(() -> app.window().activeWorkspace() != null
                && app.workbench().active().state() == WorkbenchItem.State.LOADED));
        for (double width : List.of(1280.0, 1600.0)) {
            fxRun(() -> {
                Window w = app.window().getScene().getWindow();
                w.setWidth(width);
                w.setHeight(900);
                app.window().activeWorkspace().show("sections");
            });
            SectionsView v = fx(() -> (SectionsView) app.window().activeWorkspace().view("sections"));
            fxRun(() -> {
                app.window().getScene().getRoot().applyCss();
                app.window().getScene().getRoot().layout();
            });
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            ScrollPane scroll = fx(() -> (ScrollPane) v.lookup("#section-map-scroll"));
            double viewport = fx(() -> scroll.getViewportBounds().getWidth());
            assertTrue(viewport > 300, "the map has room: " + viewport);
            for (String id : List.of("#section-map-legend", "#section-map-columns")) {
                Node n = fx(() -> v.lookup(id));
                Bounds b = fx(() -> scrollContentBounds(scroll, n));
                assertTrue(b.getMaxX() <= viewport + 0.5, id + " ends at " + b.getMaxX() + " in a viewport of "
                        + viewport + " at " + width);
            }
            // the columns (and the blocks in them) share the width: both are as wide as each other
            List<Double> columnWidths = fx(() -> v.lookupAll(".map-column").stream().map(n -> n.getLayoutBounds().getWidth()).toList());
            assertEquals(2, columnWidths.size());
            assertEquals(columnWidths.get(0), columnWidths.get(1), 1.0);
            assertEquals(0.0, fx(() -> scroll.getHvalue()), 0.0);
        }
    }

    /** Where a node lies in the scroll pane's content. */
    private static Bounds scrollContentBounds(ScrollPane scroll, Node n) {
        return scroll.getContent().sceneToLocal(n.localToScene(n.getLayoutBounds()));
    }
}
