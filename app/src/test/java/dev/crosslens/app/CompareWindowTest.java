package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.compare.ComparePanel;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.FatImage;
import dev.crosslens.model.FatSlice;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.diff.BuildDiffer;
import dev.crosslens.parsers.diff.DiffSide;
import dev.crosslens.parsers.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Compare builds panel in the window: what it compares when a fat slice is picked, and how it names it. */
class CompareWindowTest {
    @RegisterExtension
    final TestWindow app = new TestWindow();

    /** Opens the files and waits until every one is loaded; returns their top-level items in order. */
    private List<WorkbenchItem> open(Path... files) {
        fxRun(() -> app.window().openPaths(List.of(files)));
        List<Path> abs = java.util.Arrays.stream(files).map(p -> p.toAbsolutePath().normalize()).toList();
        waitUntil(120, () -> fx(() -> abs.stream().allMatch(p -> app.workbench().items().stream()
                .anyMatch(i -> i.path().equals(p) && i.state() == WorkbenchItem.State.LOADED))));
        return fx(() -> abs.stream().map(p -> app.workbench().items().stream().filter(i -> i.path().equals(p))
                .findFirst().orElseThrow()).toList());
    }

    private ComparePanel panel() {
        return fx(() -> (ComparePanel) app.window().openPanel("compare"));
    }

    private static BuildDiff waitForDiff(ComparePanel panel) {
        waitUntil(120, () -> fx(() -> !panel.view().viewModel().runningProperty().get()
                && panel.view().viewModel().diffProperty().get() != null));
        return fx(() -> panel.view().viewModel().diffProperty().get());
    }

    private String text(String id) {
        return fx(() -> ((Label) app.window().lookup(id)).getText());
    }

    @Test
    void aPickedFatSliceIsComparedWithItsOwnSizeAsTheCliDoesAndTheHeaderNamesIt() throws Exception {
        Path universal = Fixtures.file("macho-fat", "universal");
        Path arm = Fixtures.file("macho-fat", "darwin-arm64");
        List<WorkbenchItem> items = open(universal, arm);
        WorkbenchItem slice = fx(() -> items.get(0).children().stream().filter(c -> c.label().startsWith("x86_64"))
                .findFirst().orElseThrow());
        ComparePanel panel = panel();
        fxRun(() -> {
            panel.olderChoice().setValue(slice);
            panel.newerChoice().setValue(items.get(1));
            panel.compareSelected();
        });
        BuildDiff d = waitForDiff(panel);
        FatSlice x86 = ((FatImage) fx(() -> items.get(0).image())).slices().stream()
                .filter(s -> s.arch().label().equals("x86_64")).findFirst().orElseThrow();
        assertEquals(x86.size(), d.totals().oldFile(), "the slice's bytes, not the fat file's");
        assertEquals(Files.size(arm), d.totals().newFile());
        assertTrue(d.sections().stream().noneMatch(s -> s.name().equals(BuildDiffer.UNSECTIONED)
                && Math.abs(s.fileDelta()) > 100_000), "no phantom headers row");

        // the same numbers as `crosslens diff universal darwin-arm64 --old-slice x86_64`
        BinaryFile a = Binaries.open(universal, ParseOptions.defaults());
        BinaryFile b = Binaries.open(arm, ParseOptions.defaults());
        DiffSide oldSide = DiffSide.pick(a, "x86_64", b.image());
        BuildDiff cli = new BuildDiffer().diff(oldSide, DiffSide.pick(b, null, oldSide.image()));
        assertEquals(cli.totals(), d.totals());
        assertEquals(cli.sections(), d.sections());
        assertEquals(cli.oldName(), d.oldName());

        // the header names the slice and describes it, not the container
        assertEquals("x86_64 slice of universal", text("#compare-old-name"));
        String identity = text("#compare-old-identity");
        assertTrue(identity.contains("x86_64") && identity.contains("executable"), identity);
        assertFalse(identity.contains("universal") || identity.contains("multi"), identity);
        String size = text("#compare-old-size");
        assertTrue(size.startsWith(String.format(Locale.ROOT, "%,d bytes at 0x%x of universal (%,d bytes)",
                x86.size(), x86.offset(), Files.size(universal))), size);
        assertEquals("darwin-arm64", text("#compare-new-name"));
    }

    @Test
    void aFatFileComparedByPathIsComparedAndNamedByTheSliceThatMatchesTheOtherSide() throws Exception {
        Path universal = Fixtures.file("macho-fat", "universal");
        Path arm = Fixtures.file("macho-fat", "darwin-arm64");
        open(universal, arm);
        ComparePanel panel = panel();
        fxRun(() -> panel.compare(universal, arm));
        BuildDiff d = waitForDiff(panel);
        FatSlice arm64 = ((FatImage) Binaries.open(universal, ParseOptions.defaults()).image()).slices().stream()
                .filter(s -> s.arch().label().equals("arm64")).findFirst().orElseThrow();
        assertEquals(arm64.size(), d.totals().oldFile());
        assertEquals("arm64 slice of universal", text("#compare-old-name"));
        assertNotNull(fx(() -> panel.view().viewModel().oldSideProperty().get().part()));
    }
}
