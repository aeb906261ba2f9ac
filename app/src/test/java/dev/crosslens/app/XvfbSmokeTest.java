package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Corpus;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Starts the real window on the real X display that run-tests provides (xvfb-run), opens a corpus binary (and
 * the samples), and saves screenshots of the screen to target/screenshots/*.png.
 */
@Tag("xvfb")
class XvfbSmokeTest {
    private static Preferences prefs;
    private static Stage stage;
    private static Workbench workbench;
    private static MainWindow window;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startApp() throws Exception {
        assertTrue(System.getenv("DISPLAY") != null, "the Xvfb test runs under xvfb-run");
        stage = FxToolkit.registerPrimaryStage();
        prefs = FxTesting.freshPrefs();
        workbench = new Workbench(new Settings(prefs), ParseOptions.defaults());
        FxToolkit.setupStage(s -> window = WorkbenchLauncher.open(s, workbench, new Samples(tmp.resolve("samples")), List.of()));
        fxRun(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1500);
            stage.setHeight(920);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        FxToolkit.cleanupStages();
        FxTesting.removePrefs(prefs);
    }

    private static Path screenshot(String name) throws Exception {
        return screenshot(name, 1500);
    }

    private static Path screenshot(String name, long settleMillis) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(settleMillis); // let the window paint on the X server (slow under load)
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        Rectangle2D r = fx(() -> new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
        Image img = new FxRobot().capture(r).getImage();
        BufferedImage bi = SwingFXUtils.fromFXImage(img, null);
        Path out = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(out.getParent());
        ImageIO.write(bi, "png", out.toFile());
        assertTrue(Files.size(out) > 10_000, "a real screenshot of " + name);
        return out;
    }

    @Test
    void opensACorpusBinaryAndTheSamples() throws Exception {
        Path file = Corpus.entries().stream().filter(Corpus.Entry::present)
                .filter(e -> e.id().equals("rollup-4.67.4-linux-x64-gnu")).map(Corpus.Entry::file).findFirst()
                .orElse(null);
        fxRun(() -> window.openSamples());
        waitUntil(120, () -> fx(() -> workbench.items().size() == 4
                && workbench.items().stream().noneMatch(i -> i.state() == WorkbenchItem.State.LOADING)));
        for (WorkbenchItem i : fx(() -> List.copyOf(workbench.items()))) {
            assertEquals(WorkbenchItem.State.LOADED, i.state(), () -> i.label() + ": " + i.failure().message());
        }
        if (file != null) {
            fxRun(() -> window.openPaths(List.of(file)));
            waitUntil(120, () -> fx(() -> workbench.items().size() == 5
                    && workbench.items().get(4).state() == WorkbenchItem.State.LOADED));
        } else {
            fxRun(() -> workbench.activeProperty().set(workbench.items().get(2)));
        }
        ItemWorkspace ws = fx(() -> window.activeWorkspace());
        screenshot("01-overview");
        fxRun(() -> ws.show("sections"));
        screenshot("02-sections");
        fxRun(() -> ws.show("symbols"));
        screenshot("03-symbols");
        fxRun(() -> ws.show("libraries"));
        screenshot("04-libraries");
        fxRun(() -> ws.show("findings"));
        screenshot("04b-findings");
        fxRun(() -> ws.show("relocations"));
        screenshot("04d-relocations");
        fxRun(() -> {
            workbench.activeProperty().set(workbench.items().get(3));
            window.activeWorkspace().show("go");
        });
        screenshot("04c-go-windows-sample");
        fxRun(() -> workbench.activeProperty().set(workbench.items().get(workbench.items().size() - 1)));
        fxRun(() -> {
            ws.show("sections");
            ws.show("hex");
        });
        fxRun(() -> workbench.select(ws.item().image().core().sections().get(
                Math.min(3, ws.item().image().core().sections().size() - 1)).extent()));
        screenshot("05-hex");
        fxRun(() -> window.darkThemeItem().setSelected(true));
        fxRun(() -> ws.show("overview"));
        screenshot("06-overview-dark");
        fxRun(() -> ws.show("sections"));
        screenshot("07-sections-dark");
        fxRun(() -> window.darkThemeItem().setSelected(false));
        assertEquals(file == null ? 4 : 5, (int) fx(() -> window.tree().getRoot().getChildren().size()));
    }

    /** Shows {@code file}'s workspace (opening it if needed) and returns it. */
    private static ItemWorkspace show(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        fxRun(() -> window.openPaths(List.of(file)));
        waitUntil(120, () -> fx(() -> workbench.items().stream().anyMatch(i -> i.path().equals(abs)
                && i.state() != WorkbenchItem.State.LOADING)));
        fxRun(() -> workbench.activeProperty().set(workbench.items().stream().filter(i -> i.path().equals(abs))
                .findFirst().orElseThrow()));
        waitUntil(30, () -> fx(() -> window.activeWorkspace() != null && window.activeWorkspace().item().path().equals(abs)));
        return fx(() -> window.activeWorkspace());
    }

