package dev.crosslens.app.graph;

import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.graph.GraphEdge;
import dev.crosslens.model.graph.GraphNode;
import dev.crosslens.model.graph.NodeKind;
import dev.crosslens.model.graph.NodeStatus;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class GraphViewTest {
    private GraphViewModel vm;
    private GraphView view;
    private final AtomicReference<GraphNode> clicked = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        vm = new GraphViewModel(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "graph-layout");
            t.setDaemon(true);
            return t;
        }));
        vm.setOnSelect(clicked::set);
        view = new GraphView(vm);
        stage.setScene(new Scene(view, 1100, 700));
        stage.show();
    }

    /** binary -> .rela.plt -> 30 symbols in 2 library groups; one symbol unresolved. */
    static Graph grouped() {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        nodes.add(GraphNode.of("bin", "app", NodeKind.BINARY));
        nodes.add(GraphNode.of("plt", ".rela.plt", NodeKind.TABLE));
        edges.add(GraphEdge.of("bin", "plt"));
        nodes.add(GraphNode.of("libc", "libc.so.6", NodeKind.LIBRARY).withStatus(NodeStatus.RESOLVED, ""));
        nodes.add(GraphNode.of("libm", "libm.so.6", NodeKind.LIBRARY).withStatus(NodeStatus.RESOLVED, ""));
        for (int i = 0; i < 30; i++) {
            String lib = i < 20 ? "libc" : "libm";
            GraphNode s = GraphNode.of("s" + i, (i == 7 ? "missing_fn" : "fn" + i) + "@GLIBC_2.2.5", NodeKind.SYMBOL)
                    .inGroup(lib);
            if (i == 7) s = s.withStatus(NodeStatus.UNRESOLVED, "not defined by libc.so.6");
            nodes.add(s);
            edges.add(GraphEdge.of("plt", "s" + i));
        }
        return new Graph("test-flow", nodes, edges);
    }

    private void load(FxRobot robot, Graph g) throws Exception {
        robot.interact(() -> vm.graphProperty().set(g));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.layoutProperty().get() != null
                && view.drawnNodeCount() == vm.layoutProperty().get().boxes().size());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void groupsStartFoldedAndKeepTheWorstStatus(FxRobot robot) throws Exception {
        load(robot, grouped());
        // bin, plt, libc (20), libm (10): symbols folded into their libraries
        assertThat(view.drawnNodeCount()).isEqualTo(4);
        GraphNode libc = (GraphNode) view.nodeView("libc").getUserData();
        assertThat(libc.label()).isEqualTo("libc.so.6 (20)");
        assertThat(libc.status()).isEqualTo(NodeStatus.UNRESOLVED);
        assertThat(vm.layoutProperty().get().lines()).anySatisfy(l -> assertThat(l.edge().count()).isEqualTo(20));
    }

    @Test
    void doubleClickUnfoldsAGroupAndSearchSelects(FxRobot robot) throws Exception {
        load(robot, grouped());
        robot.doubleClickOn(view.nodeView("libm"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.drawnNodeCount() == 14);
        assertThat(vm.isExpanded("libm")).isTrue();
        robot.interact(() -> vm.expandAll());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.drawnNodeCount() == 34);
        robot.clickOn("#graph-search").write("missing_fn").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(clicked.get()).isNotNull();
        assertThat(clicked.get().id()).isEqualTo("s7");
        assertThat(clicked.get().detail()).contains("not defined");
    }

    @Test
    void zoomFitAndPngExport(FxRobot robot) throws Exception {
        load(robot, grouped());
        robot.interact(() -> vm.expandAll());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.drawnNodeCount() == 34);
        WaitForAsyncUtils.waitForFxEvents();
        double before = view.zoomLevel();
        robot.interact(() -> view.zoom(2, new javafx.geometry.Point2D(100, 100)));
        assertThat(view.zoomLevel()).isEqualTo(Math.min(8, before * 2), org.assertj.core.data.Offset.offset(1e-9));
        robot.interact(view::fit);
        assertThat(view.zoomLevel()).isEqualTo(before, org.assertj.core.data.Offset.offset(1e-9));
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        File png = dir.resolve("graph-view-export.png").toFile();
        robot.interact(() -> {
            try {
                view.exportPng(png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(png).exists();
        assertThat(png.length()).isGreaterThan(2000);
        File svg = dir.resolve("graph-view-export.svg").toFile();
        GraphView.exportSvg(vm.layoutProperty().get(), svg);
        assertThat(Files.readString(svg.toPath())).contains("<svg", "missing_fn@GLIBC_2.2.5", "#c62828");
    }

    @Test
    void aFittedDrawingStaysFittedWhenTheWindowResizesAndAZoomedOneStaysPut(FxRobot robot) throws Exception {
        load(robot, grouped());
        robot.interact(view::fit);
        double fitted = view.zoomLevel();
        robot.interact(() -> view.getScene().getWindow().setWidth(260));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.zoomLevel()).as("fitted again to the narrower window").isLessThan(fitted);
        double narrow = view.zoomLevel();
        robot.interact(() -> view.zoom(2, new javafx.geometry.Point2D(50, 50)));
        double zoomed = view.zoomLevel();
        robot.interact(() -> view.getScene().getWindow().setWidth(1100));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.zoomLevel()).as("a zoom the user chose is kept").isEqualTo(zoomed);
        assertThat(zoomed).isNotEqualTo(narrow);
    }
}
