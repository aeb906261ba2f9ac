package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.hex.HexView;
import dev.crosslens.app.hex.HexViewModel;
import dev.crosslens.app.libraries.LibrariesView;
import dev.crosslens.app.sections.SectionMapLayout;
import dev.crosslens.app.sections.SectionsView;
import dev.crosslens.app.symbols.SymbolsView;
import dev.crosslens.app.symbols.SymbolsViewModel;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Section;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each view of one binary against the go-cross fixture and corpus files; snapshots go to target/snapshots. */
class BinaryViewsTest {
    @RegisterExtension
    final TestWindow app = new TestWindow();

    private ItemWorkspace open(Path file) {
        fxRun(() -> app.workbench().open(List.of(file)));
        waitUntil(90, () -> fx(() -> app.workbench().active() != null && app.workbench().active().state() != WorkbenchItem.State.LOADING));
        WorkbenchItem item = fx(() -> app.workbench().active());
        assertEquals(WorkbenchItem.State.LOADED, fx(item::state),
                () -> "failed: " + (item.failure() == null ? "" : item.failure().message()));
        return fx(() -> app.window().activeWorkspace());
    }

    private static Path goArm64() {
        return Fixtures.file("go-cross", "linux-arm64");
    }

    @Test
    void theTabsNotShownAreBuiltAheadWithoutTakingTheSelection() throws Exception {
        ItemWorkspace ws = open(goArm64());
        String first = fx(() -> ws.tabs().getSelectionModel().getSelectedItem().getId());
        ws.built().get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(first, fx(() -> ws.tabs().getSelectionModel().getSelectedItem().getId()), "selection kept");
        List<String> empty = fx(() -> ws.tabs().getTabs().stream().filter(t -> t.getContent() == null)
                .map(javafx.scene.control.Tab::getId).toList());
        assertEquals(List.of(), empty, "every tab has its view");
        assertTrue(fx(() -> ws.tabs().getTabs().size()) >= 7);
    }

    @Test
    void symbolsTableShowsEverySymbolAndTheFilterNarrowsIt() {
        ItemWorkspace ws = open(goArm64());
        ImageCore core = fx(() -> ws.item().image().core());
        SymbolsView view = fx(() -> {
            ws.show("symbols");
            return (SymbolsView) ws.view("symbols");
        });
        int total = core.symbols().size();
        assertTrue(total > 1000, "a non-stripped Go binary has thousands of symbols: " + total);
        assertEquals(total, (int) fx(() -> view.table().getItems().size()));
        fxRun(() -> view.filterField().setText("main.main"));
        int shown = fx(() -> view.table().getItems().size());
        assertTrue(shown > 0 && shown < total, "filter narrows: " + shown);
        assertTrue(fx(() -> view.table().getItems().stream().allMatch(r -> r.key().contains("main.main"))));
        String count = fx(() -> ((Label) view.lookup("#symbol-count")).getText());
        assertTrue(count.endsWith(" of " + String.format("%,d", total).replace(",", ",") + " symbols")
                || count.contains(" of "), count);
        fxRun(() -> view.filterField().setText(""));
        assertEquals(total, (int) fx(() -> view.table().getItems().size()));
        FxTesting.snapshot(app.window(), "snapshots", "symbols-go-arm64");
    }

    @Test
    void sectionMapHasOneBlockPerSection() {
        ItemWorkspace ws = open(goArm64());
        ImageCore core = fx(() -> ws.item().image().core());
        SectionsView view = fx(() -> {
            ws.show("sections");
            return (SectionsView) ws.view("sections");
        });
        List<Region> blocks = fx(() -> view.map().sectionBlocks());
        long withFileBytes = core.sections().stream().filter(s -> SectionMapLayout.shown(s, SectionMapLayout.Space.FILE)).count();
        long withAddress = core.sections().stream().filter(s -> SectionMapLayout.shown(s, SectionMapLayout.Space.MEMORY)).count();
        assertTrue(withFileBytes >= 10, "go binaries have a dozen sections: " + withFileBytes);
        assertEquals(withFileBytes + withAddress, blocks.size());
        Set<Integer> drawn = new HashSet<>();
        for (Region r : blocks) drawn.add(((Section) r.getUserData()).index());
        long expected = core.sections().stream().filter(s -> SectionMapLayout.shown(s, SectionMapLayout.Space.FILE)
                || SectionMapLayout.shown(s, SectionMapLayout.Space.MEMORY)).count();
        assertEquals(expected, drawn.size());
        assertEquals(core.sections().size(), (int) fx(() -> view.sectionTable().getItems().size()));
        FxTesting.snapshot(app.window(), "snapshots", "sections-go-arm64");
    }

