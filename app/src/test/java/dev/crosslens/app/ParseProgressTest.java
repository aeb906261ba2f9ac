package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseMonitor;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The engine reports coarse progress, and the loading bar follows it. */
@ExtendWith(ApplicationExtension.class)
class ParseProgressTest {
    record Call(String stage, long done, long total) {
    }

    @Start
    void start(Stage stage) {
        // the toolkit only: the load task publishes its progress through the FX thread
    }

    static List<Call> record(Path file) throws Exception {
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        ParseMonitor m = new ParseMonitor() {
            @Override
            public void progress(String stage, long done, long total) {
                calls.add(new Call(stage, done, total));
            }
        };
        Binaries.open(file, ParseOptions.defaults().withMonitor(m));
        return calls;
    }

    @Test
    void aGoElfReportsEveryStageInOrderAndTheSymbolLoop() throws Exception {
        Path file = Fixtures.file("go-cross", "linux-amd64");
        List<Call> calls = record(file);
        List<String> stages = calls.stream().map(Call::stage).distinct().toList();
        assertEquals("Detecting the format", stages.get(0));
        assertEquals("Parsing ELF", stages.get(1));
        for (String s : List.of("ELF sections", "ELF symbols", "ELF relocations", "Go analysis", "Go functions",
                "Demangling symbols", "Hashing")) {
            assertTrue(stages.contains(s), s + " in " + stages);
        }
        assertTrue(stages.indexOf("ELF symbols") < stages.indexOf("Go analysis"));
        assertTrue(stages.indexOf("Go analysis") < stages.indexOf("Hashing"));
        assertEquals(new Call("Parsed", 1, 1), calls.get(calls.size() - 1));
        assertTrue(calls.stream().allMatch(c -> c.done() >= 0 && c.done() <= c.total()), calls.toString());
        // inside the symbol loop, every 4096 entries
        long symbols = Binaries.open(file).image().core().symbols().size();
        long loopCalls = calls.stream().filter(c -> c.stage().equals("ELF symbols") && c.total() != 6).count();
        assertTrue(loopCalls >= 1 + (symbols - 1) / 4096, loopCalls + " calls for " + symbols + " symbols");
        long goCalls = calls.stream().filter(c -> c.stage().equals("Go functions")).count();
        assertTrue(goCalls >= 1);
    }

    @Test
    void theLoadTaskProgressMovesThroughTheStages() throws Exception {
        Path file = Fixtures.file("go-cross", "linux-arm64");
        BinaryLoadTask task = new BinaryLoadTask(file, ParseOptions.defaults());
        List<Double> seen = new CopyOnWriteArrayList<>();
        List<String> messages = new CopyOnWriteArrayList<>();
        fx(() -> {
            task.progressProperty().addListener((o, a, b) -> seen.add(b.doubleValue()));
            task.messageProperty().addListener((o, a, b) -> messages.add(b));
            return null;
        });
        Thread t = new Thread(task, "load");
        t.start();
        waitUntil(60, () -> task.isDone());
        t.join();
        waitUntil(5, () -> fx(() -> task.getValue() != null));
        long distinct = seen.stream().filter(v -> v > 0 && v < 1).distinct().count();
        assertTrue(distinct >= 2, "the bar moved between 0 and 1: " + seen);
        // Task.updateMessage coalesces on the FX thread, so which engine stages are seen depends on timing: some
        // must be, and so must the load task's own later steps
        List<String> engineStages = List.of("Detecting", "Parsing", "ELF", "Go", "Demangling", "Hashing");
        assertTrue(messages.stream().anyMatch(m -> engineStages.stream().anyMatch(m::startsWith)), messages.toString());
        assertTrue(messages.size() >= 2, messages.toString());
    }
}
