package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AccessControlContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The window: opening, error panels, drag and drop, samples. Headless (Monocle). */
class WorkbenchWindowTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final TestWindow app = new TestWindow();

    private WorkbenchItem openAndWait(Path file) {
        fxRun(() -> app.window().openPaths(List.of(file)));
        waitUntil(60, () -> fx(() -> app.workbench().items().stream().anyMatch(i -> i.path().equals(file.toAbsolutePath())
                && i.state() != WorkbenchItem.State.LOADING)));
        return fx(() -> app.workbench().active());
    }

    /** Fires a drag-over and a drop with these files at the window, as the OS would. */
    private void drop(List<File> files) {
        fxRun(() -> {
            Dragboard board = DragboardHelper.createDragboard(new FilesClipboard(files));
            DragEvent over = new DragEvent(DragEvent.DRAG_OVER, board, 10, 10, 10, 10, TransferMode.COPY,
                    null, null, null);
            app.window().fireEvent(over);
            app.window().fireEvent(new DragEvent(DragEvent.DRAG_DROPPED, board, 10, 10, 10, 10, TransferMode.COPY,
                    null, null, null));
        });
    }

    @Test
    void startsWithTheWelcomePanel() {
        assertNotNull(fx(() -> app.window().lookup("#welcome")));
        assertTrue(fx(() -> app.window().getScene().getStylesheets().get(0).endsWith("crosslens.css")));
    }

    @Test
    void truncatedElfShowsTheErrorPanelWithOffsetAndBytes() throws Exception {
        byte[] head = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};
        Path f = Files.write(tmp.resolve("truncated.elf"), head);
        WorkbenchItem item = openAndWait(f);
        assertEquals(WorkbenchItem.State.FAILED, fx(item::state));
        assertNotNull(fx(() -> app.window().lookup("#error-panel")));
        Label offset = fx(() -> (Label) app.window().lookup("#error-offset"));
        assertNotNull(offset, "a malformed file names the offset");
        assertTrue(offset.getText().startsWith("at file offset 0x"), offset.getText());
        String dump = fx(() -> ((javafx.scene.control.TextArea) app.window().lookup("#error-bytes")).getText());
        assertTrue(dump.contains("7f 45 4c 46"), dump);
        FxTesting.snapshot(app.window(), "snapshots", "error-panel");
    }

    @Test
    void textFileIsNotABinary() throws Exception {
        Path f = Files.writeString(tmp.resolve("notes.txt"), "just some text\nnot a binary at all\n");
        WorkbenchItem item = openAndWait(f);
        assertEquals(WorkbenchItem.State.FAILED, fx(item::state));
        String title = fx(() -> ((Label) app.window().lookup("#error-title")).getText());
        assertTrue(title.startsWith("Not a binary: "), title);
        assertTrue(title.contains("text"), title);
    }

    @Test
    void droppingFilesOnTheWindowOpensThem() throws Exception {
        Path a = Files.writeString(tmp.resolve("a.txt"), "text a");
        Path b = Files.writeString(tmp.resolve("b.txt"), "text b");
        drop(List.of(a.toFile(), b.toFile()));
        waitUntil(30, () -> fx(() -> app.workbench().items().size() == 2));
        assertEquals(List.of("a.txt", "b.txt"), fx(() -> app.workbench().items().stream().map(WorkbenchItem::label).toList()));
        assertEquals(2, fx(() -> app.window().tree().getRoot().getChildren().size()));
    }

    @Test
    void droppingAFolderOpensTheBinariesInside() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("build"));
        Files.write(dir.resolve("prog"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        Files.write(dir.resolve("prog.exe"), new byte[] {'M', 'Z', 0, 0});
        Files.writeString(dir.resolve("README"), "not a binary");
        drop(List.of(dir.toFile()));
        waitUntil(30, () -> fx(() -> app.workbench().items().size() == 2));
        assertEquals(List.of("prog", "prog.exe"), fx(() -> app.workbench().items().stream().map(WorkbenchItem::label).toList()));
    }

    @Test
    void helpOpenSamplesOpensTheShippedBuilds() {
        fxRun(() -> app.window().openSamples());
        waitUntil(60, () -> fx(() -> app.workbench().items().size() == 4));
        assertEquals(List.of("hello-darwin-arm64", "hello-linux-amd64", "hello-linux-arm64", "hello-windows-amd64.exe"),
                fx(() -> app.workbench().items().stream().map(WorkbenchItem::label).toList()));
        assertTrue(Files.isRegularFile(app.samples().resolve("hello-linux-arm64")));
    }

    @Test
    void theSampleCopiesAreExecutable() throws Exception {
        Samples samples = new Samples(tmp.resolve("samples"));
        List<Path> copies = samples.extract();
        assertEquals(4, copies.size());
        for (Path p : copies) {
            assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(p)), p.toString());
        }
        // a copy left with 0600 by an older version gets the mode too, without being written again
        Path one = copies.get(0);
        Files.setPosixFilePermissions(one, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        samples.extract();
        assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(one)));
    }

    @Test
    void fileMenuOpensAFolderWithAShortcut() {
        javafx.scene.control.MenuBar bar = fx(() -> (javafx.scene.control.MenuBar) app.window().getTop());
        javafx.scene.control.Menu file = fx(() -> bar.getMenus().get(0));
        assertEquals("File", file.getText());
        javafx.scene.control.MenuItem folder = fx(() -> file.getItems().stream()
                .filter(i -> "open-folder".equals(i.getId())).findFirst().orElse(null));
        assertNotNull(folder, "File > Open folder…");
        assertEquals("Open folder…", folder.getText());
        assertEquals(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.O,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN, javafx.scene.input.KeyCombination.SHIFT_DOWN),
                folder.getAccelerator());
        assertEquals(1, fx(() -> file.getItems().indexOf(folder)), "right after Open…");
        assertNotNull(fx(() -> app.window().lookup("#welcome-folder")), "the welcome panel offers it too");
    }

    @Test
    void openingAFileAgainSelectsItAndTheStatusSaysWhatIsShown() {
        Path f = dev.crosslens.parsers.testing.Fixtures.file("go-cross", "linux-arm64");
        WorkbenchItem item = openAndWait(f);
        waitUntil(30, () -> fx(() -> item.state() == WorkbenchItem.State.LOADED));
        String shown = fx(() -> app.window().statusBar().getText());
        assertTrue(shown.startsWith("linux-arm64 — "), shown);
        fxRun(() -> app.window().openPaths(List.of(f)));
        waitUntil(30, () -> fx(() -> !app.window().statusBar().getText().startsWith("Looking at")));
        assertEquals(shown, fx(() -> app.window().statusBar().getText()));
        assertEquals(1, fx(() -> app.workbench().items().size()));
    }

    @Test
    void closeAndRecentFiles() throws Exception {
        Path f = Files.writeString(tmp.resolve("x.txt"), "x");
        WorkbenchItem item = openAndWait(f);
        assertEquals(f.toAbsolutePath().normalize(), app.workbench().settings().recentFiles().get(0));
        fxRun(() -> app.workbench().close(item));
        assertEquals(0, fx(() -> app.workbench().items().size()));
        assertNotNull(fx(() -> app.window().lookup("#welcome")));
    }

    /** A dragboard peer holding files, as the OS would hand them over. */
    static final class FilesClipboard implements TKClipboard {
        private final Map<DataFormat, Object> content = new HashMap<>();

        FilesClipboard(List<File> files) {
            content.put(DataFormat.FILES, files);
        }

        @Override
        public void setSecurityContext(AccessControlContext ctx) {
        }

        @Override
        public Set<DataFormat> getContentTypes() {
            return content.keySet();
        }

        @Override
        @SafeVarargs
        public final boolean putContent(Pair<DataFormat, Object>... pairs) {
            for (Pair<DataFormat, Object> p : pairs) content.put(p.getKey(), p.getValue());
            return true;
        }

        @Override
        public Object getContent(DataFormat format) {
            return content.get(format);
        }

        @Override
        public boolean hasContent(DataFormat format) {
            return content.containsKey(format);
        }

        @Override
        public Set<TransferMode> getTransferModes() {
            return Set.of(TransferMode.COPY);
        }

        @Override
        public void setDragView(Image image) {
        }

        @Override
        public void setDragViewOffsetX(double offsetX) {
        }

        @Override
        public void setDragViewOffsetY(double offsetY) {
        }

        @Override
        public Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }
}
