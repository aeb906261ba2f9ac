package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.go.GoView;
import dev.crosslens.app.go.GoViewModel;
import dev.crosslens.model.Extent;
import dev.crosslens.model.Section;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.parsers.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Go tab lists the functions of the package picked, from the pclntab. */
class GoViewTest {
    @RegisterExtension
    final TestWindow app = new TestWindow();

    private GoView open(Path file, double width) {
        fxRun(() -> {
            Window w = app.window().getScene().getWindow();
            w.setWidth(width);
            w.setHeight(900);
            app.window().openPaths(List.of(file));
        });
        waitUntil(90, () -> fx(() -> app.window().activeWorkspace() != null
                && app.workbench().active().state() == WorkbenchItem.State.LOADED));
        GoView v = fx(() -> {
            app.window().activeWorkspace().show("go");
            return (GoView) app.window().activeWorkspace().view("go");
        });
        fxRun(() -> {
            app.window().getScene().getRoot().applyCss();
            app.window().getScene().getRoot().layout();
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        return v;
    }

    @Test
    void selectingAPackageListsItsFunctionsWithTheirCode() {
        GoView v = open(Fixtures.file("go-cross", "linux-arm64"), 1280);
        WorkbenchItem item = fx(() -> app.workbench().active());
        long all = item.image().core().symbols().stream().filter(s -> s.table() == SymbolTable.GO_PCLNTAB).count();
        assertEquals(all, (long) fx(() -> v.functionsTable().getItems().size()), "no package picked: every function");

        int runtime = item.image().core().go().pclntab().functionsPerPackage().get("runtime");
        GoViewModel.PackageRow row = fx(() -> v.packagesTable().getItems().stream()
                .filter(p -> p.pkg().equals("runtime")).findFirst().orElseThrow());
        fxRun(() -> v.packagesTable().getSelectionModel().select(row));
        assertEquals(runtime, (int) fx(() -> v.functionsTable().getItems().size()));
        assertTrue(fx(() -> v.functionsTable().getItems().stream().allMatch(f -> f.name().startsWith("runtime.")
                && f.pkg().equals("runtime"))));
        assertEquals(runtime + " functions in runtime", fx(() -> ((Label) v.lookup("#go-function-count")).getText()));

        fxRun(() -> v.filterField().setText("mallocgc"));
        List<GoViewModel.FunctionRow> hits = fx(() -> List.copyOf(v.functionsTable().getItems()));
        assertTrue(!hits.isEmpty() && hits.size() < runtime, hits.toString());
        assertTrue(hits.stream().allMatch(f -> f.name().toLowerCase().contains("mallocgc")));
        assertTrue(fx(() -> ((Label) v.lookup("#go-function-count")).getText()).startsWith(hits.size() + " of "));

        // selecting a function selects its code: inside .text, at its address
        GoViewModel.FunctionRow f = hits.stream().filter(h -> h.name().equals("runtime.mallocgc")).findFirst().orElseThrow();
        fxRun(() -> v.functionsTable().getSelectionModel().select(f));
        Extent sel = fx(() -> app.workbench().selectionProperty().get());
        Section text = item.image().core().section(".text");
        assertEquals(text.fileOffset() + (f.address() - text.address()), sel.offset());
        assertEquals(f.size(), sel.size());
        assertTrue(f.size() > 0);

        // and Ctrl+C copies it as shown
        fxRun(() -> v.functionsTable().fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                "", "", javafx.scene.input.KeyCode.C, false, true, false, false)));
        assertEquals("runtime.mallocgc\t0x" + Long.toHexString(f.address()) + "\t" + f.size() + "\n",
                fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()));
        FxTesting.snapshot(app.window(), "snapshots", "go-functions");
    }

    @Test
    void theEvidenceLineIsShownInFull() {
        GoView v = open(Fixtures.file("go-cross", "windows-arm64.exe"), 1280);
        Label ev = fx(() -> (Label) v.lookup("#go-evidence"));
        double h = fx(() -> ev.getHeight());
        double needed = fx(() -> ev.prefHeight(ev.getWidth()));
        assertTrue(h + 0.5 >= needed, "evidence " + h + " px high, its text needs " + needed);
        assertTrue(needed > 20, "at 1280 the evidence wraps: " + needed);
    }
}
