package dev.crosslens.app;

import dev.crosslens.app.compare.ComparePanel;
import dev.crosslens.app.findings.FindingsView;
import dev.crosslens.app.findings.FindingsViewModel;
import dev.crosslens.app.graph.ResolutionView;
import dev.crosslens.app.graph.ResolutionViewModel;
import dev.crosslens.parsers.ParseOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Starts the workbench window: builds the one {@link Workbench}, registers the views and opens the files named
 * on the command line. No {@code Application} subclass, so {@link Main} stays a plain main class.
 */
public final class WorkbenchLauncher {
    private WorkbenchLauncher() {
    }

    /** What the window is started with: files to open, and whether to compare the two of them. */
    public record LaunchArgs(List<Path> files, boolean compare) {
        public LaunchArgs {
            files = List.copyOf(files);
        }

        /**
         * {@code crosslens A B C} opens files and folders; {@code crosslens OLD NEW} with exactly two regular files,
         * or {@code crosslens --compare OLD NEW}, also compares them.
         */
        public static LaunchArgs parse(String[] args) {
            List<Path> files = new ArrayList<>();
            boolean compare = false;
            for (String a : args) {
                if (a.equals("--")) continue;
                if (a.equals("--compare")) {
                    compare = true;
                    continue;
                }
                files.add(Path.of(a));
            }
            if (compare && files.size() != 2) {
                throw new IllegalArgumentException("--compare takes exactly two files, got " + files.size());
            }
            boolean two = files.size() == 2 && files.stream().allMatch(java.nio.file.Files::isRegularFile);
            return new LaunchArgs(files, compare || two);
        }
    }

    static void launch(String[] args) {
        LaunchArgs parsed;
        try {
            parsed = LaunchArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("crosslens: " + e.getMessage());
            System.exit(2);
            return;
        }
        String noDisplay = noDisplay(System.getenv(), System.getProperty("os.name", ""),
                System.getProperty("glass.platform"));
        if (noDisplay != null) {
            System.err.println("crosslens: " + noDisplay);
            System.exit(2);
            return;
        }
        try {
            Platform.startup(() -> open(new Stage(), new Workbench(Settings.user(), ParseOptions.defaults()),
                    Samples.userCache(), parsed));
        } catch (UnsupportedOperationException e) { // GTK could not open the display it was given
            System.err.println("crosslens: cannot open the window: " + e.getMessage() + ". " + CLI_HINT);
            System.exit(2);
        }
    }

    private static final String CLI_HINT = "Without a display, use the command line: crosslens analyze|diff|check|"
            + "resolve|graph|run|trace ... (crosslens --help)";

    /**
     * Why no window can open here, or null: on Linux and the BSDs JavaFX needs an X11 or Wayland display unless
     * it runs headless (Monocle, as the tests do).
     */
    static String noDisplay(java.util.Map<String, String> env, String osName, String glassPlatform) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || "Monocle".equals(glassPlatform)) return null;
        if (isSet(env.get("DISPLAY")) || isSet(env.get("WAYLAND_DISPLAY"))) return null;
        return "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). " + CLI_HINT;
    }

    private static boolean isSet(String v) {
        return v != null && !v.isBlank();
    }

    public static MainWindow open(Stage stage, Workbench workbench, Samples samples, List<Path> files) {
        return open(stage, workbench, samples, new LaunchArgs(files, false));
    }

    /**
     * Shows the workbench on a stage and opens {@code files}; what {@code main} runs once the toolkit is up
     * (tests call it on their own stage).
     */
    public static MainWindow open(Stage stage, Workbench workbench, Samples samples, LaunchArgs args) {
        List<Path> files = args.files();
        StandardViews.register(workbench.views());
        // Other features plug in here, one line each.
        workbench.views().registerItemView("findings", "Findings", (wb, it) -> findingsView(wb, it))
                .place("findings", 1);
        workbench.views().registerItemView("resolution", "Resolution", it -> it.file() != null,
                (wb, it) -> resolutionView(wb, it));
        workbench.views().registerPanel("compare", "Compare builds", ComparePanel::new);
        MainWindow window = new MainWindow(workbench, samples);
        Settings s = workbench.settings();
        double[] b = s.windowBounds();
        Scene scene = new Scene(window, b == null ? 1280 : b[2], b == null ? 820 : b[3]);
        stage.setScene(scene);
        window.applyTheme();
        if (b != null && onSomeScreen(b)) {
            stage.setX(b[0]);
            stage.setY(b[1]);
        }
        stage.setMaximized(s.windowMaximized());
        stage.setTitle("Crosslens");
        var icon = WorkbenchLauncher.class.getResourceAsStream("/dev/crosslens/app/icon-256.png");
        if (icon != null) stage.getIcons().add(new Image(icon));
        stage.setOnHidden(e -> {
            if (!stage.isIconified()) {
                s.setWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
            }
            workbench.close();
        });
        stage.show();
        if (!files.isEmpty()) window.openPaths(files);
        if (args.compare()) window.compareBuilds(files.get(0), files.get(1));
        return window;
    }

    /** The resolution graph: a click on a node reveals that symbol or library; its worker stops when the item goes. */
    private static ResolutionView resolutionView(Workbench wb, WorkbenchItem item) {
        ResolutionViewModel vm = new ResolutionViewModel(item.file(), wb::revealByName);
        item.onDispose(vm::dispose);
        return new ResolutionView(vm);
    }

    private static FindingsView findingsView(Workbench wb, WorkbenchItem item) {
        FindingsViewModel vm = new FindingsViewModel(wb::select);
        vm.setFindings(item.findings());
        return new FindingsView(vm, wb);
    }

    private static boolean onSomeScreen(double[] b) {
        for (Screen sc : Screen.getScreens()) {
            Rectangle2D r = sc.getVisualBounds();
            if (r.intersects(b[0], b[1], Math.max(1, b[2] / 2), 40)) return true;
        }
        return false;
    }
}
