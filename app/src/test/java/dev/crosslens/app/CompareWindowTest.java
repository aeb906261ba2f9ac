package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.compare.ComparePanel;
import dev.crosslens.app.hex.HexView;
import dev.crosslens.app.hex.HexViewModel;
import dev.crosslens.model.Extent;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.SymbolChange;
import dev.crosslens.parsers.testing.Corpus;
import javafx.scene.control.TableView;
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

    @Test
    void aRowSelectsItsOldBytesInTheOldFileAndItsNewBytesInTheNewFileWhicheverFileIsActive() throws Exception {
        Path a = Corpus.require("esbuild-0.17.19-linux-x64");
        Path b = Corpus.require("esbuild-0.28.2-linux-x64");
        Path other = Fixtures.file("diff-pairs", "base");
        List<WorkbenchItem> items = open(a, b, other);
        WorkbenchItem oldItem = items.get(0);
        WorkbenchItem newItem = items.get(1);
        WorkbenchItem third = items.get(2);
        ComparePanel panel = panel();
        fxRun(() -> panel.compare(a, b));
        BuildDiff d = waitForDiff(panel);
        @SuppressWarnings("unchecked")
        TableView<SymbolChange> table = fx(() -> (TableView<SymbolChange>) panel.lookup("#symbol-table"));

        // the old binary is active, and the row's new bytes lie past the end of the old file
        long oldSize = Files.size(a);
        SymbolChange far = d.symbols().stream().filter(s -> s.kind() == ChangeKind.CHANGED
                && s.oldSymbol().extent().isKnown() && s.newSymbol().extent().isKnown()
                && s.newSymbol().extent().end() > oldSize).findFirst().orElseThrow();
        fxRun(() -> app.workbench().activeProperty().set(oldItem));
        fxRun(() -> table.getSelectionModel().select(far));
        assertEquals(far.oldSymbol().extent(), fx(() -> app.workbench().selectionProperty().get()),
                "the old binary, active, shows the old bytes");
        assertEquals(far.newSymbol().extent(), fx(() -> app.workbench().selection(newItem)),
                "the new binary gets the new bytes");
        assertEquals(Extent.NONE, fx(() -> app.workbench().selection(third)), "a third file is left alone");

        // the new binary becomes active: its hex view shows the new bytes
        fxRun(() -> {
            app.workbench().activeProperty().set(newItem);
            app.window().activeWorkspace().show("hex");
        });
        assertEquals(far.newSymbol().extent(), fx(() -> app.workbench().selectionProperty().get()));
        HexView hex = fx(() -> (HexView) app.window().activeWorkspace().view("hex"));
        int line = HexViewModel.lineOf(far.newSymbol().extent().offset());
        waitUntil(10, () -> fx(() -> hex.firstVisibleLine() <= line && line <= hex.lastVisibleLine()));
        assertEquals(far.newSymbol().extent(), fx(() -> hex.viewModel().selectionProperty().get()));
        // and back: the old one still shows its own bytes
        fxRun(() -> app.workbench().activeProperty().set(oldItem));
        assertEquals(far.oldSymbol().extent(), fx(() -> app.workbench().selectionProperty().get()));

        // a removed symbol has no new bytes: the new side keeps what it had
        SymbolChange removed = d.symbols().stream().filter(s -> s.kind() == ChangeKind.REMOVED
                && s.oldSymbol().extent().isKnown()).findFirst().orElseThrow();
        fxRun(() -> table.getSelectionModel().select(removed));
        assertEquals(removed.oldSymbol().extent(), fx(() -> app.workbench().selectionProperty().get()));
        assertEquals(far.newSymbol().extent(), fx(() -> app.workbench().selection(newItem)));

        // with a third binary active, rows still go to OLD and NEW and never to it
        SymbolChange added = d.symbols().stream().filter(s -> s.kind() == ChangeKind.ADDED
                && s.newSymbol().extent().isKnown()).findFirst().orElseThrow();
        fxRun(() -> app.workbench().activeProperty().set(third));
        fxRun(() -> table.getSelectionModel().select(added));
        assertEquals(Extent.NONE, fx(() -> app.workbench().selectionProperty().get()));
        assertEquals(added.newSymbol().extent(), fx(() -> app.workbench().selection(newItem)));
        assertEquals(removed.oldSymbol().extent(), fx(() -> app.workbench().selection(oldItem)));

        // "show in the hex view" brings the side's binary to the front on its hex tab
        fxRun(() -> panel.view().viewModel().showHex(false));
        assertEquals(newItem, fx(() -> app.workbench().active()));
        assertEquals("tab-hex", fx(() -> app.window().activeWorkspace().tabs().getSelectionModel()
                .getSelectedItem().getId()));
        assertEquals(added.newSymbol().extent(), fx(() -> app.workbench().selectionProperty().get()));
    }

    @Test
    void filesComparedFromDiskAreOpenedInTheWorkbenchForTheirHexViews() {
        Path a = Fixtures.file("diff-pairs", "base");
        Path b = Fixtures.file("diff-pairs", "cgo");
        ComparePanel panel = panel();
        // as when two files are dropped on the OLD and NEW headers
        fxRun(() -> {
            panel.view().viewModel().drop(true, a);
            panel.view().viewModel().drop(false, b);
        });
        waitForDiff(panel);
        waitUntil(60, () -> fx(() -> app.workbench().items().size() == 2
                && app.workbench().items().stream().allMatch(i -> i.state() == WorkbenchItem.State.LOADED)));
        waitUntil(10, () -> fx(() -> panel.olderChoice().getValue() != null && panel.newerChoice().getValue() != null));
        assertEquals(a.toAbsolutePath().normalize(), fx(() -> panel.olderChoice().getValue().path()));
        assertEquals(b.toAbsolutePath().normalize(), fx(() -> panel.newerChoice().getValue().path()));
    }
}
