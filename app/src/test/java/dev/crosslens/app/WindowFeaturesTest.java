package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.findings.FindingsView;
import dev.crosslens.app.findings.TargetPickerView;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.analysis.TargetProfile;
import dev.crosslens.parsers.analysis.TargetProfiles;
import dev.crosslens.parsers.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Features reached through the window: target verdict, reveal, compare from the command line, scoped findings. */
class WindowFeaturesTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final TestWindow app = new TestWindow();

    private WorkbenchItem openAndWait(Path file) {
        fxRun(() -> app.window().openPaths(List.of(file)));
        Path abs = file.toAbsolutePath().normalize();
        waitUntil(60, () -> fx(() -> app.workbench().active() != null && app.workbench().active().path().equals(abs)
                && app.workbench().active().state() == WorkbenchItem.State.LOADED && app.window().activeWorkspace() != null));
        return fx(() -> app.workbench().active());
    }

    private static TargetProfile profile(String id) {
        return TargetProfiles.bundled().find(id).orElseThrow();
    }

    @Test
    void overviewShowsTheTargetVerdictAndAReasonLeadsToItsFinding() {
        openAndWait(Fixtures.file("go-cross", "linux-arm64"));
        TargetPickerView picker = fx(() -> (TargetPickerView) app.window().activeWorkspace().view("overview")
                .lookup(".target-picker"));
        assertNotNull(picker, "the Overview has a target picker");
        @SuppressWarnings("unchecked")
        ComboBox<TargetProfile> combo = fx(() -> (ComboBox<TargetProfile>) picker.lookup("#target-combo"));
        Label verdict = picker.verdictLabel();
        fxRun(() -> combo.setValue(profile("debian-12-amd64")));
        waitUntil(20, () -> fx(() -> verdict.getText().startsWith("WILL FAIL")));
        assertTrue(fx(() -> verdict.getStyleClass().contains("verdict-will_fail")));
        assertEquals("debian-12-amd64", app.workbench().settings().lastTarget(), "the pick is remembered");

        // a reason with a finding behind it leads to the Findings tab with that finding selected
        TargetPickerView.Row reason = fx(() -> picker.reasons().getItems().stream().filter(r -> r.finding() != null)
                .findFirst().orElseThrow());
        fxRun(() -> {
            picker.reasons().getSelectionModel().select(reason);
            picker.reasons().getOnMouseClicked().handle(null);
        });
        FindingsView findings = fx(() -> (FindingsView) app.window().activeWorkspace().view("findings"));
        assertNotNull(findings);
        assertEquals("tab-findings", fx(() -> app.window().activeWorkspace().tabs().getSelectionModel().getSelectedItem().getId()));
        Finding selected = fx(() -> findings.viewModel().selectedProperty().get());
        assertEquals(reason.finding(), selected);
        if (selected.primaryExtent().isKnown()) assertEquals(selected.primaryExtent(), fx(() -> app.workbench().selectionProperty().get()));

        fxRun(() -> app.window().activeWorkspace().show("overview"));
        fxRun(() -> combo.setValue(profile("debian-12-arm64")));
        waitUntil(20, () -> fx(() -> verdict.getText().startsWith("RUNS")));
        assertTrue(fx(() -> verdict.getStyleClass().contains("verdict-runs")));

        // the next Overview starts on the remembered target
        openAndWait(Fixtures.file("go-cross", "linux-amd64"));
        Node other = fx(() -> app.window().activeWorkspace().view("overview").lookup(".target-picker"));
        Label v2 = ((TargetPickerView) other).verdictLabel();
        waitUntil(20, () -> fx(() -> v2.getText().contains("Debian 12") && !v2.getText().startsWith("Pick")));
        assertTrue(fx(v2::getText).startsWith("WILL FAIL"), fx(v2::getText));
    }

    @Test
    void twoFilesOnTheCommandLineOpenBothAndCompareThem() {
        Path a = Fixtures.file("go-cross", "linux-amd64");
        Path b = Fixtures.file("go-cross", "linux-arm64");
        WorkbenchLauncher.LaunchArgs args = WorkbenchLauncher.LaunchArgs.parse(new String[] {a.toString(), b.toString()});
        assertTrue(args.compare());
        assertTrue(WorkbenchLauncher.LaunchArgs.parse(new String[] {"--compare", a.toString(), b.toString()}).compare());
        assertTrue(!WorkbenchLauncher.LaunchArgs.parse(new String[] {a.toString()}).compare());
        assertTrue(!WorkbenchLauncher.LaunchArgs.parse(new String[] {a.toString(), tmp.toString()}).compare(),
                "a folder and a file are opened, not compared");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WorkbenchLauncher.LaunchArgs.parse(new String[] {"--compare", a.toString()}));

        Preferences p2 = FxTesting.freshPrefs();
        Workbench wb2 = new Workbench(new Settings(p2), ParseOptions.defaults());
        Stage s2 = fx(Stage::new);
        try {
            MainWindow w2 = fx(() -> WorkbenchLauncher.open(s2, wb2, new Samples(tmp.resolve("s2")), args));
            waitUntil(60, () -> fx(() -> wb2.items().size() == 2
                    && wb2.items().stream().allMatch(i -> i.state() == WorkbenchItem.State.LOADED)));
            dev.crosslens.app.compare.ComparePanel panel = fx(() -> (dev.crosslens.app.compare.ComparePanel) w2.panel("compare"));
            assertNotNull(panel, "the Compare builds panel is open");
            waitUntil(60, () -> fx(() -> panel.view().viewModel().diffProperty().get() != null));
            assertTrue(fx(() -> panel.view().viewModel().diffProperty().get().identity().stream()
                    .anyMatch(f -> f.field().toLowerCase(java.util.Locale.ROOT).contains("arch"))), "arch differs");
            // the Symbol graph tab shows the diff's graph
            assertTrue(fx(() -> panel.view().tabs().getTabs().stream().anyMatch(t -> t.getText().equals("Symbol graph"))));
            assertNotNull(fx(() -> panel.view().symbolGraph()));
            // and the pickers name the two compared binaries
            waitUntil(10, () -> fx(() -> panel.olderChoice().getValue() != null && panel.newerChoice().getValue() != null));
            assertEquals(a.toAbsolutePath().normalize(), fx(() -> panel.olderChoice().getValue().path()));
            assertEquals(b.toAbsolutePath().normalize(), fx(() -> panel.newerChoice().getValue().path()));
            fxRun(() -> {
                panel.olderChoice().setValue(wb2.items().get(1));
                panel.newerChoice().setValue(wb2.items().get(0));
                panel.compareSelected();
            });
            waitUntil(60, () -> fx(() -> !panel.view().viewModel().runningProperty().get()
                    && panel.view().viewModel().oldFileProperty().get() != null
                    && panel.view().viewModel().oldFileProperty().get().path().endsWith("linux-arm64")));
        } finally {
            fxRun(s2::hide);
            FxTesting.removePrefs(p2);
        }
    }

    @Test
    void resolutionNodesRevealTheirLibraryAndSymbolsAreRevealedByName() {
        WorkbenchItem item = openAndWait(Fixtures.file("diff-pairs", "cgo"));
        String lib = fx(() -> item.image().core().libraries().get(0).name());
        fxRun(() -> app.window().activeWorkspace().show("resolution"));
        dev.crosslens.app.graph.ResolutionView rv = fx(() -> (dev.crosslens.app.graph.ResolutionView) app.window().activeWorkspace().view("resolution"));
        var graph = rv.viewModel().graph();
        waitUntil(60, () -> fx(() -> graph.graphProperty().get() != null));
        var node = fx(() -> graph.graphProperty().get().nodes().stream()
                .filter(n -> n.kind() == dev.crosslens.model.graph.NodeKind.LIBRARY && lib.equals(n.ref()))
                .findFirst().orElseThrow(() -> new AssertionError("no node for " + lib)));
        fxRun(() -> graph.selectedProperty().set(node)); // what a click on the node does
        assertEquals("tab-libraries", fx(() -> app.window().activeWorkspace().tabs().getSelectionModel().getSelectedItem().getId()));
        var tree = fx(() -> ((dev.crosslens.app.libraries.LibrariesView) app.window().activeWorkspace().view("libraries")).tree());
        assertEquals(lib, fx(() -> tree.getSelectionModel().getSelectedItem().getValue().label()));

        String sym = fx(() -> item.image().core().symbols().stream().map(s -> s.name())
                .filter(n -> n.length() > 6 && !n.contains("$")).findFirst().orElseThrow());
        fxRun(() -> app.workbench().revealByName(sym));
        assertEquals("tab-symbols", fx(() -> app.window().activeWorkspace().tabs().getSelectionModel().getSelectedItem().getId()));
        var symbols = fx(() -> (dev.crosslens.app.symbols.SymbolsView) app.window().activeWorkspace().view("symbols"));
        waitUntil(10, () -> fx(() -> !symbols.table().getItems().isEmpty()));
        assertEquals(sym, fx(() -> symbols.viewModel().filterTextProperty().get()));
        assertTrue(fx(() -> symbols.table().getItems().stream().allMatch(r -> r.symbol().name().contains(sym)
                || r.key().contains(sym.toLowerCase(java.util.Locale.ROOT)) || r.key().contains(sym))));

        // views' dispose actions (the resolution worker's among them) run when the file is closed
        java.util.concurrent.atomic.AtomicInteger disposed = new java.util.concurrent.atomic.AtomicInteger();
        fxRun(() -> item.onDispose(disposed::incrementAndGet));
        fxRun(() -> app.workbench().close(item));
        assertEquals(1, disposed.get());
    }

    /** An ar archive of these files (System V headers, as {@code ar rc} writes them). */
    static Path archive(Path out, Path... members) throws java.io.IOException {
        try (var o = java.nio.file.Files.newOutputStream(out)) {
            o.write("!<arch>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (Path m : members) {
                byte[] data = java.nio.file.Files.readAllBytes(m);
                String h = String.format(java.util.Locale.ROOT, "%-16s%-12s%-6s%-6s%-8s%-10d`\n",
                        m.getFileName() + "/", "0", "0", "0", "644", data.length);
                o.write(h.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                o.write(data);
                if (data.length % 2 == 1) o.write('\n');
            }
        }
        return out;
    }

    @Test
    void aMemberShowsTheFindingsScopedToIt() throws Exception {
        Path ar = archive(tmp.resolve("both.a"), Fixtures.file("go-cross", "linux-amd64"),
                Fixtures.file("go-cross", "linux-arm64"));
        WorkbenchItem root = openAndWait(ar);
        waitUntil(10, () -> fx(() -> root.children().size() == 2));
        List<Finding> all = fx(root::findings);
        WorkbenchItem arm = fx(() -> root.children().stream().filter(c -> c.label().equals("linux-arm64"))
                .findFirst().orElseThrow());
        assertEquals("member linux-arm64", arm.scope());
        List<Finding> armFindings = fx(arm::findings);
        assertTrue(!armFindings.isEmpty(), "the member has findings of its own");
        assertTrue(armFindings.stream().allMatch(f -> f.scope().startsWith("member linux-arm64")), armFindings.toString());
        assertTrue(all.stream().anyMatch(f -> f.scope().startsWith("member linux-amd64")), "the file has both members'");
        assertTrue(armFindings.size() < all.size());

        // selecting the member in the tree shows its findings in the Findings tab
        fxRun(() -> app.workbench().activeProperty().set(arm));
        waitUntil(10, () -> fx(() -> app.window().activeWorkspace() != null && app.window().activeWorkspace().item() == arm));
        fxRun(() -> app.window().activeWorkspace().show("findings"));
        FindingsView fv = fx(() -> (FindingsView) app.window().activeWorkspace().view("findings"));
        assertEquals(armFindings, fx(() -> List.copyOf(fv.viewModel().allFindings())));

        // and its Overview checks the target on the member's own image
        fxRun(() -> app.window().activeWorkspace().show("overview"));
        TargetPickerView armPicker = fx(() -> (TargetPickerView) app.window().activeWorkspace().view("overview").lookup(".target-picker"));
        fxRun(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<TargetProfile> c = (ComboBox<TargetProfile>) armPicker.lookup("#target-combo");
            c.setValue(profile("debian-12-amd64"));
        });
        waitUntil(20, () -> fx(() -> armPicker.verdictLabel().getText().startsWith("WILL FAIL")));
        WorkbenchItem amd = fx(() -> root.children().stream().filter(c -> c.label().equals("linux-amd64"))
                .findFirst().orElseThrow());
        fxRun(() -> app.workbench().activeProperty().set(amd));
        waitUntil(10, () -> fx(() -> app.window().activeWorkspace() != null && app.window().activeWorkspace().item() == amd));
        TargetPickerView amdPicker = fx(() -> (TargetPickerView) app.window().activeWorkspace().view("overview").lookup(".target-picker"));
        waitUntil(20, () -> fx(() -> amdPicker.verdictLabel().getText().startsWith("RUNS")));
    }
}
