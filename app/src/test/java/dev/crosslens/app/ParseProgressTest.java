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
    void theStagesOfARealParseMakeOneBarThatOnlyMovesForward() throws Exception {
        List<Call> calls = record(Fixtures.file("go-cross", "linux-arm64"));
        StagedProgress bar = new StagedProgress();
        List<Double> values = new ArrayList<>();
        for (Call c : calls) values.add(bar.report(c.stage(), c.done(), c.total()));
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i) >= values.get(i - 1), "went back at " + calls.get(i) + ": " + values);
        }
        long inside = values.stream().filter(v -> v > 0 && v < StagedProgress.ENGINE_END).distinct().count();
        assertTrue(inside >= 6, inside + " distinct positions: " + values);
        assertTrue(values.get(values.size() - 1) <= StagedProgress.ENGINE_END);
        // the first stage to run a long loop moves the bar inside its own share, not past the next stage's start
        double beforeGo = values.get(calls.indexOf(calls.stream().filter(c -> c.stage().equals("Go analysis"))
                .findFirst().orElseThrow()) - 1);
        assertTrue(beforeGo > 0.3, "the ELF stages took " + beforeGo);
        assertEquals(0.95, bar.advanceTo(0.95));
        assertEquals(0.95, bar.report("late stage", 0, 10), "a later report cannot pull the bar back");
    }

    @Test
    void theLoadTaskEndsFullAndItsBarNeverGoesBack() throws Exception {
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
        waitUntil(5, () -> fx(() -> task.getValue() != null && task.getProgress() == 1.0
                && "Loaded".equals(task.getMessage())));
        // the FX thread sees a coalesced subset of the updates, whichever it sees must never go back
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "the bar went back: " + seen);
        }
        assertEquals(1.0, seen.get(seen.size() - 1));
        assertEquals("Loaded", messages.get(messages.size() - 1));
        assertTrue(fx(() -> task.getValue().failure() == null));
    }
}
