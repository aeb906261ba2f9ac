package dev.crosslens.app.trace;

import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.sandbox.Sandbox;
import dev.crosslens.parsers.trace.StraceParser;
import dev.crosslens.parsers.trace.TraceMapping;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test): a real {@link TraceView} in a shown stage on the FX thread (Monocle headless, software
 * rendering), fed by a producer thread at {@code rate} events/s for {@code seconds} s after a 1 s warm-up, the way a
 * run feeds it (events into the view model's queue; the view drains it on its pulse). The events are strace lines of
 * a few processes and threads touching a few thousand files, so the statistics grow as in a real run.
 *
 * <p>Measured on the FX thread, per pulse: its work from the first animation timer to the end of CSS and layout
 * (the drain, list and table updates, the timeline, the statistics lists; a probe timer started before the view's
 * and a post-layout pulse listener), and the interval between pulses (which also holds the wait for the renderer).
 * Reported: p50/p99/max of both, the backlog left in the queue (max and at the end), how many events the table
 * holds. A pulse is 16.7 ms at 60 Hz. Run with the app test classpath and the headless properties, as
 * {@code ./bench trace} does: {@code java ... dev.crosslens.app.trace.LiveTraceBenchmark [events/s] [s] [search]}.
 */
public final class LiveTraceBenchmark {
    private LiveTraceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String filter = args.length > 2 ? args[2] : "";
        List<TraceEvent> pool = pool();
        TraceViewModel vm = new TraceViewModel(new Sandbox(), Runnable::run);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();

        List<long[]> pulses = new ArrayList<>(); // {start, end, backlog}
        AtomicBoolean measuring = new AtomicBoolean(false);
        long[] current = new long[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            // started before the view's own timer: it runs first in every pulse
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    current[0] = System.nanoTime();
                }
            }.start();
            TraceView view = new TraceView(vm);
            Stage stage = new Stage();
            Scene scene = new Scene(view, 1260, 780);
            scene.addPostLayoutPulseListener(() -> {
                if (measuring.get() && current[0] != 0) {
                    synchronized (pulses) {
                        pulses.add(new long[]{current[0], System.nanoTime(), vm.queued(), vm.lastDrainNanos()});
                    }
                }
                current[0] = 0;
            });
            stage.setScene(scene);
            stage.show();
            vm.filterTextProperty().set(filter);
            shown.countDown();
        });
        shown.await();

        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong produced = new AtomicLong();
        Thread producer = new Thread(() -> {
            long t0 = System.nanoTime();
            long seq = 0;
            while (producing.get()) {
                long due = (System.nanoTime() - t0) * rate / 1_000_000_000L;
                while (seq < due) {
                    TraceEvent e = pool.get((int) (seq % pool.size()));
                    vm.offer(e.withSeq(seq).withTime(seq * 1_000_000L / rate));
                    seq++;
                }
                produced.set(seq);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }, "producer");
        producer.setDaemon(true);
        producer.start();
        Thread.sleep(1000); // warm-up: JIT, first layout of the table
        measuring.set(true);
        long producedBefore = produced.get();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        long producedDuring = produced.get() - producedBefore;
        producing.set(false);
        producer.join();
        // let the view drain what is left, then read the table's size on the FX thread
        long drainStart = System.nanoTime();
        while (vm.queued() > 0 && System.nanoTime() - drainStart < TimeUnit.SECONDS.toNanos(60)) Thread.sleep(20);
        long drainMs = (System.nanoTime() - drainStart) / 1_000_000;
        long[] inTable = new long[1];
        CountDownLatch read = new CountDownLatch(1);
        Platform.runLater(() -> {
            inTable[0] = vm.visibleEvents().size();
            read.countDown();
        });
        read.await();

        List<long[]> ps;
        synchronized (pulses) {
            ps = new ArrayList<>(pulses);
        }
        long[] work = new long[ps.size()];
        long[] drains = new long[ps.size()];
        for (int i = 0; i < ps.size(); i++) drains[i] = ps.get(i)[3];
        long[] gap = new long[Math.max(0, ps.size() - 1)];
        long maxBacklog = 0;
        for (int i = 0; i < ps.size(); i++) {
            work[i] = ps.get(i)[1] - ps.get(i)[0];
            if (i > 0) gap[i - 1] = ps.get(i)[0] - ps.get(i - 1)[0];
            maxBacklog = Math.max(maxBacklog, ps.get(i)[2]);
        }
        long endBacklog = ps.isEmpty() ? 0 : ps.get(ps.size() - 1)[2];
        System.out.printf("%,d events/s for %d s into a shown TraceView (Monocle headless%s): %,d produced, %,d pulses "
                + "(%.1f/s)%n", rate, seconds, filter.isEmpty() ? "" : ", search \"" + filter + "\"", producedDuring,
                ps.size(), ps.size() / (double) seconds);
        System.out.println("FX thread work per pulse (timers + CSS + layout): " + stats(work));
        System.out.println("  of it moving events into the lists (drain):      " + stats(drains));
        System.out.println("interval between pulses:                          " + stats(gap));
        long over = Arrays.stream(work).filter(w -> w > 16_666_667L).count();
        System.out.printf("pulses over 16.7 ms of work: %d of %d; backlog: max %,d, at the end %,d (drained %d ms "
                + "after the producer stopped); table holds %,d events%n", over, work.length, maxBacklog, endBacklog,
                drainMs, inTable[0]);
        Platform.exit();
        System.exit(0);
    }

    private static String stats(long[] ns) {
        if (ns.length == 0) return "no pulses";
        long[] c = ns.clone();
        Arrays.sort(c);
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms, mean %.2f ms", c[c.length / 2] / 1e6,
                c[Math.min(c.length - 1, (int) (c.length * 0.99))] / 1e6, c[c.length - 1] / 1e6,
                Arrays.stream(c).average().orElse(0) / 1e6);
    }

    /** Strace lines of four processes with two threads each, over 4,000 files, connects, clones, execs. */
    static List<TraceEvent> pool() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int pid = 100 + (i % 4);
            lines.add(pid + " 10:00:00.000001 openat(AT_FDCWD</tmp/run>, \"/usr/lib/x86_64-linux-gnu/lib" + i
                    + ".so.1\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory) <0.000021>");
            lines.add(pid + " 10:00:00.000002 read(3</usr/lib/libc.so.6>, \"\\177ELF\", 832) = 832 <0.000008>");
            lines.add(pid + " 10:00:00.000003 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) "
                    + "= 0x7f25a2c1d000 <0.000017>");
            if (i % 50 == 0) {
                lines.add(pid + " 10:00:00.000004 connect(5<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(" + (9 + i % 7)
                        + "), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused) <0.000040>");
            }
            lines.add(pid + " 10:00:00.000005 futex(0xc000080148, FUTEX_WAKE_PRIVATE, 1) = 1 <0.000012>");
            lines.add(pid + " 10:00:00.000006 openat(AT_FDCWD</tmp/run>, \"out" + (i % 100) + ".txt\", "
                    + "O_WRONLY|O_CREAT|O_TRUNC, 0644) = 4</tmp/run/out.txt> <0.000030>");
        }
        return StraceParser.parseAll(TraceMapping.load(), "bench", lines);
    }
}
