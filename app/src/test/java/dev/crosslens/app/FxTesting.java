package dev.crosslens.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Shared bits of the TestFX tests: throw-away settings, waiting, snapshots to PNG. */
public final class FxTesting {
    private FxTesting() {
    }

    /** Settings in a fresh preferences node, removed by {@link #dispose(Settings, Preferences)}. */
    public static Preferences freshPrefs() {
        return Preferences.userRoot().node("dev/crosslens/test/" + UUID.randomUUID());
    }

    public static void removePrefs(Preferences p) {
        try {
            p.removeNode();
        } catch (BackingStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void waitUntil(int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }

    /** Runs on the FX thread and waits for it. */
    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** Snapshots a node (on the FX thread) to {@code app/target/<dir>/<name>.png}. */
    public static Path snapshot(Node node, String dir, String name) {
        WritableImage img = fx(() -> node.snapshot(null, null));
        BufferedImage bi = SwingFXUtils.fromFXImage(img, null);
        Path out = Path.of("target", dir, name + ".png");
        try {
            Files.createDirectories(out.getParent());
            ImageIO.write(bi, "png", out.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
