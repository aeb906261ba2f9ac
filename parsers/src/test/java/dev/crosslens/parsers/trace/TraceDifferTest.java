package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.TraceDiff;
import dev.crosslens.model.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trace diffs count processes as the statistics do: started programs, not threads, not the run's own start. */
class TraceDifferTest {
    @Test
    void processesAreStartedProgramsNotThreadsNorTheProgramItself() {
        // another build (probe-new) that starts a child; its threads are no processes
        List<TraceEvent> with = StraceParser.parseAll(TraceMapping.load(), "sandbox",
                Arrays.stream(StraceParserTest.THREADS_AND_CHILD).map(l -> l.replace("\"/tmp/run/probe\", [\"/tmp/run/probe\", \"probe\"]",
                        "\"/tmp/run/probe-new\", [\"/tmp/run/probe-new\", \"probe\"]")).toList());
        List<TraceEvent> without = StraceParser.parseAll(TraceMapping.load(), "sandbox", List.of(
                "200 10:00:00.000001 execve(\"/tmp/run/probe\", [\"/tmp/run/probe\", \"probe\"], 0x55 /* 2 vars */) = 0 <0.000100>",
                "200 10:00:00.000010 clone(child_stack=0xc000044000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS, tls=0xc000034090) = 201 <0.000040>",
                "201 10:00:00.000011 gettid() = 201 <0.000002>",
                "200 10:00:00.000073 +++ exited with 0 +++"));
        TraceDiff d = new TraceDiffer().diff(without, with);
        assertEquals(List.of("$RUN/probe"), d.processesAdded(), "the child the second run started");
        assertEquals(List.of(), d.processesGone(), "the runs' own programs are not started processes");
        TraceDiff same = new TraceDiffer().diff(without, without);
        assertTrue(same.processesAdded().isEmpty() && same.processesGone().isEmpty());
    }
}
