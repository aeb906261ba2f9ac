package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.findings.TargetPickerView;
import dev.crosslens.app.overview.OverviewView;
import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Overview at the widths people use: every value readable and selectable, the cards over the whole width. */
class OverviewLayoutTest {
    @RegisterExtension
    final TestWindow app = new TestWindow();

    private OverviewView open(Path file, double width) {
        fxRun(() -> {
            Window w = app.window().getScene().getWindow();
            w.setWidth(width);
            w.setHeight(900);
        });
        fxRun(() -> app.window().openPaths(List.of(file)));
        Path abs = file.toAbsolutePath().normalize();
        waitUntil(90, () -> fx(() -> app.workbench().active() != null && app.workbench().active().path().equals(abs)
                && app.workbench().active().state() == WorkbenchItem.State.LOADED && app.window().activeWorkspace() != null));
        OverviewView v = fx(() -> (OverviewView) app.window().activeWorkspace().view("overview"));
        fxRun(() -> {
            app.window().getScene().getRoot().applyCss();
            app.window().getScene().getRoot().layout();
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        return v;
    }

    /** Every value, in full: the text laid out in the width it got is no taller (wrapped) or wider than the field. */
    private static List<String> cutValues(Node overview) {
        List<String> cut = new ArrayList<>();
        for (Node n : overview.lookupAll(".selectable-text")) {
            TextInputControl t = (TextInputControl) n;
            Text probe = new Text(t.getText());
            probe.setFont(t.getFont());
            double inner = t.getWidth() - t.getInsets().getLeft() - t.getInsets().getRight();
            if (t instanceof TextArea a && a.isWrapText()) {
                probe.setWrappingWidth(Math.max(1, inner - 2));
                if (probe.getLayoutBounds().getHeight() > t.getHeight() - t.getInsets().getTop() - t.getInsets().getBottom() + 1) {
                    cut.add(t.getText());
                }
            } else if (probe.getLayoutBounds().getWidth() > inner + 1) {
                cut.add(t.getText());
            }
        }
        return cut;
    }

    private static List<String> cutLabels(Node overview) {
        List<String> cut = new ArrayList<>();
        for (Node n : overview.lookupAll(".fact-label")) {
            Label l = (Label) n;
            if (l.getWidth() + 0.5 < l.prefWidth(-1)) cut.add(l.getText());
        }
        return cut;
    }

    private static Bounds inContent(Node n, Node content) {
        return content.sceneToLocal(n.localToScene(n.getLayoutBounds()));
    }

    @Test
    void goBinaryAt1280And1600() {
        for (double width : List.of(1280.0, 1600.0)) {
            OverviewView v = open(Fixtures.file("go-cross", "linux-arm64"), width);
            assertEquals(List.of(), fx(() -> cutValues(v)), "values cut at " + width);
            assertEquals(List.of(), fx(() -> cutLabels(v)), "labels cut at " + width);
            assertTrue(fx(() -> v.lookupAll(".selectable-text").stream()
                    .allMatch(n -> n instanceof TextInputControl t && !t.isEditable())), "values are selectable text");

            // the cards fill the width the diagnostics card spans: no column stops short of it
            Node cards = fx(() -> v.lookup("#overview-cards"));
            Node diagnostics = fx(() -> v.lookup("#diagnostics-card"));
            double right = fx(() -> inContent(diagnostics, cards).getMaxX());
            double rightmost = fx(() -> cards.lookupAll(".card").stream().filter(c -> c.getParent() == cards)
                    .mapToDouble(c -> inContent(c, cards).getMaxX()).max().orElse(0));
            assertEquals(right, rightmost, 1.0, "cards and the diagnostics card end together at " + width);
            double target = fx(() -> inContent(v.lookup("#target-card"), cards).getMaxX());
            assertEquals(right, target, 1.0, "the target card spans the width at " + width);
            fxRun(() -> app.workbench().close(app.workbench().active()));
        }
    }

    @Test
    void theTargetCardSaysWhatToDoBeforeATargetIsChosen() {
        OverviewView v = open(Fixtures.file("go-cross", "linux-arm64"), 1280);
        TargetPickerView picker = fx(() -> (TargetPickerView) v.lookup(".target-picker"));
        assertEquals(TargetPickerView.PROMPT, fx(() -> picker.verdictLabel().getText()));
        assertTrue(fx(() -> picker.verdictLabel().getStyleClass().contains("target-prompt")));
        assertFalse(fx(() -> picker.reasons().isVisible()), "no empty reasons box under the prompt");
        assertEquals("Choose a target system…", fx(() -> ((javafx.scene.control.ComboBox<?>) picker.lookup("#target-combo"))
                .getPromptText()));
    }

    @Test
    void longLibraryListsHashesAndPathsAreReadable() {
        OverviewView v = open(Corpus.require("rollup-4.67.4-linux-x64-gnu"), 1280);
        assertEquals(List.of(), fx(() -> cutValues(v)));
        String libs = fx(() -> v.lookupAll(".selectable-text").stream().map(n -> ((TextInputControl) n).getText())
                .filter(t -> t.startsWith("libdl.so.2")).findFirst().orElseThrow());
        assertEquals("libdl.so.2, libgcc_s.so.1, librt.so.1, libpthread.so.0, libm.so.6, libc.so.6, ld-linux-x86-64.so.2",
                libs);
        assertTrue(fx(() -> ((TextInputControl) v.lookup("#sha256")).getText().length() == 64));
    }

    @Test
    void peVersionInfoAndCpeAreReadable() {
        OverviewView v = open(Fixtures.file("pe-mingw", "versioned.exe"), 1280);
        assertEquals(List.of(), fx(() -> cutValues(v)));
        assertEquals(List.of(), fx(() -> cutLabels(v)));
        assertTrue(fx(() -> v.lookupAll(".fact-label").stream().anyMatch(n -> ((Label) n).getText().equals("OriginalFilename"))));
    }
}
