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
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Corpus;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Not a test: the GUI figures of issue 4, run by {@code ./bench gui} (or {@code app/src/test/bench/run.sh}).
 * <ol>
 *   <li>Open the largest corpus binary: open -> first view (the overview) laid out and drawn; open -> the data of
 *       every view prepared (the background work after the parse); each tab switch -> that view built, laid out
 *       and drawn; open -> all views drawn (every tab visited in a row, as a user clicking through).</li>
 *   <li>The symbol filter on 200,000 synthetic symbols, per keystroke: the change on the FX thread, the filter on
 *       its worker, the new rows applied and the table laid out (substring, regex, two facets).</li>
 * </ol>
 * Each figure is given as wall time and as CPU time of the FX thread over the same interval (the FX thread's
 * CPU is what makes the window stutter; wall time also counts the workers and the machine's other load). Keys
 * typed back to back start while the previous frame is still being drawn (software rendering here: ~40 ms a
 * frame), so that series is the worst case; the paced one types like a fast typist.
 */
public final class GuiBench {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static long fxThread;

    private GuiBench() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        Platform.setImplicitExit(false);
        fxThread = fx(() -> Thread.currentThread().getId());
        Path file = args.length > 0 ? Path.of(args[0]) : largestCorpusFile();
        int rounds = Integer.getInteger("bench.rounds", 5);
        System.out.printf(Locale.ROOT, "gui bench: %d rounds after one warm-up, load average %.1f at start%n", rounds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Open open = new Open();
        for (int run = 0; run <= rounds; run++) openToRendered(file, run == 0 ? null : open);
        open.print(file);
        filterLatency(200_000, rounds);
        System.out.printf(Locale.ROOT, "load average at end %.1f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Platform.exit();
        System.exit(0);
    }

    static Path largestCorpusFile() throws Exception {
        try (Stream<Path> s = Files.list(Corpus.dir())) {
            return s.filter(Files::isRegularFile).max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
                    .orElseThrow(() -> new IllegalStateException("no corpus in " + Corpus.dir()));
        }
    }

    static <T> T fx(Callable<T> c) throws Exception {
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

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final java.util.Map<String, long[]> THREADS = new java.util.concurrent.ConcurrentHashMap<>();

    /** CPU time of the threads whose name starts with {@code name} (looked up once, after the warm-up). */
    static long threadCpu(String name) {
        long[] ids = THREADS.computeIfAbsent(name, n -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(n)).mapToLong(Thread::getId).toArray());
        long sum = 0;
        for (long id : ids) sum += Math.max(0, CPU.getThreadCpuTime(id));
        return sum;
    }

    static long fxCpu() {
        return CPU.getThreadCpuTime(fxThread);
    }

    /** Samples of one figure, in ms. */
    static final class Series {
        final String name;
        final double target;
        final List<Double> wall = new ArrayList<>();
        final List<Double> fxCpu = new ArrayList<>();
        final List<Double> procCpu = new ArrayList<>();
        final List<Double> workerCpu = new ArrayList<>();
        final List<Double> renderCpu = new ArrayList<>();

        Series(String name, double target) {
            this.name = name;
            this.target = target;
        }

        void add(long wallNanos, long cpuNanos) {
            wall.add(wallNanos / 1e6);
            fxCpu.add(cpuNanos / 1e6);
        }

        /** A figure measured on a worker: no FX-thread share. */
        void addWorker(long wallNanos) {
            wall.add(wallNanos / 1e6);
        }



        static double pct(List<Double> l, double p) {
            List<Double> s = new ArrayList<>(l);
            Collections.sort(s);
            return s.get(Math.min(s.size() - 1, (int) Math.ceil(p * s.size()) - 1));
        }

        void print() {
            if (wall.isEmpty()) return;
            double med = pct(wall, 0.5);
            String fx = fxCpu.isEmpty() ? String.format(Locale.ROOT, "%-39s", "| (worker, no FX-thread work)")
                    : String.format(Locale.ROOT, "| FX CPU median %6.1f p90 %6.1f ms", pct(fxCpu, 0.5), pct(fxCpu, 0.9));
            String verdict = target <= 0 ? "" : String.format(Locale.ROOT, "  target < %.0f ms: wall %s, FX %s",
                    target, med < target ? "met" : "NOT met", fxCpu.isEmpty() ? "n/a"
                            : pct(fxCpu, 0.5) < target ? "met" : "NOT met");
            String proc = procCpu.isEmpty() ? "" : String.format(Locale.ROOT, " | CPU median: filter worker %.1f,"
                    + " renderer %.1f, whole JVM %.0f", pct(workerCpu, 0.5), pct(renderCpu, 0.5), pct(procCpu, 0.5));
            System.out.printf(Locale.ROOT, "  %-44s wall median %7.1f p90 %7.1f %s%s (n=%d)%s%n", name, med,
                    pct(wall, 0.9), fx, proc, wall.size(), verdict);
        }
    }

    static final class Open {
        final Series parse = new Series("open -> parsed (worker)", 0);
        final Series first = new Series("open -> first view drawn", 1000);
        final Series ready = new Series("open -> all views' data prepared", 1000);
        final Series built = new Series("open -> every view built+laid out+drawn", 1000);
        final Series tab = new Series("then a tab switch -> drawn", 0);
        final Series all = new Series("open -> every tab visited in turn, drawn", 0);
        String views = "";
        String perView = "";

        void print(Path file) throws Exception {
            System.out.printf(Locale.ROOT, "open %s (%,d bytes), views: %s%n", file.getFileName(), Files.size(file), views);
            parse.print();
            first.print();
            ready.print();
            built.print();
            tab.print();
            all.print();
            System.out.println("   last round, per view ms (wall/FX CPU): " + perView);
        }
    }

    static void openToRendered(Path file, Open out) throws Exception {
        Preferences prefs = Preferences.userRoot().node("dev/crosslens/bench/" + UUID.randomUUID());
        Workbench wb = new Workbench(new Settings(prefs), ParseOptions.defaults());
        MainWindow window = fx(() -> WorkbenchLauncher.open(new Stage(), wb,
                new Samples(Files.createTempDirectory("s")), List.of()));
        CompletableFuture<Long> preparedAt = new CompletableFuture<>();
        CompletableFuture<long[]> builtAt = new CompletableFuture<>();
        CompletableFuture<long[]> firstDrawn = new CompletableFuture<>();
        long[] start = new long[2];
        fx(() -> {
            // the moment the item is loaded (same pulse as the workspace is made): draw the first view
            wb.activeProperty().addListener((o, a, item) -> {
                if (item == null) return;
                item.stateProperty().addListener((o2, s0, s) -> {
                    if (s == WorkbenchItem.State.LOADED) loaded(window, start, preparedAt, firstDrawn, builtAt);
                });
            });
            start[1] = fxCpu();
            start[0] = System.nanoTime();
            wb.open(file);
            return null;
        });
        long[] first = firstDrawn.get(120, TimeUnit.SECONDS);
        long ready = preparedAt.get(120, TimeUnit.SECONDS);
        // the workspace builds the tabs not shown yet one per pulse once their data is ready
        long[] built = builtAt.get(120, TimeUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        List<long[]> per = fx(() -> {
            List<long[]> times = new ArrayList<>();
            ItemWorkspace ws = window.activeWorkspace();
            Object first0 = ws.tabs().getSelectionModel().getSelectedItem().getUserData();
            for (ViewRegistry.ItemView v : wb.views().itemViews()) {
                if (v == first0) continue; // the first view, drawn above
                long c = fxCpu();
                long a = System.nanoTime();
                if (!ws.show(v.id())) continue;
                draw(window);
                ids.add(v.id());
                times.add(new long[] {System.nanoTime() - a, fxCpu() - c});
            }
            return times;
        });
        long end = System.nanoTime();
        if (out != null) {
            out.parse.addWorker(first[2] - start[0]);
            out.first.add(first[0] - start[0], first[1] - start[1]);
            out.ready.addWorker(ready - start[0]);
            out.built.add(built[0] - start[0], built[1] - start[1]);
            long cpuAll = built[1] - start[1];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < per.size(); i++) {
                out.tab.add(per.get(i)[0], per.get(i)[1]);
                cpuAll += per.get(i)[1];
                sb.append(ids.get(i)).append('=').append(String.format(Locale.ROOT, "%.0f/%.0f", per.get(i)[0] / 1e6,
                        per.get(i)[1] / 1e6)).append(' ');
            }
            out.all.add(end - start[0], cpuAll);
            out.views = (ids.size() + 1) + " (first + " + String.join(", ", ids) + ")";
            out.perView = sb.toString();
        }
        fx(() -> {
            window.getScene().getWindow().hide();
            return null;
        });
        prefs.removeNode();
    }

    private static void loaded(MainWindow window, long[] start, CompletableFuture<Long> preparedAt,
                               CompletableFuture<long[]> firstDrawn, CompletableFuture<long[]> builtAt) {
        long parsed = System.nanoTime();
        // the window swaps the loading panel for the workspace in its own listener; let it run first
        Platform.runLater(() -> {
            ItemWorkspace ws = window.activeWorkspace();
            ws.prepared().thenRun(() -> preparedAt.complete(System.nanoTime()));
            ws.built().thenRun(() -> Platform.runLater(() -> {
                draw(window);
                builtAt.complete(new long[] {System.nanoTime(), fxCpu()});
            }));
            draw(window);
            firstDrawn.complete(new long[] {System.nanoTime(), fxCpu(), parsed});
        });
    }

    /** Lays out and draws the whole scene, as the next pulse would. */
    private static void draw(MainWindow window) {
        Scene sc = window.getScene();
        sc.getRoot().applyCss();
        sc.getRoot().layout();
        sc.snapshot(null);
    }

    static void filterLatency(int n, int rounds) throws Exception {
        List<Symbol> symbols = TestImages.symbols(n, 42);
        long b0 = System.nanoTime();
        SymbolsViewModel vm = new SymbolsViewModel(symbols); // off the FX thread, as ItemWorkspace prepares it
        long b1 = System.nanoTime();
        Preferences prefs = Preferences.userRoot().node("dev/crosslens/bench/" + UUID.randomUUID());
        Workbench wb = new Workbench(new Settings(prefs), ParseOptions.defaults());
        long[] viewCost = new long[2];
        SymbolsView view = fx(() -> {
            long c = fxCpu();
            long a = System.nanoTime();
            SymbolsView v = new SymbolsView(vm, wb);
            Stage st = new Stage();
            st.setScene(new Scene(v, 1200, 800));
            st.show();
            v.applyCss();
            v.layout();
            viewCost[0] = System.nanoTime() - a;
            viewCost[1] = fxCpu() - c;
            return v;
        });
        System.out.printf(Locale.ROOT, "symbol filter on %,d symbols: model (search keys) %.0f ms on a worker; view "
                + "built+laid out %.0f ms wall, %.0f ms FX CPU%n", n, (b1 - b0) / 1e6, viewCost[0] / 1e6, viewCost[1] / 1e6);
        Series substring = new Series("substring, keys back to back", 50);
        Series paced = new Series("substring, typing at 8 keys/s", 50);
        Series regex = new Series("regex, per change (8/s)", 50);
        Series facets = new Series("two facets, per change (8/s)", 50);
        String[] typed = {"r", "ru", "run", "runt", "runti", "runtim", "runtime", "runtime.", "runtime.f",
                "runtime.fu", "runtime.fun", "runtime.func", "runtime.func1", "", "c", "co", "cor", "core", "core:",
                "core::", "core::f", "core::fm", "core::fmt", "", "l", "li", "lib", "libc", "", "n", "ne", "net",
                "net/", "net/h", "net/ht", "net/htt", "net/http", "no-such-symbol", ""};
        String[] patterns = {"^net/http\\.func[0-9a-f]+_1", "func[0-9a-f]{5}_\\d+7$", "core::fmt::Formatter1\\d{3}$",
                "^(os|syscall)\\.", "_ZN4core.*99E"};
        for (int round = 0; round <= rounds; round++) {
            if (round == 1) THREADS.clear(); // the filter worker exists now
            Series s = round == 0 ? new Series("warm-up", 0) : substring;
            for (String q : typed) change(view, () -> view.filterField().setText(q), s);
            // a fast typist: a key every 125 ms, so the frame of the previous key has been drawn
            Series ps = round == 0 ? new Series("warm-up", 0) : paced;
            for (String q : typed) paced(() -> change(view, () -> view.filterField().setText(q), ps));
            fx(() -> {
                vm.regexProperty().set(true);
                return null;
            });
            Series r = round == 0 ? new Series("warm-up", 0) : regex;
            for (String p : patterns) paced(() -> change(view, () -> view.filterField().setText(p), r));
            fx(() -> {
                vm.regexProperty().set(false);
                view.filterField().setText("");
                return null;
            });
            Series f = round == 0 ? new Series("warm-up", 0) : facets;
            SymbolTable[] tables = {SymbolTable.DYNSYM, SymbolTable.SYMTAB, SymbolTable.GO_PCLNTAB};
            SymbolsViewModel.Definition[] defs = {SymbolsViewModel.Definition.UNDEFINED,
                    SymbolsViewModel.Definition.DEFINED, SymbolsViewModel.Definition.WEAK};
            for (int i = 0; i < 3; i++) {
                SymbolTable t = tables[i];
                SymbolsViewModel.Definition d = defs[i];
                paced(() -> change(view, () -> {
                    vm.tableProperty().set(t);
                    vm.definitionProperty().set(d);
                }, f));
                paced(() -> change(view, () -> {
                    vm.bindingProperty().set(SymbolBinding.GLOBAL);
                    vm.tableProperty().set(null);
                }, f));
                paced(() -> change(view, () -> {
                    vm.bindingProperty().set(null);
                    vm.definitionProperty().set(SymbolsViewModel.Definition.ALL);
                }, f));
            }
        }
        substring.print();
        paced.print();
        regex.print();
        facets.print();
        prefs.removeNode();
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} and then waits out the rest of 125 ms (8 changes a second). */
    private static void paced(Step step) throws Exception {
        long next = System.nanoTime() + 125_000_000L;
        step.run();
        long wait = next - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }

    /**
     * One user change, timed from the change on the FX thread to the table laid out with its result (the VM's
     * busy flag drops when the rows are applied); FX CPU over the same interval.
     */
    private static void change(SymbolsView view, Runnable action, Series into) throws Exception {
        CompletableFuture<long[]> done = new CompletableFuture<>();
        long[] t0 = new long[5];
        Consumer<Void> finish = x -> {
            view.table().applyCss();
            view.table().layout();
            done.complete(new long[] {System.nanoTime() - t0[0], fxCpu() - t0[1], OS.getProcessCpuTime() - t0[2],
                    threadCpu("symbols-filter") - t0[3], threadCpu("QuantumRenderer") - t0[4]});
        };
        fx(() -> {
            SymbolsViewModel vm = view.viewModel();
            ChangeListener<Boolean> l = new ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean a, Boolean busy) {
                    if (!busy) {
                        vm.busyProperty().removeListener(this);
                        finish.accept(null);
                    }
                }
            };
            vm.busyProperty().addListener(l);
            t0[4] = threadCpu("QuantumRenderer");
            t0[3] = threadCpu("symbols-filter");
            t0[2] = OS.getProcessCpuTime();
            t0[1] = fxCpu();
            t0[0] = System.nanoTime();
            action.run();
            if (!vm.busyProperty().get()) { // synchronous (small list) or nothing changed
                vm.busyProperty().removeListener(l);
                finish.accept(null);
            }
            return null;
        });
        long[] r = done.get(60, TimeUnit.SECONDS);
        into.add(r[0], r[1]);
        into.procCpu.add(r[2] / 1e6);
        into.workerCpu.add(r[3] / 1e6);
        into.renderCpu.add(r[4] / 1e6);
    }
}
