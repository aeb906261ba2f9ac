package dev.crosslens.app.trace;

import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.parsers.sandbox.HostTools;
import dev.crosslens.parsers.sandbox.RunRequest;
import dev.crosslens.parsers.sandbox.RunnerKind;
import dev.crosslens.parsers.sandbox.Sandbox;
import dev.crosslens.parsers.sandbox.SandboxRun;
import dev.crosslens.parsers.testing.Fixtures;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class RunDialogAndDiffTest {
    private StackPane root;
    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        root = new StackPane();
        stage.setScene(new Scene(root, 1000, 700));
        stage.show();
    }

    @Test
    void runDialogStatesTheRunnerIsolationAndBuildsTheRequest(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(new HostTools().find("qemu-aarch64-static").isPresent(), "apt-get install qemu-user-static");
        Path arm = Fixtures.file("sandbox-probe", "probe-linux-arm64");
        RunDialogViewModel dvm = new RunDialogViewModel(arm, new Sandbox(), Executors.newSingleThreadExecutor());
        RunDialog[] dialog = new RunDialog[1];
        robot.interact(() -> {
            dialog[0] = new RunDialog(root.getScene().getWindow(), dvm);
            dialog[0].show();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> dvm.runnableProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#run-plan").queryAs(Label.class).getText()).contains("qemu").contains("aarch64");
        assertThat(robot.lookup("#run-isolation-text").queryAs(Label.class).getText()).contains("no network");
        robot.clickOn("#run-arguments").write("probe \"two words\" 9");
        robot.clickOn("#run-class-network");
        robot.clickOn("#run-isolated");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#run-isolation-text").queryAs(Label.class).getText()).contains("NOT isolated");
        RunRequest req = dvm.request();
        assertThat(req.arguments()).containsExactly("probe", "two words", "9");
        assertThat(req.classes()).containsExactly(TraceCategory.NETWORK);
        assertThat(req.isolated()).isFalse();
        robot.interact(() -> dvm.runnerProperty().set(RunnerKind.NATIVE));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> dvm.planProperty().get().startsWith("Cannot run"));
        Node run = dialog[0].getDialogPane().lookupButton(RunDialog.RUN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(run.isDisabled()).isTrue();
        robot.interact(() -> dialog[0].close());
    }

    @Test
    void pe32IsRefusedInTheDialog(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(new HostTools().wine32().isEmpty(), "a 32-bit wine is installed here");
        RunDialogViewModel dvm = new RunDialogViewModel(Fixtures.file("sandbox-probe", "probe-windows-386.exe"),
                new Sandbox(), Executors.newSingleThreadExecutor());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> dvm.planProperty().get().startsWith("Cannot run"));
        assertThat(dvm.planProperty().get()).contains("PE32");
        assertThat(dvm.runnableProperty().get()).isFalse();
    }

    @Test
    void diffViewShowsTwoRealRunsApart(FxRobot robot) throws Exception {
        HostTools t = new HostTools();
        Assumptions.assumeTrue(t.find("strace").isPresent() && t.find("bwrap").isPresent(), "apt-get install strace bubblewrap");
        Path probe = Fixtures.file("sandbox-probe", "probe-linux-amd64");
        Path a = tmp.resolve("a.jsonl");
        Path b = tmp.resolve("b.jsonl");
        record(RunRequest.of(probe, List.of("child")).withRecord(a));
        record(RunRequest.of(probe, List.of("probe", "9")).withRecord(b));
        TraceDiffViewModel dvm = new TraceDiffViewModel(Executors.newSingleThreadExecutor());
        robot.interact(() -> root.getChildren().setAll(new TraceDiffView(dvm)));
        robot.interact(() -> dvm.compare(a, b));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> dvm.diffProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dvm.facts()).anyMatch(f -> f.added() && f.kind().equals("endpoint") && f.value().equals("127.0.0.1:9"));
        assertThat(dvm.facts()).anyMatch(f -> f.added() && f.kind().equals("file") && f.value().endsWith("probe-out.txt"));
        assertThat(robot.lookup("#diff-status").queryAs(Label.class).getText()).contains("a.jsonl → b.jsonl");
        assertThat(robot.lookup(".diff-added").queryAll()).isNotEmpty();
    }

    private static void record(RunRequest req) throws Exception {
        SandboxRun run = new Sandbox().start(req, new dev.crosslens.parsers.sandbox.RunListener() { });
        run.await();
    }
}
