package dev.crosslens.app.bench;

import dev.crosslens.app.ItemWorkspace;
import dev.crosslens.app.MainWindow;
import dev.crosslens.app.Samples;
import dev.crosslens.app.Settings;
import dev.crosslens.app.TestImages;
import dev.crosslens.app.ViewRegistry;
import dev.crosslens.app.Workbench;
import dev.crosslens.app.WorkbenchItem;
import dev.crosslens.app.WorkbenchLauncher;
import dev.crosslens.app.symbols.SymbolsView;
import dev.crosslens.app.symbols.SymbolsViewModel;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Not a test: times (1) open-to-rendered for the largest corpus binary, every view built, laid out and drawn,
 * and (2) the symbol filter on 200,000 synthetic symbols, keystroke to laid-out table. Run by
 * {@code app/src/test/bench/run.sh}; prints the figures.
 */
public final class GuiBench {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private GuiBench() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        Platform.setImplicitExit(false);
        Path file = args.length > 0 ? Path.of(args[0]) : largestCorpusFile();
        for (int run = 1; run <= 3; run++) openToRendered(file, run);
        filterLatency(200_000);
        Platform.exit();
        System.exit(0);
    }

    static Path largestCorpusFile() throws Exception {
        try (Stream<Path> s = Files.list(Corpus.dir())) {
            return s.filter(Files::isRegularFile).max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
                    .orElseThrow(() -> new IllegalStateException("no corpus in " + Corpus.dir()));
        }
    }

    static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }

    static void openToRendered(Path file, int run) throws Exception {
        Preferences prefs = Preferences.userRoot().node("dev/crosslens/bench/" + UUID.randomUUID());
        Workbench wb = new Workbench(new Settings(prefs), ParseOptions.defaults());
        MainWindow window = fx(() -> WorkbenchLauncher.open(new Stage(), wb, new Samples(Files.createTempDirectory("s")), List.of()));
        long t0 = System.nanoTime();
        fx(() -> wb.open(file));
        long[] loaded = new long[1];
        while (true) {
            boolean done = fx(() -> wb.active() != null && wb.active().state() != WorkbenchItem.State.LOADING);
            if (done) break;
            Thread.sleep(2);
        }
        loaded[0] = System.nanoTime();
        String state = fx(() -> wb.active().state().name());
        if (!state.equals("LOADED")) {
            System.out.println("open failed: " + fx(() -> wb.active().failure().message()));
            return;
        }
        List<String> ids = new ArrayList<>();
        long[] cpu = new long[1];
        long[] perView = fx(() -> {
            long c0 = CPU.getCurrentThreadCpuTime();
            ItemWorkspace ws = window.activeWorkspace();
            List<Long> times = new ArrayList<>();
            for (ViewRegistry.ItemView v : wb.views().itemViews()) {
                long a = System.nanoTime();
                if (!ws.show(v.id())) continue;
                ids.add(v.id());
                Scene sc = window.getScene();
                sc.getRoot().applyCss();
                sc.getRoot().layout();
                sc.snapshot(null); // draws the scene: the view as the user sees it
                times.add(System.nanoTime() - a);
            }
            cpu[0] = CPU.getCurrentThreadCpuTime() - c0;
            return times.stream().mapToLong(Long::longValue).toArray();
        });
        long t1 = System.nanoTime();
        int symbols = fx(() -> wb.active().image() == null ? -1 : wb.active().image().core().symbols().size());
        System.out.printf(Locale.ROOT, "open-to-rendered run %d: %s (%d bytes, %d symbols, %s): parse+load %.0f ms, "
                        + "all %d views built+laid out+drawn %.0f ms (FX thread CPU %.0f ms), total %.0f ms%n", run,
                file.getFileName(), Files.size(file), symbols, state, (loaded[0] - t0) / 1e6, perView.length,
                (t1 - loaded[0]) / 1e6, cpu[0] / 1e6, (t1 - t0) / 1e6);
        StringBuilder sb = new StringBuilder("   per view ms:");
        for (int i = 0; i < perView.length; i++) {
            sb.append(' ').append(ids.get(i)).append('=').append(String.format(Locale.ROOT, "%.0f", perView[i] / 1e6));
        }
        System.out.println(sb);
        fx(() -> {
            window.getScene().getWindow().hide();
            return null;
        });
        prefs.removeNode();
    }

    static void filterLatency(int n) throws Exception {
        List<Symbol> symbols = TestImages.symbols(n, 42);
        long b0 = System.nanoTime();
        SymbolsViewModel vm = new SymbolsViewModel(symbols);
        long b1 = System.nanoTime();
        Preferences prefs = Preferences.userRoot().node("dev/crosslens/bench/" + UUID.randomUUID());
        Workbench wb = new Workbench(new Settings(prefs), ParseOptions.defaults());
        SymbolsView view = fx(() -> {
            SymbolsView v = new SymbolsView(vm, wb);
            Stage st = new Stage();
            st.setScene(new Scene(v, 1200, 800));
            st.show();
            return v;
        });
        System.out.printf(Locale.ROOT, "symbols view model for %,d symbols: %.0f ms%n", n, (b1 - b0) / 1e6);
        SymbolsViewModel bare = new SymbolsViewModel(symbols);
        bare.filtered().addListener((javafx.collections.ListChangeListener<SymbolsViewModel.Row>) c -> { });
        List<Double> vmOnly = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String q : new String[] {"r", "ru", "run", "runtime", "core::fmt", "no-such", "", "libc", ""}) {
                long a = System.nanoTime();
                bare.filterTextProperty().set(q);
                if (round > 0) vmOnly.add((System.nanoTime() - a) / 1e6);
            }
        }
        Collections.sort(vmOnly);
        System.out.printf(Locale.ROOT, "   view model alone (FilteredList refilter, one listener): median %.1f ms, max %.1f ms%n",
                vmOnly.get(vmOnly.size() / 2), vmOnly.get(vmOnly.size() - 1));
        String[] queries = {"r", "ru", "run", "runt", "runtime", "runtime.func", "core::fmt", "formatter12",
                "libc", "no-such-symbol", "", "net/http", "func1", "_zn4core", ""};
        List<Double> times = new ArrayList<>();
        List<Double> cpuTimes = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String q : queries) {
                double[] ms = fx(() -> {
                    long c = CPU.getCurrentThreadCpuTime();
                    long a = System.nanoTime();
                    view.filterField().setText(q);
                    view.table().applyCss();
                    view.table().layout();
                    return new double[] {(System.nanoTime() - a) / 1e6, (CPU.getCurrentThreadCpuTime() - c) / 1e6};
                });
                if (round > 0) {
                    times.add(ms[0]);
                    cpuTimes.add(ms[1]);
                }
            }
        }
        double regexMs = fx(() -> {
            vm.regexProperty().set(true);
            long a = System.nanoTime();
            view.filterField().setText("^net/http\\.func[0-9a-f]+_1");
            view.table().layout();
            double r = (System.nanoTime() - a) / 1e6;
            vm.regexProperty().set(false);
            view.filterField().setText("");
            return r;
        });
        double facetMs = fx(() -> {
            long a = System.nanoTime();
            vm.tableProperty().set(SymbolTable.DYNSYM);
            vm.definitionProperty().set(SymbolsViewModel.Definition.UNDEFINED);
            view.table().layout();
            return (System.nanoTime() - a) / 1e6;
        });
        Collections.sort(times);
        Collections.sort(cpuTimes);
        System.out.printf(Locale.ROOT, "filter latency on %,d symbols (keystroke -> laid-out table, %d samples): "
                        + "median %.1f ms, p90 %.1f ms, max %.1f ms; regex %.1f ms; two facets %.1f ms%n", n,
                times.size(), times.get(times.size() / 2), times.get((int) (times.size() * 0.9)),
                times.get(times.size() - 1), regexMs, facetMs);
        System.out.printf(Locale.ROOT, "   FX thread CPU per keystroke: median %.1f ms, max %.1f ms (load average %.1f)%n",
                cpuTimes.get(cpuTimes.size() / 2), cpuTimes.get(cpuTimes.size() - 1),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        prefs.removeNode();
    }
}
