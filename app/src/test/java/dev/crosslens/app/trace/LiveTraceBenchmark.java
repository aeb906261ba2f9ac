package dev.crosslens.app.trace;

import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.sandbox.Sandbox;
import dev.crosslens.parsers.trace.StraceParser;
import dev.crosslens.parsers.trace.TraceMapping;
import javafx.collections.ListChangeListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test): a producer thread feeds 50,000 events/s into the live view model's queue for 10 s while
 * this thread drains it every 16.7 ms (a 60 Hz pulse) with {@link TraceView#BATCH}, with a search filter and a
 * listener on the filtered list as the table has. Prints the drain cost per pulse (mean, p50, p99, max) and the backlog.
 * Run with the app test classpath: {@code java -cp ... dev.crosslens.app.trace.LiveTraceBenchmark [events/s] [s]}.
 */
public final class LiveTraceBenchmark {
    private LiveTraceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<TraceEvent> pool = StraceParser.parseAll(TraceMapping.load(), "bench", List.of(
                "5 10:00:00.000001 openat(AT_FDCWD</tmp/run>, \"/usr/lib/libc.so.6\", O_RDONLY|O_CLOEXEC) = 3</usr/lib/libc.so.6> <0.000021>",
                "5 10:00:00.000002 read(3</usr/lib/libc.so.6>, \"\\177ELF\", 832) = 832 <0.000008>",
                "6 10:00:00.000003 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f25a2c1d000 <0.000017>",
                "6 10:00:00.000004 connect(5, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused) <0.000040>",
                "7 10:00:00.000005 futex(0xc000080148, FUTEX_WAKE_PRIVATE, 1) = 1 <0.000012>",
                "7 10:00:00.000006 openat(AT_FDCWD</tmp/run>, \"out.txt\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 4</tmp/run/out.txt> <0.000030>"));
        TraceViewModel vm = new TraceViewModel(new Sandbox(), Runnable::run);
        vm.filterTextProperty().set("tmp/run");
        // the table listens to the filtered list (TraceView sets it as the table's items)
        AtomicLong seen = new AtomicLong();
        vm.visibleEvents().addListener((ListChangeListener<TraceEvent>) c -> seen.incrementAndGet());
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
        producer.start();
        List<Long> costs = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int maxBacklog = 0;
        while (System.nanoTime() < end) {
            long next = System.nanoTime() + 16_666_667L;
            maxBacklog = Math.max(maxBacklog, vm.queued());
            vm.drain(TraceView.BATCH);
            costs.add(vm.lastDrainNanos());
            long sleep = next - System.nanoTime();
            if (sleep > 0) Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
        producing.set(false);
        producer.join();
        long[] c = costs.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(c);
        double mean = Arrays.stream(c).average().orElse(0) / 1e6;
        System.out.printf("%d events/s for %d s: %,d produced, %,d in the model, %,d visible after filter, %d pulses%n",
                rate, seconds, produced.get(), vm.events().size(), vm.visibleEvents().size(), c.length);
        System.out.printf("drain per pulse: mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms; max backlog %,d; "
                        + "~%,d events per pulse%n", mean, c[c.length / 2] / 1e6, c[(int) (c.length * 0.99)] / 1e6,
                c[c.length - 1] / 1e6, maxBacklog, rate / 60);
    }
}