    @Test
    void selectingASectionRowMovesTheHexViewToItsOffset() {
        ItemWorkspace ws = open(goArm64());
        SectionsView view = fx(() -> {
            ws.show("sections");
            return (SectionsView) ws.view("sections");
        });
        // the last section with file bytes: far from the top of the file
        int row = fx(() -> {
            List<Section> items = view.sectionTable().getItems();
            int best = -1;
            for (int i = 0; i < items.size(); i++) {
                if (SectionMapLayout.shown(items.get(i), SectionMapLayout.Space.FILE)
                        && (best < 0 || items.get(i).fileOffset() > items.get(best).fileOffset())) best = i;
            }
            return best;
        });
        Section target = fx(() -> view.sectionTable().getItems().get(row));
        assertTrue(target.fileOffset() > 0x10000, target.toString());
        fxRun(() -> view.sectionTable().getSelectionModel().select(row));
        assertEquals(target.fileOffset(), (long) fx(() -> app.workbench().selectionProperty().get().offset()));
        HexView hex = fx(() -> {
            ws.show("hex");
            return (HexView) ws.view("hex");
        });
        int line = HexViewModel.lineOf(target.fileOffset());
        waitUntil(10, () -> fx(() -> hex.firstVisibleLine() <= line && line <= hex.lastVisibleLine()));
        // a click on a block of the map moves it again
        Region first = fx(() -> view.map().sectionBlocks().get(0));
        Section s0 = (Section) first.getUserData();
        fxRun(() -> first.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED,
                1, 1, 1, 1, javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false,
                false, false, false, false, null)));
        assertEquals(s0.fileOffset(), (long) fx(() -> app.workbench().selectionProperty().get().offset()));
        int line0 = HexViewModel.lineOf(s0.fileOffset());
        waitUntil(10, () -> fx(() -> hex.firstVisibleLine() <= line0 && line0 <= hex.lastVisibleLine()));
        FxTesting.snapshot(app.window(), "snapshots", "hex-go-arm64");
    }

    @Test
    void everyViewOfEverySampleBuilds() {
        fxRun(() -> app.window().openSamples());
        waitUntil(120, () -> fx(() -> app.workbench().items().size() == 4
                && app.workbench().items().stream().noneMatch(i -> i.state() == WorkbenchItem.State.LOADING)));
        for (WorkbenchItem item : fx(() -> List.copyOf(app.workbench().items()))) {
            assertEquals(WorkbenchItem.State.LOADED, fx(item::state), item.label());
            fxRun(() -> app.workbench().activeProperty().set(item));
            ItemWorkspace ws = fx(() -> app.window().activeWorkspace());
            for (ViewRegistry.ItemView v : app.workbench().views().itemViews()) {
                boolean shown = fx(() -> ws.show(v.id()));
                if (!shown) continue;
                Object node = fx(() -> ws.view(v.id()));
                assertFalse(node instanceof Label, v.id() + " of " + item.label() + " failed: "
                        + (node instanceof Label ? ((Label) node).getText() : ""));
                FxTesting.snapshot(app.window(), "snapshots", item.label().replace('.', '_') + "-" + v.id());
            }
        }
    }

    @Test
    void peVerdictNamesTheSubsystemAndGo() {
        ItemWorkspace ws = open(Fixtures.file("go-cross", "windows-arm64.exe"));
        String verdict = fx(() -> ((dev.crosslens.app.overview.OverviewView) ws.view("overview")).verdictLabel().getText());
        assertTrue(verdict.startsWith("PE32+ executable, ARM64, Windows console subsystem, dynamically linked to "),
                verdict);
        assertTrue(verdict.contains(", Go 1.") && verdict.contains("CGO off"), verdict);
    }

    @Test
    void overviewVerdictAndDarkTheme() {
        ItemWorkspace ws = open(goArm64());
        String verdict = fx(() -> ((dev.crosslens.app.overview.OverviewView) ws.view("overview")).verdictLabel().getText());
        assertTrue(verdict.startsWith("ELF 64-bit"), verdict);
        assertTrue(verdict.contains("ARM64"), verdict);
        FxTesting.snapshot(app.window(), "snapshots", "overview-light");
        fxRun(() -> app.window().darkThemeItem().setSelected(true));
        assertEquals(2, (int) fx(() -> app.window().getScene().getStylesheets().size()));
        assertTrue(app.workbench().settings().darkTheme());
        FxTesting.snapshot(app.window(), "snapshots", "overview-dark");
        // the build-intent placeholder and the target combo read on the dark field
        javafx.scene.control.TextField intent = fx(() -> (javafx.scene.control.TextField) ws.view("overview").lookup("#target-intent"));
        javafx.scene.paint.Color field = fx(() -> lastFill(intent));
        javafx.scene.paint.Color prompt = fx(() -> intent.lookupAll("Text").stream()
                .map(n -> (javafx.scene.text.Text) n).filter(t -> intent.getPromptText().equals(t.getText()))
                .map(t -> (javafx.scene.paint.Color) t.getFill()).findFirst().orElseThrow());
        assertTrue(contrast(prompt, field) >= 3.0, "placeholder contrast " + contrast(prompt, field));
        javafx.scene.control.ComboBox<?> combo = fx(() -> (javafx.scene.control.ComboBox<?>) ws.view("overview").lookup("#target-combo"));
        javafx.scene.paint.Color comboBg = fx(() -> lastFill(combo));
        assertTrue(comboBg.getBrightness() < 0.35, "the combo is dark too: " + comboBg);
        javafx.scene.paint.Color comboText = fx(() -> (javafx.scene.paint.Color) ((javafx.scene.control.Labeled)
                combo.lookup(".list-cell")).getTextFill());
        assertTrue(contrast(comboText, comboBg) >= 4.5, "combo text contrast " + contrast(comboText, comboBg));
        fxRun(() -> ws.show("sections"));
        FxTesting.snapshot(app.window(), "snapshots", "sections-dark");
        fxRun(() -> app.window().darkThemeItem().setSelected(false));
    }

    @Test
    void rollupDynsymHasTheOracleCount() {
        Path f = Corpus.require("rollup-4.67.4-linux-x64-gnu");
        int entries = Corpus.entry("rollup-4.67.4-linux-x64-gnu").oracle().path("symbols").path("dynsym").path("entries").asInt();
        assertEquals(130, entries);
        ItemWorkspace ws = open(f);
        SymbolsView view = fx(() -> {
            ws.show("symbols");
            return (SymbolsView) ws.view("symbols");
        });
        fxRun(() -> ((SymbolsViewModel) viewModel(view)).tableProperty().set(SymbolTable.DYNSYM));
        long nonNull = fx(() -> view.table().getItems().stream().filter(r -> r.symbol().index() != 0).count());
        assertEquals(entries - 1, nonNull);
        LibrariesView libs = fx(() -> {
            ws.show("libraries");
            return (LibrariesView) ws.view("libraries");
        });
        assertNotNull(libs);
        List<String> names = fx(() -> libs.tree().getRoot().getChildren().stream().map(t -> t.getValue().label()).toList());
        // each library once, in DT_NEEDED order, then the groups: no second "not in the needed list" entry
        List<String> needed = fx(() -> ws.item().image().core().libraries().stream().map(l -> l.name()).toList());
        assertEquals(List.of("libdl.so.2", "libgcc_s.so.1", "librt.so.1", "libpthread.so.0", "libm.so.6", "libc.so.6",
                "ld-linux-x86-64.so.2"), needed);
        List<String> expected = new java.util.ArrayList<>(needed);
        expected.addAll(List.of("Imported symbols (not tied to a library)", "Exports",
                "Search paths (RPATH / RUNPATH / LC_RPATH)"));
        assertEquals(expected, names);

        // Ctrl+C copies the selected nodes as the table rows are copied: tab separated, with where they are
        fxRun(() -> {
            var libm = libs.tree().getRoot().getChildren().get(4);
            libs.tree().getSelectionModel().clearSelection();
            libs.tree().getSelectionModel().select(libm);
            libs.tree().getSelectionModel().select(libm.getChildren().get(0));
            libs.tree().fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
                    javafx.scene.input.KeyCode.C, false, true, false, false));
        });
        String copied = fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertEquals("\tlibm.so.6\tneeded  1 import\tlibrary\t0x210978\t0x10\n"
                + "libm.so.6\tlog2@GLIBC_2.2.5\t\timport\t0xb78\t0x18\n", copied);
        assertEquals(List.of("Show bytes in hex", "Copy", "", "Export CSV…", "Export JSON…"),
                fx(() -> libs.tree().getContextMenu().getItems().stream()
                        .map(i -> i.getText() == null ? "" : i.getText()).toList()));
        FxTesting.snapshot(app.window(), "snapshots", "libraries-rollup");
    }

    /** The colour a region is painted with last (its face), gradients by their last stop. */
    private static javafx.scene.paint.Color lastFill(javafx.scene.layout.Region r) {
        var fills = r.getBackground().getFills();
        javafx.scene.paint.Paint p = fills.get(fills.size() - 1).getFill();
        if (p instanceof javafx.scene.paint.LinearGradient g) return g.getStops().get(g.getStops().size() - 1).getColor();
        return (javafx.scene.paint.Color) p;
    }

    /** WCAG contrast ratio. */
    private static double contrast(javafx.scene.paint.Color a, javafx.scene.paint.Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(javafx.scene.paint.Color c) {
        java.util.function.DoubleUnaryOperator lin = v -> v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        return 0.2126 * lin.applyAsDouble(c.getRed()) + 0.7152 * lin.applyAsDouble(c.getGreen())
                + 0.0722 * lin.applyAsDouble(c.getBlue());
    }

    private static Object viewModel(SymbolsView view) {
        return view.viewModel();
    }
}
