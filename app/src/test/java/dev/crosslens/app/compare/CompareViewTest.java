package dev.crosslens.app.compare;

import dev.crosslens.app.sections.SectionMapLayout;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.Extent;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.SizeChange;
import dev.crosslens.model.diff.SymbolChange;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Corpus;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The compare view on esbuild 0.17.19 vs 0.28.2 linux-x64, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {
    private CompareViewModel vm;
    private CompareView view;
    private final List<Extent[]> selected = new ArrayList<>();

    @Start
    void start(Stage stage) {
        vm = new CompareViewModel(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "compare");
            t.setDaemon(true);
            return t;
        }), (a, b) -> selected.add(new Extent[] {a, b}));
        view = new CompareView(vm);
        Scene scene = new Scene(view, 1280, 860);
        scene.getStylesheets().add(LIGHT); // the window's theme, whose colours the compare sheet looks up
        stage.setScene(scene);
        stage.show();
    }

    static final String LIGHT = CompareView.class.getResource("/dev/crosslens/app/crosslens.css").toExternalForm();
    static final String DARK = CompareView.class.getResource("/dev/crosslens/app/crosslens-dark.css").toExternalForm();

    /** WCAG contrast ratio of two colours (1 to 21). */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        double[] v = {c.getRed(), c.getGreen(), c.getBlue()};
        for (int i = 0; i < 3; i++) v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : Math.pow((v[i] + 0.055) / 1.055, 2.4);
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
    }

    /** The colour a region shows: its topmost background fill. */
    static Color shown(Region r) {
        List<BackgroundFill> fills = r.getBackground() == null ? List.of() : r.getBackground().getFills();
        return fills.isEmpty() ? Color.TRANSPARENT : (Color) fills.get(fills.size() - 1).getFill();
    }

    private BuildDiff load(FxRobot robot) throws Exception {
        BinaryFile a = Binaries.open(Corpus.require("esbuild-0.17.19-linux-x64"), ParseOptions.defaults());
        BinaryFile b = Binaries.open(Corpus.require("esbuild-0.28.2-linux-x64"), ParseOptions.defaults());
        robot.interact(() -> vm.compare(a, b));
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> vm.diffProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return vm.diffProperty().get();
    }

    @Test
    void symbolTableShowsEveryChangeAndTheFilterAndFacetsNarrowIt(FxRobot robot) throws Exception {
        BuildDiff d = load(robot);
        assertThat(view.symbolTable().getItems()).hasSize(d.symbols().size());
        assertThat(robot.lookup("#symbol-count").queryLabeled().getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%,d of %,d", d.symbols().size(), d.symbols().size()));

        robot.clickOn("#symbol-filter").write("runtime.mapaccess");
        WaitForAsyncUtils.waitForFxEvents();
        long expected = d.symbols().stream().filter(s -> s.name().toLowerCase().contains("runtime.mapaccess")
                || s.displayName().toLowerCase().contains("runtime.mapaccess")).count();
        assertThat(expected).isPositive();
        assertThat(view.symbolTable().getItems()).hasSize((int) expected)
                .allMatch(s -> s.displayName().contains("runtime.mapaccess"));
        robot.interact(() -> vm.symbolFilterProperty().set(""));

        robot.clickOn("#facet-added").clickOn("#facet-changed"); // leaves Removed only
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.symbolTable().getItems()).hasSize((int) d.count(ChangeKind.REMOVED))
                .allMatch(s -> s.kind() == ChangeKind.REMOVED);
        robot.interact(() -> vm.tableFacetProperty().set(SymbolTable.GO_PCLNTAB));
        assertThat(view.symbolTable().getItems()).hasSize((int) d.symbols().stream()
                .filter(s -> s.kind() == ChangeKind.REMOVED && s.table() == SymbolTable.GO_PCLNTAB).count());
        robot.clickOn("#facet-added").clickOn("#facet-changed");
        robot.interact(() -> vm.tableFacetProperty().set(null));
        assertThat(view.symbolTable().getItems()).hasSize(d.symbols().size());
    }

    @Test
    void selectingARowHandsBothExtentsToTheHexViews(FxRobot robot) throws Exception {
        load(robot);
        SymbolChange changed = view.symbolTable().getItems().stream()
                .filter(s -> s.kind() == ChangeKind.CHANGED).findFirst().orElseThrow();
        robot.interact(() -> view.symbolTable().getSelectionModel().select(changed));
        assertThat(selected).isNotEmpty();
        Extent[] last = selected.get(selected.size() - 1);
        assertThat(last[0]).isEqualTo(changed.oldSymbol().extent());
        assertThat(last[1]).isEqualTo(changed.newSymbol().extent());
    }

    @Test
    void oneBarPerChangedSectionLargestFirstAndABarClickSelectsBothSections(FxRobot robot) throws Exception {
        BuildDiff d = load(robot);
        robot.interact(() -> view.tabs().getSelectionModel().select(1));
        long changed = d.sections().stream().filter(s -> s.fileDelta() != 0 || s.vmDelta() != 0
                || s.permissionsChanged()).count();
        List<Node> rows = view.barRows();
        assertThat(rows).hasSize((int) changed);
        SizeChange first = (SizeChange) rows.get(0).getUserData();
        assertThat(first.name()).isEqualTo(".gopclntab"); // +1.5 MB, the largest change
        assertThat(rows).extracting(n -> Math.abs(((SizeChange) n.getUserData()).fileDelta()))
                .isSortedAccordingTo((x, y) -> Long.compare(y, x));
        SizeChange text = d.sections().stream().filter(s -> s.name().equals(".text")).findFirst().orElseThrow();
        Node textRow = rows.stream().filter(n -> n.getUserData() == text).findFirst().orElseThrow();
        selected.clear();
        robot.interact(() -> textRow.getOnMouseClicked().handle(null));
        assertThat(selected).singleElement().satisfies(e -> {
            assertThat(e[0]).isEqualTo(text.oldExtent());
            assertThat(e[1]).isEqualTo(text.newExtent());
        });
    }

    @Test
    void consequencesComeFirstAndASnapshotIsSaved(FxRobot robot) throws Exception {
        BuildDiff d = load(robot);
        assertThat(robot.lookup(".diff-consequence-line").queryAll()).hasSize(d.consequences().size());
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        for (int tab : new int[] {0, 1}) {
            robot.interact(() -> view.tabs().getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            WritableImage[] img = new WritableImage[1];
            robot.interact(() -> img[0] = view.snapshot(null, null));
            Path png = dir.resolve("compare-esbuild-linux-x64-" + (tab == 0 ? "symbols" : "sections") + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", png.toFile());
            assertThat(Files.size(png)).isGreaterThan(10_000);
        }
        // the two section maps whole (the tab scrolls), as files and as loaded
        for (boolean memory : new boolean[] {false, true}) {
            robot.interact(() -> view.sectionMaps().memorySpaceToggle().setSelected(memory));
            WaitForAsyncUtils.waitForFxEvents();
            WritableImage[] img = new WritableImage[1];
            robot.interact(() -> img[0] = view.sectionMaps().snapshot(null, null));
            Path png = dir.resolve("compare-esbuild-linux-x64-section-maps-" + (memory ? "memory" : "file") + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", png.toFile());
        }
    }

    @Test
    void theSelectedRowShowsTheSelectionOverItsDiffColourReadablyInLightAndDark(FxRobot robot) throws Exception {
        BuildDiff d = load(robot);
        TableView<SymbolChange> table = view.symbolTable();
        for (boolean dark : new boolean[] {false, true}) {
            robot.interact(() -> view.getScene().getStylesheets().setAll(dark ? List.of(LIGHT, DARK) : List.of(LIGHT)));
            for (ChangeKind k : ChangeKind.values()) {
                SymbolChange s = d.symbols().stream().filter(x -> x.kind() == k).findFirst().orElseThrow();
                robot.interact(() -> {
                    table.getSelectionModel().select(s);
                    table.scrollTo(Math.max(0, table.getItems().indexOf(s) - 2));
                });
                WaitForAsyncUtils.waitForFxEvents();
                List<TableRow<?>> rows = new ArrayList<>();
                robot.interact(() -> table.lookupAll(".table-row-cell").forEach(n -> rows.add((TableRow<?>) n)));
                TableRow<?> row = rows.stream().filter(r -> r.getItem() == s).findFirst().orElseThrow();
                TableRow<?> other = rows.stream().filter(r -> r.getItem() instanceof SymbolChange c && c != s
                        && c.kind() == k && r.isVisible()).findFirst().orElseThrow();
                Color bg = shown(row);
                Text text = (Text) row.lookupAll(".text").stream().filter(n -> n instanceof Text t
                        && !t.getText().isEmpty()).findFirst().orElseThrow();
                String where = (dark ? "dark" : "light") + ", " + k;
                assertThat(bg).as("selected row differs from an unselected %s row (%s)", k, where)
                        .isNotEqualTo(shown(other));
                assertThat(contrast((Color) text.getFill(), bg)).as("text on the selected row (%s)", where)
                        .isGreaterThan(4.5);
            }
        }
    }

    @Test
    void theSummaryBreaksLinesBetweenPhrasesNeverInsideOne(FxRobot robot) throws Exception {
        BuildDiff d = load(robot);
        for (double width : new double[] {1280, 760, 560}) {
            robot.interact(() -> view.getScene().getWindow().setWidth(width));
            WaitForAsyncUtils.waitForFxEvents();
            List<Label> phrases = new ArrayList<>();
            robot.interact(() -> {
                view.lookupAll(".diff-delta").forEach(n -> phrases.add((Label) n));
                view.lookupAll(".diff-consequence").forEach(n -> phrases.add((Label) n));
            });
            assertThat(phrases).hasSizeGreaterThan(CompareTexts.deltaPhrases(d).size() - 1);
            for (Label p : phrases) {
                robot.interact(() -> {
                    Text t = (Text) p.lookup(".text");
                    assertThat(t.getText()).as("%s at %s px is shown whole", p.getText(), width).isEqualTo(p.getText());
                    if (p.prefWidth(-1) <= view.getWidth() - 20) {
                        assertThat(t.getLayoutBounds().getHeight()).as("%s at %s px is on one line", p.getText(), width)
                                .isLessThan(1.8 * t.getFont().getSize());
                    }
                });
            }
        }
        robot.interact(() -> view.getScene().getWindow().setWidth(1280));
    }

    @Test
    void memoryOnlyChangesGetABarAndTheTotalRowAddsUp(FxRobot robot) throws Exception {
        BuildDiff d = load(robot);
        robot.interact(() -> view.tabs().getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        // .noptrbss holds no file bytes: its +33.6 MB is memory only
        SizeChange bss = d.sections().stream().filter(s -> s.name().equals(".noptrbss")).findFirst().orElseThrow();
        assertThat(bss.fileDelta()).isZero();
        assertThat(bss.vmDelta()).isGreaterThan(30_000_000);
        Node row = view.barRows().stream().filter(n -> n.getUserData() == bss).findFirst().orElseThrow();
        List<Region> fileBars = new ArrayList<>();
        List<Region> memoryBars = new ArrayList<>();
        robot.interact(() -> {
            row.lookupAll(".diff-file").forEach(n -> fileBars.add((Region) n));
            row.lookupAll(".diff-vm").forEach(n -> memoryBars.add((Region) n));
        });
        assertThat(fileBars).isEmpty();
        assertThat(memoryBars).singleElement().satisfies(b -> {
            assertThat(b.getWidth()).isGreaterThan(CompareView.HALF_BAR / 2);
            assertThat(b.getStyleClass()).contains("diff-added");
        });

        // the rows add up to the totals, and the total row says so
        assertThat(vm.sectionBars().stream().mapToLong(SizeChange::fileDelta).sum()).isEqualTo(d.totals().fileDelta());
        assertThat(vm.sectionBars().stream().mapToLong(SizeChange::vmDelta).sum()).isEqualTo(d.totals().vmDelta());
        Node total = robot.lookup("#section-total").query();
        assertThat(((Label) total.lookup(".diff-bar-file")).getText()).isEqualTo(CompareTexts.signed(d.totals().fileDelta()));
        assertThat(((Label) total.lookup(".diff-bar-memory")).getText()).isEqualTo(CompareTexts.signed(d.totals().vmDelta()));

        // sorted by memory change, the memory-only section comes first
        robot.clickOn("#sort-by-memory");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.sectionBars()).extracting(s -> Math.abs(s.vmDelta()))
                .isSortedAccordingTo((x, y) -> Long.compare(y, x));
        assertThat(((SizeChange) view.barRows().get(0).getUserData()).name()).isEqualTo(".noptrbss");
        robot.clickOn("#sort-by-file");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((SizeChange) view.barRows().get(0).getUserData()).name()).isEqualTo(".gopclntab");
    }

    @Test
    void theTwoSectionMapsStandSideBySideColouredByPermissionsWithMatchingSectionsJoined(FxRobot robot) throws Exception {
        BuildDiff d = load(robot);
        robot.interact(() -> view.tabs().getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        SectionMapsView maps = view.sectionMaps();
        var oldCore = vm.oldSideProperty().get().image().core();
        var newCore = vm.newSideProperty().get().image().core();
        SectionMapLayout.Space file = SectionMapLayout.Space.FILE;
        assertThat(maps.oldBlocks()).hasSize((int) oldCore.sections().stream().filter(s -> SectionMapLayout.shown(s, file)).count());
        assertThat(maps.newBlocks()).hasSize((int) newCore.sections().stream().filter(s -> SectionMapLayout.shown(s, file)).count());
        assertThat(maps.oldBlocks()).allMatch(b -> b.getStyleClass().stream().anyMatch(c -> c.startsWith("perm-")));
        assertThat(maps.oldBlocks().get(0).getLayoutX()).isLessThan(maps.newBlocks().get(0).getLayoutX());

        List<SectionLink> both = vm.sectionLinks().stream().filter(l -> l.oldSection() != null && l.newSection() != null
                && SectionMapLayout.shown(l.oldSection(), file) && SectionMapLayout.shown(l.newSection(), file)).toList();
        assertThat(maps.links()).hasSize(both.size());
        javafx.scene.shape.Path text = maps.links().stream()
                .filter(p -> ((SectionLink) p.getUserData()).name().equals(".text")).findFirst().orElseThrow();
        assertThat(text.getStyleClass()).contains("diff-changed"); // +1 MB
        Region module = maps.newBlocks().stream().filter(b -> ((SectionLink) b.getUserData()).name().equals(".go.module"))
                .findFirst().orElseThrow();
        assertThat(module.getStyleClass()).contains("diff-added");
        Region buildinfo = maps.oldBlocks().stream()
                .filter(b -> ((SectionLink) b.getUserData()).name().equals(".go.buildinfo")).findFirst().orElseThrow();
        assertThat(buildinfo.getStyleClass()).contains("diff-removed");

        // a click on a ribbon selects the section's bytes on both sides
        selected.clear();
        robot.interact(() -> text.getOnMouseClicked().handle(null));
        SizeChange t = d.sections().stream().filter(s -> s.name().equals(".text")).findFirst().orElseThrow();
        assertThat(selected).singleElement().satisfies(e -> {
            assertThat(e[0]).isEqualTo(t.oldExtent());
            assertThat(e[1]).isEqualTo(t.newExtent());
        });

        // as loaded: .noptrbss (no file bytes) is there too, joined by a changed ribbon
        robot.interact(() -> maps.memorySpaceToggle().setSelected(true));
        assertThat(maps.links()).anySatisfy(p -> {
            assertThat(((SectionLink) p.getUserData()).name()).isEqualTo(".noptrbss");
            assertThat(p.getStyleClass()).contains("diff-changed");
        });
    }

    @Test
    void theSymbolGraphOpensReadableWithoutZooming(FxRobot robot) throws Exception {
        load(robot);
        robot.interact(() -> view.tabs().getSelectionModel().select(view.tabs().getTabs().size() - 1));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.symbolGraph() != null
                && view.symbolGraph().viewModel().layoutProperty().get() != null
                && view.symbolGraph().graphView().drawnNodeCount() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        var graph = view.symbolGraph().graphView();
        assertThat(graph.zoomLevel()).as("labels drawn at a readable scale").isGreaterThanOrEqualTo(0.85);
        // a few hundred packages changed: the largest groups and one node for the rest
        assertThat(graph.drawnNodeCount()).isLessThanOrEqualTo(1 + 12 + 1);
        var root = graph.nodeView("root");
        robot.interact(() -> {
            var b = root.localToScene(root.getBoundsInLocal());
            var v = graph.localToScene(graph.getBoundsInLocal());
            assertThat(v.contains(b.getCenterX(), b.getCenterY())).as("the root is in view").isTrue();
        });
        // unfolding "smaller groups" shows every group
        var more = view.symbolGraph().viewModel().layoutProperty().get().boxes().stream()
                .filter(b -> b.node().id().equals("more:")).findFirst().orElseThrow().node();
        int before = graph.drawnNodeCount();
        robot.interact(() -> view.symbolGraph().viewModel().toggle(more));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> graph.drawnNodeCount() > before + 50);
    }

    @Test
    void theFacetsOfferTheTablesAndCountsOfTheDiffOnScreen(FxRobot robot) throws Exception {
        BuildDiff d = load(robot);
        @SuppressWarnings("unchecked")
        ComboBox<SymbolTable> tables = robot.lookup("#table-facet").queryAs(ComboBox.class);
        assertThat(tables.getItems()).containsAll(d.symbols().stream().map(SymbolChange::table).distinct().toList());
        long internal = d.symbols().stream().filter(CompareViewModel.Linkage.INTERNAL::test).count();
        assertThat(internal).isPositive();
        assertThat(robot.lookup("#linkage-internal").queryAs(ToggleButton.class).getText())
                .isEqualTo("Internal " + CompareTexts.number(internal));
    }
}
