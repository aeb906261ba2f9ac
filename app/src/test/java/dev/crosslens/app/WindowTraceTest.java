package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.trace.RunDialog;
import dev.crosslens.app.trace.TraceDiffView;
import dev.crosslens.app.trace.TraceDiffViewModel;
import dev.crosslens.app.trace.TraceView;
import dev.crosslens.app.trace.TraceViewModel;
import dev.crosslens.model.trace.OutputChunk;
import dev.crosslens.model.trace.RunLimits;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.SessionHeader;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.sandbox.HostTools;
import dev.crosslens.parsers.testing.Fixtures;
import dev.crosslens.parsers.trace.StraceParser;
import dev.crosslens.parsers.trace.TraceMapping;
import dev.crosslens.parsers.trace.TraceSessionWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Run menu, Trace panel, File > Open trace… and Tools > Compare traces… in the real window (Monocle). */
class WindowTraceTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final TestWindow app = new TestWindow();

    static MenuItem menuItem(MainWindow w, String id) {
        MenuBar bar = (MenuBar) w.getTop();
        for (Menu m : bar.getMenus()) {
            for (MenuItem i : m.getItems()) {
                if (id.equals(i.getId())) return i;
            }
        }
        throw new AssertionError("no menu item " + id);
    }

    private static DialogPane openDialogPane() {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane) {
                return (DialogPane) w.getScene().getRoot();
            }
        }
        return null;
    }

    private void openAndWait(Path file) {
        fxRun(() -> app.window().openPaths(List.of(file)));
        waitUntil(60, () -> fx(() -> app.workbench().active() != null
                && app.workbench().active().state() == WorkbenchItem.State.LOADED));
    }

    @Test
    void runMenuOpensTheDialogAndARunFillsTheTracePanelUntilItIsClosed() {
        Assumptions.assumeTrue(new HostTools().find("strace").isPresent(), "strace is not installed");
        Assumptions.assumeTrue(new HostTools().find("bwrap").isPresent(), "bubblewrap is not installed");
        openAndWait(Fixtures.file("go-cross", "linux-amd64"));
        MenuItem run = menuItem(app.window(), "run-in-sandbox");
        assertEquals(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), run.getAccelerator());
        Platform.runLater(run::fire); // showAndWait: not through fx(), which would wait for the dialog to close
        waitUntil(10, () -> fx(() -> openDialogPane() != null));
        DialogPane pane = fx(WindowTraceTest::openDialogPane);
        Label plan = fx(() -> (Label) pane.lookup("#run-plan"));
        waitUntil(20, () -> fx(() -> !plan.getText().startsWith("working out")));
        String planText = fx(plan::getText);
        Assumptions.assumeTrue(planText.startsWith("Runner:"), "this host cannot run it: " + planText);
        assertTrue(planText.contains("strace") || planText.contains("native"), planText);
        Path recorded = tmp.resolve("run.jsonl");
        fxRun(() -> ((javafx.scene.control.TextField) pane.lookup("#run-record")).setText(recorded.toString()));
        fxRun(() -> ((Button) pane.lookupButton(RunDialog.RUN)).fire());
        waitUntil(10, () -> fx(() -> app.window().panel("trace") instanceof TraceView));
        TraceViewModel vm = fx(() -> ((TraceView) app.window().panel("trace")).viewModel());
        waitUntil(20, () -> fx(() -> vm.events().size() > 0 && !vm.runningProperty().get()));
        assertTrue(fx(() -> vm.events().stream().anyMatch(e -> e.name().equals("execve"))),
                "the traced run shows the program's own execve");
        assertTrue(fx(() -> vm.stdoutProperty().get()).length() > 0 || fx(() -> vm.footerProperty().get()) != null);

        // the recording reopens through File > Open trace… into the same panel
        int live = fx(() -> vm.events().size());
        fxRun(() -> app.window().openTrace(recorded));
        waitUntil(10, () -> fx(() -> vm.footerProperty().get() != null && vm.events().size() == live));
        assertEquals(1, fx(() -> app.window().dock().getTabs().stream().filter(t -> "trace".equals(t.getUserData())).count()));

        // closing the panel while a run is going stops it: a probe that sleeps until killed
        Path forever = Fixtures.file("sandbox-probe", "probe-linux-amd64");
        dev.crosslens.app.trace.RunDialogViewModel dvm = fx(() -> new dev.crosslens.app.trace.RunDialogViewModel(
                forever, app.workbench().sandbox(), app.workbench().executor()));
        fxRun(() -> dvm.argumentsProperty().set("forever"));
        fxRun(() -> dvm.timeoutSecondsProperty().set(120));
        TraceViewModel fvm = fx(() -> app.window().startTrace(dvm.request()));
        waitUntil(20, () -> fx(() -> fvm.stdoutProperty().get().contains("forever: sleeping")));
        assertTrue(fx(() -> fvm.runningProperty().get()));
        long t0 = System.nanoTime();
        fxRun(() -> {
            Tab t = app.window().dock().getTabs().stream().filter(x -> "trace".equals(x.getUserData())).findFirst().orElseThrow();
            app.window().dock().getTabs().remove(t); // what the tab's close button does, then its onClosed
            t.getOnClosed().handle(null);
        });
        // the view is gone, so nothing drains the queue: drain here until the run's end arrives
        waitUntil(15, () -> fx(() -> {
            fvm.drain(100_000);
            return !fvm.runningProperty().get();
        }));
        assertTrue(System.nanoTime() - t0 < 15_000_000_000L, "stopped well before its 120 s limit");
        assertNotNull(fx(() -> fvm.footerProperty().get()), "the run ended with a footer");
        assertTrue(fx(() -> app.window().panel("trace")) == null);
    }

    @Test
    void openTraceAndCompareTracesShowRecordedSessions() throws Exception {
        Path a = session("a.jsonl", "1 00:00:00.1 openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = 3 <0.000001>");
        Path b = session("b.jsonl", "1 00:00:00.1 openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = 3 <0.000001>",
                "1 00:00:00.2 connect(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"10.0.0.1\")}, 16) = 0");
        assertNotNull(menuItem(app.window(), "open-trace"));
        TraceViewModel vm = fx(() -> app.window().openTrace(b));
        waitUntil(10, () -> fx(() -> vm.events().size() == 2));
        assertTrue(fx(() -> app.window().panel("trace") instanceof TraceView));
        assertTrue(fx(() -> vm.endpoints().stream().anyMatch(e -> e.contains("10.0.0.1"))), "endpoints of the session");

        assertNotNull(menuItem(app.window(), "compare-traces"));
        TraceDiffViewModel diff = fx(() -> app.window().compareTraces(a, b));
        waitUntil(10, () -> fx(() -> diff.diffProperty().get() != null));
        assertTrue(fx(() -> app.window().panel("trace-diff") instanceof TraceDiffView));
        assertTrue(fx(() -> diff.facts().stream().anyMatch(f -> f.added() && f.value().contains("10.0.0.1"))),
                "the new endpoint is an added fact");
    }

    private Path session(String name, String... straceLines) throws Exception {
        Path f = tmp.resolve(name);
        List<TraceEvent> es = StraceParser.parseAll(TraceMapping.load(), "x", Arrays.asList(straceLines));
        SessionHeader h = new SessionHeader(SessionHeader.SCHEMA, SessionHeader.VERSION, "/bin/x", "ab".repeat(32),
                "native", Map.of(), List.of(), Map.of(), RunLimits.defaults(), List.of(), true, 1_700_000_000_000L, "test");
        try (TraceSessionWriter w = TraceSessionWriter.create(f, h)) {
            long seq = 0;
            for (TraceEvent e : es) w.event(e.withSeq(seq++));
            w.output(new OutputChunk(OutputChunk.Stream.STDOUT, 5, "hello\n"));
            w.footer(new SessionFooter(1_700_000_001_000L, 0, null, false, false, es.size(), 0, 0, "exited with 0"));
        }
        return f;
    }
}
