package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;

import dev.crosslens.parsers.ParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * The workbench window of a window test, one per test: register with {@code @RegisterExtension}. Before each
 * test it opens the window on TestFX's primary stage with fresh preferences and its own samples cache; after it,
 * hides the window and removes the preferences and the cache.
 */
final class TestWindow implements BeforeEachCallback, AfterEachCallback {
    private Stage stage;
    private Preferences prefs;
    private Path dir;
    private Workbench workbench;
    private MainWindow window;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        prefs = FxTesting.freshPrefs();
        dir = Files.createTempDirectory("crosslens-window");
        workbench = new Workbench(new Settings(prefs), ParseOptions.defaults());
        window = fx(() -> WorkbenchLauncher.open(stage, workbench, new Samples(samples()), List.of()));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        fxRun(() -> {
            stage.hide();
            // the primary stage is shared with the next test class: it must not keep saving the window into
            // preferences that are gone (TestFX hides it again around an ApplicationExtension test)
            stage.setOnHidden(null);
        });
        FxTesting.removePrefs(prefs);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    Workbench workbench() {
        return workbench;
    }

    MainWindow window() {
        return window;
    }

    /** Where the window's Help > Open samples writes the sample binaries. */
    Path samples() {
        return dir.resolve("samples");
    }
}
