package dev.crosslens.app.trace;

import dev.crosslens.model.trace.RunLimits;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.sandbox.HostTools;
import dev.crosslens.parsers.sandbox.RunRequest;
import dev.crosslens.parsers.sandbox.Sandbox;
import dev.crosslens.parsers.testing.Fixtures;
import dev.crosslens.parsers.trace.TraceFacts;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The live trace view fed by a real sandboxed run of the probe (native strace under bubblewrap). */
@ExtendWith(ApplicationExtension.class)
class TraceViewTest {
    private TraceViewModel vm;
    private TraceView view;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "trace-test");
        t.setDaemon(true);
        return t;
    });

    @Start
    void start(Stage stage) {
        vm = new TraceViewModel(new Sandbox(), background);
        view = new TraceView(vm);
        stage.setScene(new Scene(view, 1260, 780));
        stage.show();
    }

    static void needTools() {
        HostTools t = new HostTools();
        Assumptions.assumeTrue(t.find("strace").isPresent(), "strace is not installed: apt-get install strace");
        Assumptions.assumeTrue(t.find("bwrap").isPresent(), "bwrap is not installed: apt-get install bubblewrap");
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private SessionFooter runToEnd(FxRobot robot, RunRequest req) throws Exception {
        robot.interact(() -> vm.start(req));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.footerProperty().get() != null && vm.queued() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        return vm.footerProperty().get();
    }

    @Test
    void liveRunFillsTableStatisticsTreeAndTimelineThenReopens(FxRobot robot) throws Exception {
        needTools();
        int port = closedPort();
        Path rec = Fixtures.projectRoot().resolve("app/target/trace-live-session.jsonl");
        Files.createDirectories(rec.getParent());
        Path probe = Fixtures.file("sandbox-probe", "probe-linux-amd64");
        SessionFooter f = runToEnd(robot, RunRequest.of(probe, List.of("probe", "" + port)).withRecord(rec));
        assertThat(f.exitCode()).isEqualTo(0);
        int all = vm.events().size();
        assertThat(all).isGreaterThan(20);
        TableView<?> table = robot.lookup("#trace-events").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(all);
        assertThat(vm.endpoints()).anyMatch(s -> s.startsWith("127.0.0.1:" + port));
        assertThat(vm.spawned()).anyMatch(s -> s.endsWith("probe-linux-amd64"));
        assertThat(vm.stdoutProperty().get()).contains("write: ok");
        assertThat(robot.lookup("#trace-stop").queryAs(Button.class).isDisabled()).isTrue();
        robot.clickOn("#trace-search").write("connect");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).isNotEmpty().allMatch(o -> TraceViewModel.matches((TraceEvent) o, "connect"));
        assertThat(table.getItems().size()).isLessThan(all);
        robot.interact(() -> vm.filterTextProperty().set(""));
        robot.interact(view::redrawNow);
        // the probe and its child: two processes, whatever their threads (one lane each, one tree node each)
        assertThat(view.timeline().laneCount()).isEqualTo(2);
        assertThat(vm.processes()).hasSize(2);
        assertThat(view.processTree().getRoot().getChildren()).hasSize(1);
        assertThat(view.processTree().getRoot().getChildren().get(0).getChildren()).hasSize(1);
        assertThat(vm.spawned()).hasSize(1);

        // the snapshot looked at in the report: the live view after a real run, timeline tab in front
        AtomicReference<WritableImage> img = new AtomicReference<>();
        robot.interact(() -> img.set(view.getScene().snapshot(null)));
        Path png = Fixtures.projectRoot().resolve("app/target/trace-live.png");
        ImageIO.write(SwingFXUtils.fromFXImage(img.get(), null), "png", png.toFile());
        assertThat(Files.size(png)).isGreaterThan(10_000);
        // and one with only risky events in the table and the statistics in front
        robot.interact(() -> {
            vm.minRiskProperty().set(dev.crosslens.model.trace.RiskLevel.LOW);
            robot.lookup("#trace-tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).isNotEmpty().allMatch(o -> ((TraceEvent) o).risk() != dev.crosslens.model.trace.RiskLevel.NONE);
        robot.interact(() -> img.set(view.getScene().snapshot(null)));
        ImageIO.write(SwingFXUtils.fromFXImage(img.get(), null), "png",
                Fixtures.projectRoot().resolve("app/target/trace-live-risk.png").toFile());
        robot.interact(() -> vm.minRiskProperty().set(dev.crosslens.model.trace.RiskLevel.NONE));

        // reopen the recorded session in the same view
        robot.interact(() -> vm.open(rec));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.events().size() == all && vm.queued() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.statusProperty().get()).contains(all + " events");
        assertThat(vm.endpoints()).anyMatch(s -> s.startsWith("127.0.0.1:" + port));
    }

    @Test
    void stopKillsARunningProgram(FxRobot robot) throws Exception {
        needTools();
        Path probe = Fixtures.file("sandbox-probe", "probe-linux-amd64");
        robot.interact(() -> vm.start(RunRequest.of(probe, List.of("forever")).withLimits(RunLimits.defaults().withTimeoutMillis(30_000))));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.stdoutProperty().get().contains("forever"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#trace-stop");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.footerProperty().get() != null);
        assertThat(vm.footerProperty().get().stopped()).isTrue();
        assertThat(vm.runningProperty().get()).isFalse();
    }
}
