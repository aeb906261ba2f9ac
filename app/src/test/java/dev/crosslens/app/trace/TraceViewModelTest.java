package dev.crosslens.app.trace;

import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.sandbox.Sandbox;
import dev.crosslens.parsers.trace.StraceParser;
import dev.crosslens.parsers.trace.TraceMapping;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The view model without a window: batching, filters, statistics. */
class TraceViewModelTest {
    static List<TraceEvent> sample() {
        return StraceParser.parseAll(TraceMapping.load(), "probe", List.of(
                "10 00:00:00.000001 openat(AT_FDCWD, \"/tmp/run/probe-out.txt\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3",
                "10 00:00:00.000002 connect(3, {sa_family=AF_INET, sin_port=htons(4444), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)",
                "10 00:00:00.000003 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD) = 11",
                "11 00:00:00.000004 execve(\"/bin/true\", [\"true\"], 0x0 /* 0 vars */) = 0",
                "11 00:00:00.000005 +++ exited with 0 +++",
                "10 00:00:00.000006 getpid() = 10"));
    }

    @Test
    void drainMovesBatchesAndFiltersNarrowTheTable() {
        TraceViewModel vm = new TraceViewModel(new Sandbox(), Runnable::run);
        List<TraceEvent> es = sample();
        long seq = 0;
        for (TraceEvent e : es) vm.offer(e.withSeq(seq++));
        assertEquals(2, vm.drain(2));
        assertEquals(2, vm.events().size());
        assertEquals(4, vm.drain(100));
        assertEquals(0, vm.drain(100));
        assertEquals(6, vm.events().size());
        vm.filterTextProperty().set("4444");
        assertEquals(1, vm.visibleEvents().size());
        vm.filterTextProperty().set("");
        vm.minRiskProperty().set(RiskLevel.HIGH);
        assertEquals(List.of("connect"), vm.visibleEvents().stream().map(TraceEvent::name).toList());
        vm.minRiskProperty().set(RiskLevel.NONE);
        vm.categoryProperty().set(TraceCategory.PROCESS);
        assertTrue(vm.visibleEvents().stream().allMatch(e -> e.category() == TraceCategory.PROCESS));
        vm.categoryProperty().set(null);
        vm.errorsOnlyProperty().set(true);
        assertEquals(1, vm.visibleEvents().size());
        assertEquals(List.of("127.0.0.1:4444  (1)"), vm.endpoints());
        assertEquals(List.of("/bin/true"), vm.spawned());
        assertTrue(vm.files().contains("create  /tmp/run/probe-out.txt"), vm.files().toString());
        assertEquals(RiskLevel.HIGH, vm.maxRisk());
        TraceViewModel.ProcessRow child = vm.processes().stream().filter(p -> p.pid() == 11).findFirst().orElseThrow();
        assertEquals(10, child.parent());
        assertEquals("true", child.name());
    }

    /** One pulse's work is bounded in time too: with no budget left a drain stops at its first check. */
    @Test
    void drainStopsAtItsTimeBudget() {
        TraceViewModel vm = new TraceViewModel(new Sandbox(), Runnable::run);
        TraceEvent e = sample().get(5);
        for (int i = 0; i < 1000; i++) vm.offer(e.withSeq(i));
        assertEquals(1000, vm.queued());
        assertEquals(256, vm.drain(10_000, 0));
        assertEquals(744, vm.queued());
        assertEquals(744, vm.drain(10_000));
        assertEquals(0, vm.queued());
        assertEquals(java.util.Set.of(e.pid()), vm.timeline().lanes().keySet(), "the timeline follows the drain");
    }

    /** The timeline's bins: O(1) per event, the span doubles by merging buckets, categories are kept. */
    @Test
    void timelineBinsMergeAsTheRunGrows() {
        TimelineBins b = new TimelineBins();
        b.add(1, 0, TraceCategory.FILE);
        b.add(1, 1_000, TraceCategory.NETWORK);
        b.add(2, 10_000_000, TraceCategory.PROCESS);
        assertEquals(java.util.Set.of(1, 2), b.lanes().keySet());
        assertTrue(b.bucketWidth() * TimelineBins.BUCKETS > 10_000_000);
        int first = b.lanes().get(1)[0];
        assertTrue((first & (1 << TraceCategory.FILE.ordinal())) != 0 && (first & (1 << TraceCategory.NETWORK.ordinal())) != 0,
                "file and network folded into the first bucket");
        assertEquals(10_000_000, b.end());
    }
}