    private static void size(double w, double h) {
        fxRun(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
    }

    /**
     * Every view of an ELF shared library, a Go binary, a PE with version info and a Mach-O dylib, at 1280 and
     * 1600 px wide, light and dark: target/screenshots/views/*.png, to look at. Run by hand with
     * {@code -Dsurefire.extraArgLine="-Dlook=all"} (or {@code -Dlook.views=go,relocations -Dlook.files=rollup}).
     */
    @Test
    void shootsEveryViewAtTwoWidthsInBothThemes() throws Exception {
        // ~130 screenshots: by hand only (-Dlook=all, or -Dlook.views=overview,sections -Dlook.files=rollup,...)
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("look") != null
                || System.getProperty("look.views") != null || System.getProperty("look.files") != null,
                "run with -Dlook=all to shoot every view");
        List<Path> files = new java.util.ArrayList<>();
        for (String id : List.of("rollup-4.67.4-linux-x64-gnu", "rollup-4.67.4-darwin-arm64")) {
            Corpus.entries().stream().filter(e -> e.id().equals(id) && e.present()).map(Corpus.Entry::file)
                    .findFirst().ifPresent(files::add);
        }
        files.add(dev.crosslens.parsers.testing.Fixtures.file("go-cross", "linux-arm64"));
        try {
            files.add(dev.crosslens.parsers.testing.Fixtures.file("pe-mingw", "versioned.exe"));
        } catch (org.opentest4j.TestAbortedException e) {
            // no MinGW here: the PE is left out
        }
        String only = System.getProperty("look.views", "");
        String onlyFiles = System.getProperty("look.files", "");
        if (!onlyFiles.isEmpty()) files.removeIf(f -> java.util.Arrays.stream(onlyFiles.split(","))
                .noneMatch(x -> f.getFileName().toString().contains(x)));
        for (boolean dark : List.of(false, true)) {
            fxRun(() -> window.darkThemeItem().setSelected(dark));
            for (double w : List.of(1280.0, 1600.0)) {
                size(w, 900);
                for (Path f : files) {
                    ItemWorkspace ws = show(f);
                    for (javafx.scene.control.Tab t : fx(() -> List.copyOf(ws.tabs().getTabs()))) {
                        String id = ((ViewRegistry.ItemView) t.getUserData()).id();
                        if (!only.isEmpty() && !List.of(only.split(",")).contains(id)) continue;
                        fxRun(() -> ws.show(id));
                        screenshot("views/" + f.getFileName().toString().replace('.', '_') + "-" + id + "-"
                                + (int) w + (dark ? "-dark" : ""), 700);
                    }
                }
            }
        }
        // the target combo, open, in the dark theme
        fxRun(() -> window.darkThemeItem().setSelected(true));
        size(1280, 900);
        ItemWorkspace go = show(files.get(files.size() - 1));
        fxRun(() -> go.show("overview"));
        javafx.scene.control.ComboBox<?> combo = fx(() -> (javafx.scene.control.ComboBox<?>) go.view("overview")
                .lookup("#target-combo"));
        fxRun(combo::show);
        screenshot("views/target-combo-open-dark", 700);
        fxRun(combo::hide);
        fxRun(() -> window.darkThemeItem().setSelected(false));
        size(1500, 920);
    }

    @Test
    void shootsTheTargetVerdictATraceAndACompare() throws Exception {
        Path amd = dev.crosslens.parsers.testing.Fixtures.file("go-cross", "linux-amd64");
        Path arm = dev.crosslens.parsers.testing.Fixtures.file("go-cross", "linux-arm64");
        fxRun(() -> window.openPaths(List.of(amd, arm)));
        waitUntil(120, () -> fx(() -> workbench.active() != null && workbench.active().path().equals(arm.toAbsolutePath())
                && workbench.active().state() == WorkbenchItem.State.LOADED && window.activeWorkspace() != null));
        fxRun(() -> window.activeWorkspace().show("overview"));
        dev.crosslens.app.findings.TargetPickerView picker = fx(() -> (dev.crosslens.app.findings.TargetPickerView)
                window.activeWorkspace().view("overview").lookup(".target-picker"));
        fxRun(() -> {
            @SuppressWarnings("unchecked")
            var combo = (javafx.scene.control.ComboBox<dev.crosslens.parsers.analysis.TargetProfile>) picker.lookup("#target-combo");
            combo.setValue(dev.crosslens.parsers.analysis.TargetProfiles.bundled().find("debian-12-amd64").orElseThrow());
        });
        waitUntil(30, () -> fx(() -> picker.verdictLabel().getText().startsWith("WILL FAIL")));
        screenshot("08-target-verdict");

        // a short real run in the Trace panel
        var vm = fx(() -> window.startTrace(new dev.crosslens.app.trace.RunDialogViewModel(amd, workbench.sandbox(),
                workbench.executor()).request()));
        waitUntil(30, () -> fx(() -> !vm.runningProperty().get() && (vm.events().size() > 0
                || !vm.statusProperty().get().isEmpty())));
        screenshot("09-trace");

        var panel = fx(() -> window.compareBuilds(amd, arm));
        waitUntil(120, () -> fx(() -> panel.view().viewModel().diffProperty().get() != null));
        screenshot("10-compare");
        fxRun(() -> panel.view().tabs().getSelectionModel().select(panel.view().tabs().getTabs().size() - 1));
        waitUntil(60, () -> fx(() -> panel.view().symbolGraph() != null
                && panel.view().symbolGraph().viewModel().layoutProperty().get() != null));
        screenshot("11-compare-symbol-graph");
    }

