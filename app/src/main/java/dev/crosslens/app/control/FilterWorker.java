package dev.crosslens.app.control;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one thread that filters and sorts large tables (symbols, relocation entries) off the FX thread. One thread,
 * so a table's requests run in order and a stale one can be dropped by a run counter before it starts.
 */
public final class FilterWorker {
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "table-filter");
        t.setDaemon(true);
        return t;
    });

    private FilterWorker() {
    }

    public static Executor executor() {
        return WORKER;
    }
}
