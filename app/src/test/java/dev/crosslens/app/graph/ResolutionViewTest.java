package dev.crosslens.app.graph;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeKind;
import dev.crosslens.model.graph.NodeStatus;
import dev.crosslens.model.resolve.ResolutionState;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The resolution tab on the rollup .so from the corpus, resolved against this machine's {@code /}. */
@ExtendWith(ApplicationExtension.class)
class ResolutionViewTest {
    private static final String ROLLUP = "rollup-4.67.4-linux-x64-gnu";
    private ResolutionViewModel vm;
    private ResolutionView view;
    private final AtomicReference<String> selected = new AtomicReference<>();

    static Path corpusFile(String id) {
        String env = System.getenv("CORPUS_DIR");
        Path dir = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "bdw-corpus");
        Path p = dir.resolve(id);
        Assumptions.assumeTrue(Files.isRegularFile(p), "corpus file " + p + " not fetched");
        return p;
    }

    @Start
    void start(Stage stage) throws Exception {
        BinaryFile f = Binaries.open(corpusFile(ROLLUP), ParseOptions.defaults());
        vm = new ResolutionViewModel(f, selected::set);
        view = new ResolutionView(vm);
        stage.setScene(new Scene(view, 1280, 760));
        stage.show();
    }

    private void awaitDrawn() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.runningProperty().get()
                && vm.graph().layoutProperty().get() != null
                && view.graphView().drawnNodeCount() == vm.graph().layoutProperty().get().boxes().size());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<GraphNode> drawn() {
        return vm.graph().layoutProperty().get().boxes().stream().map(GraphLayout.Box::node).toList();
    }

    @Test
    void foldedFlowShowsOneNodePerLibraryAndTheNapiGroupRed(FxRobot robot) throws Exception {
        awaitDrawn();
        var r = vm.resolutionProperty().get();
        assertThat(r.unresolved()).isNotEmpty().allSatisfy(s -> assertThat(s.name()).startsWith("napi_"));
        Set<String> providers = r.symbols().stream().filter(s -> s.state() == ResolutionState.RESOLVED)
                .map(s -> s.provider()).collect(Collectors.toSet());
        List<GraphNode> nodes = drawn();
        assertThat(nodes).noneMatch(n -> n.kind() == NodeKind.SYMBOL);
        // one node per library: every provider once, plus the needed libraries nothing resolved to
        for (String p : providers) {
            assertThat(nodes).filteredOn(n -> n.id().equals("l:" + p)).singleElement()
                    .satisfies(n -> assertThat(n.label()).startsWith(p + " ("));
        }
        assertThat(nodes).filteredOn(n -> n.kind() == NodeKind.LIBRARY).hasSize(r.libraries().size());
        GraphNode napi = nodes.stream().filter(n -> n.id().equals("l:(not found)")).findFirst().orElseThrow();
        assertThat(napi.status()).isEqualTo(NodeStatus.UNRESOLVED);
        assertThat(napi.label()).isEqualTo("not found (" + r.unresolved().size() + ")");
        var rect = ((javafx.scene.Group) view.graphView().nodeView(napi.id())).getChildren().get(0);
        assertThat(rect.getStyleClass()).contains("status-unresolved");
        assertThat(robot.lookup("#resolution-summary").queryLabeled().getText())
                .contains(r.unresolved().size() + " unresolved");

        // click a library: its name goes to the rest of the workbench
        robot.clickOn(view.graphView().nodeView("l:libc.so.6"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected.get()).isEqualTo("libc.so.6");

        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        File png = dir.resolve("resolution-view-rollup.png").toFile();
        robot.interact(() -> {
            WritableImage img = view.getScene().snapshot(null);
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(png.length()).isGreaterThan(5000);
    }

    @Test
    void kindPickerSwitchesToTheDependencyTreeAndTheSectionMap(FxRobot robot) throws Exception {
        awaitDrawn();
        robot.interact(() -> vm.kindProperty().set(ResolutionViewModel.Kind.DEPENDENCIES));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.graph().layoutProperty().get() != null
                && vm.graph().layoutProperty().get().graph().title().startsWith("dependencies"));
        assertThat(drawn()).anySatisfy(n -> assertThat(n.label()).isEqualTo("libc.so.6"));
        robot.interact(() -> vm.kindProperty().set(ResolutionViewModel.Kind.SECTIONS));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.graph().layoutProperty().get() != null
                && vm.graph().layoutProperty().get().graph().title().startsWith("sections"));
        assertThat(drawn()).anySatisfy(n -> assertThat(n.label()).startsWith("LOAD r-x"));
    }
}
