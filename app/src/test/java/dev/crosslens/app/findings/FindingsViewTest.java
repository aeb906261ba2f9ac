package dev.crosslens.app.findings;

import dev.crosslens.app.control.Tables;
import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Severity;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.parsers.analysis.TargetProfiles;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class FindingsViewTest {
    private final AtomicReference<Extent> selectedExtent = new AtomicReference<>();
    private FindingsViewModel vm;
    private TargetPickerViewModel picker;
    private java.util.prefs.Preferences prefs;
    private dev.crosslens.app.Workbench workbench;
    private FindingsView view;

    static final Finding CGO = new Finding("go.cgo-enabled", Severity.WARNING, "CGO is on in this Go build", "why",
            List.of(new Evidence("interpreter", "PT_INTERP", "/lib64/ld-linux-x86-64.so.2", Extent.of(0x238, 28))),
            "CGO_ENABLED=0 go build .");
    static final Finding EXECSTACK = new Finding("elf.execstack", Severity.ERROR, "PT_GNU_STACK is rwx", "why",
            List.of(new Evidence("segment", "PT_GNU_STACK", "rwx", Extent.of(0x120, 56))), "-Wl,-z,noexecstack");
    static final Finding FLOOR = new Finding("elf.glibc-floor", Severity.INFO, "Needs GLIBC_2.34", "why",
            List.of(new Evidence("symbol", "needs GLIBC_2.34", "__libc_start_main@GLIBC_2.34", Extent.of(0x400, 24))),
            "build older", "member a.o");

    @Start
    void start(Stage stage) {
        vm = new FindingsViewModel(selectedExtent::set);
        picker = new TargetPickerViewModel(TargetProfiles.bundled(), dev.crosslens.parsers.analysis.Checker.standard(),
                java.util.concurrent.Executors.newSingleThreadExecutor(), null);
        prefs = dev.crosslens.app.FxTesting.freshPrefs();
        workbench = new dev.crosslens.app.Workbench(new dev.crosslens.app.Settings(prefs),
                dev.crosslens.parsers.ParseOptions.defaults());
        view = new FindingsView(vm, workbench);
        stage.setScene(new Scene(new VBox(view, new TargetPickerView(picker)), 900, 700));
        stage.show();
    }

    @org.junit.jupiter.api.AfterEach
    void removePrefs() {
        workbench.close();
        dev.crosslens.app.FxTesting.removePrefs(prefs);
    }

    @Test
    void ctrlCCopiesTheSelectedFindingsAndTheMenuExports(FxRobot robot) {
        robot.interact(() -> vm.setFindings(List.of(EXECSTACK, CGO, FLOOR)));
        robot.clickOn("PT_GNU_STACK is rwx   elf.execstack");
        robot.press(javafx.scene.input.KeyCode.SHIFT).clickOn("Needs GLIBC_2.34   elf.glibc-floor  (member a.o)")
                .release(javafx.scene.input.KeyCode.SHIFT);
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.C)
                .release(javafx.scene.input.KeyCode.C, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        String copied = dev.crosslens.app.FxTesting.fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertEquals("ERROR\telf.execstack\tPT_GNU_STACK is rwx\t\t0x120+56\t-Wl,-z,noexecstack\n"
                + "WARNING\tgo.cgo-enabled\tCGO is on in this Go build\t\t0x238+28\tCGO_ENABLED=0 go build .\n"
                + "INFO\telf.glibc-floor\tNeeds GLIBC_2.34\tmember a.o\t0x400+24\tbuild older\n", copied);
        javafx.scene.control.ContextMenu menu = view.list().getContextMenu();
        assertEquals(List.of("Show bytes in hex", "Copy", "", "Export CSV…", "Export JSON…"),
                menu.getItems().stream().map(i -> i.getText() == null ? "" : i.getText()).toList());
        Tables.RowFormat<Finding> format = new Tables.RowFormat<>(FindingsViewModel.HEADERS, FindingsViewModel::cells, f -> f);
        assertEquals("Severity,Id,Title,Scope,Evidence at,Fix\n"
                + "WARNING,go.cgo-enabled,CGO is on in this Go build,,0x238+28,CGO_ENABLED=0 go build .\n",
                format.csv(List.of(CGO)));
    }

    @Test
    void clickSelectsEvidenceAndFiltersNarrow(FxRobot robot) {
        robot.interact(() -> vm.setFindings(List.of(EXECSTACK, CGO, FLOOR)));
        assertEquals("1 error, 1 warning, 1 info", robot.lookup("#findings-counts").queryAs(Label.class).getText());
        robot.clickOn("PT_GNU_STACK is rwx   elf.execstack");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Extent.of(0x120, 56), selectedExtent.get());
        robot.clickOn("#findings-filter").write("glibc");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(FLOOR), List.copyOf(vm.visibleFindings()));
        robot.interact(() -> {
            vm.filterTextProperty().set("");
            vm.minimumSeverityProperty().set(Severity.WARNING);
        });
        assertEquals(List.of(EXECSTACK, CGO), List.copyOf(vm.visibleFindings()));
        robot.clickOn("CGO is on in this Go build   go.cgo-enabled");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Extent.of(0x238, 28), selectedExtent.get());
    }

    @Test
    void pickerShowsTheVerdict(FxRobot robot) {
        ImageCore arm = ImageCore.builder(BinaryFormat.ELF).arch(Arch.ARM64).bits(64).kind(BinaryKind.EXECUTABLE).build();
        BinaryFile f = new BinaryFile("app", 100, "00", new ElfImage(arm, null));
        robot.interact(() -> {
            picker.fileProperty().set(f);
            picker.targetProperty().set(TargetProfiles.bundled().find("debian-12-amd64").orElseThrow());
        });
        Label verdict = robot.lookup("#target-verdict").queryAs(Label.class);
        dev.crosslens.app.FxTesting.waitUntil(20, () -> dev.crosslens.app.FxTesting.fx(() -> verdict.getText().startsWith("WILL FAIL")));
        assertTrue(verdict.getText().startsWith("WILL FAIL on Debian 12"), verdict.getText());
        robot.interact(() -> picker.targetProperty().set(TargetProfiles.bundled().find("debian-12-arm64").orElseThrow()));
        dev.crosslens.app.FxTesting.waitUntil(20, () -> dev.crosslens.app.FxTesting.fx(() -> verdict.getText().startsWith("RUNS")));
    }
}