    /** Every tab of the compare panel, light and dark, on a corpus pair, a Go fixture pair and a fat slice pair. */
    @Test
    void shootsEveryCompareTabLightAndDark() throws Exception {
        Path oldEsbuild = Corpus.require("esbuild-0.17.19-linux-x64");
        Path newEsbuild = Corpus.require("esbuild-0.28.2-linux-x64");
        Path base = dev.crosslens.parsers.testing.Fixtures.file("diff-pairs", "base");
        Path cgo = dev.crosslens.parsers.testing.Fixtures.file("diff-pairs", "cgo");
        Path universal = dev.crosslens.parsers.testing.Fixtures.file("macho-fat", "universal");
        Path arm = dev.crosslens.parsers.testing.Fixtures.file("macho-fat", "darwin-arm64");
        fxRun(() -> window.openPaths(List.of(oldEsbuild, newEsbuild, base, cgo, universal, arm)));
        waitUntil(120, () -> fx(() -> workbench.items().stream().filter(i -> i.state() == WorkbenchItem.State.LOADED)
                .count() >= 6));
        shootCompare("esbuild", fx(() -> window.compareBuilds(oldEsbuild, newEsbuild)));
        shootCompare("cgo", fx(() -> window.compareBuilds(base, cgo)));
        var panel = fx(() -> (dev.crosslens.app.compare.ComparePanel) window.panel("compare"));
        fxRun(() -> {
            WorkbenchItem slice = panel.olderChoice().getItems().stream()
                    .filter(i -> i.parent() != null && i.label().startsWith("x86_64")).findFirst().orElseThrow();
            WorkbenchItem thin = panel.newerChoice().getItems().stream()
                    .filter(i -> i.parent() == null && i.path().endsWith("darwin-arm64")).findFirst().orElseThrow();
            panel.olderChoice().setValue(slice);
            panel.newerChoice().setValue(thin);
            panel.compareSelected();
        });
        shootCompare("fat-slice", panel);
    }

    private void shootCompare(String name, dev.crosslens.app.compare.ComparePanel panel) throws Exception {
        waitUntil(120, () -> fx(() -> !panel.view().viewModel().runningProperty().get()
                && panel.view().viewModel().diffProperty().get() != null));
        for (boolean dark : new boolean[] {false, true}) {
            fxRun(() -> window.darkThemeItem().setSelected(dark));
            for (int t = 0; t < fx(() -> panel.view().tabs().getTabs().size()); t++) {
                int tab = t;
                String id = fx(() -> panel.view().tabs().getTabs().get(tab).getId());
                fxRun(() -> panel.view().tabs().getSelectionModel().select(tab));
                if (id.equals("tab-symbol-graph")) {
                    waitUntil(60, () -> fx(() -> panel.view().symbolGraph() != null
                            && panel.view().symbolGraph().viewModel().layoutProperty().get() != null));
                }
                if (id.equals("tab-sections")) {
                    fxRun(() -> {
                        javafx.scene.Node n = panel.lookup("#section-maps");
                        while (n != null && !(n instanceof javafx.scene.control.ScrollPane)) n = n.getParent();
                        ((javafx.scene.control.ScrollPane) n).setVvalue(0); // the bars first
                    });
                }
                if (id.equals("tab-symbols")) {
                    fxRun(() -> ((javafx.scene.control.TableView<?>) panel.lookup("#symbol-table")).getSelectionModel().select(2));
                }
                screenshot("20-compare-" + name + "-" + id.substring(4) + (dark ? "-dark" : ""));
                if (id.equals("tab-sections")) {
                    // the two section maps below the bars
                    fxRun(() -> {
                        javafx.scene.Node maps = panel.lookup("#section-maps");
                        javafx.scene.Node n = maps;
                        while (n != null && !(n instanceof javafx.scene.control.ScrollPane)) n = n.getParent();
                        var scroll = (javafx.scene.control.ScrollPane) n;
                        double content = scroll.getContent().getBoundsInLocal().getHeight();
                        double view = scroll.getViewportBounds().getHeight();
                        scroll.setVvalue(Math.min(1, maps.getBoundsInParent().getMinY() / Math.max(1, content - view)));
                    });
                    screenshot("20-compare-" + name + "-section-maps" + (dark ? "-dark" : ""));
                }
            }
        }
        fxRun(() -> window.darkThemeItem().setSelected(false));
        fxRun(() -> panel.view().tabs().getSelectionModel().select(0));
    }
}
