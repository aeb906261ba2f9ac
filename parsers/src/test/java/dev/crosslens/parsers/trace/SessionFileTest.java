package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.OutputChunk;
import dev.crosslens.model.trace.RunLimits;
import dev.crosslens.model.trace.SessionFooter;
import dev.crosslens.model.trace.SessionHeader;
import dev.crosslens.model.trace.TraceDiff;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionFileTest {
    @TempDir
    Path tmp;

    static SessionHeader header() {
        return new SessionHeader(SessionHeader.SCHEMA, SessionHeader.VERSION, "/bin/x", "ab".repeat(32), "native",
                Map.of("strace", "strace -- version 6.1"), List.of("a"), Map.of("PATH", "/usr/bin"),
                RunLimits.defaults(), List.of("file"), true, 1_700_000_000_000L, "test");
    }

    static List<TraceEvent> events(String... lines) {
        return StraceParser.parseAll(TraceMapping.load(), "x", Arrays.asList(lines));
    }

    Path write(List<TraceEvent> es, boolean footer) throws IOException {
        Path f = tmp.resolve("s" + System.nanoTime() + ".jsonl");
        try (TraceSessionWriter w = TraceSessionWriter.create(f, header())) {
            long seq = 0;
            for (TraceEvent e : es) w.event(e.withSeq(seq++));
            w.output(new OutputChunk(OutputChunk.Stream.STDOUT, 5, "hello\n"));
            if (footer) w.footer(new SessionFooter(1_700_000_001_000L, 0, null, false, false, es.size(), 0, 0, "exited with 0"));
        }
        return f;
    }

    @Test
    void roundTrip() throws IOException {
        List<TraceEvent> es = events("1 00:00:00.1 openat(AT_FDCWD, \"a\", O_RDONLY) = 3 <0.000001>",
                "1 00:00:00.2 connect(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0");
        TraceSession s = new TraceSessionReader().read(write(es, true));
        assertTrue(s.complete());
        assertEquals(header(), s.header());
        assertEquals(2, s.events().size());
        assertEquals(es.get(1).withSeq(1), s.events().get(1));
        assertEquals("hello\n", s.text(OutputChunk.Stream.STDOUT));
        assertEquals(0, s.footer().exitCode());
    }

    @Test
    void truncatedFileOpensWithWhatItHoldsAndSaysWhereItBroke() throws IOException {
        List<TraceEvent> es = events("1 00:00:00.1 openat(AT_FDCWD, \"a\", O_RDONLY) = 3",
                "1 00:00:00.2 openat(AT_FDCWD, \"b\", O_RDONLY) = 4", "1 00:00:00.3 openat(AT_FDCWD, \"c\", O_RDONLY) = 5");
        byte[] all = Files.readAllBytes(write(es, true));
        String text = new String(all, StandardCharsets.UTF_8);
        int thirdEventLine = 0; // start of line 4: header, event a, event b come before it
        for (int k = 0; k < 3; k++) thirdEventLine = text.indexOf('\n', thirdEventLine) + 1;
        Path cut = tmp.resolve("cut.jsonl");
        Files.write(cut, Arrays.copyOf(all, thirdEventLine + 25));
        TraceSession s = new TraceSessionReader().read(cut);
        assertFalse(s.complete());
        assertNull(s.footer());
        assertEquals(2, s.events().size());
        assertNotNull(s.brokenAt());
        assertEquals(4, s.brokenAt().line());
        assertEquals(thirdEventLine, s.brokenAt().byteOffset());
        assertTrue(s.brokenAt().reason().contains("cut"), s.brokenAt().reason());

        // cut exactly at a line end: everything readable, no footer
        Path clean = tmp.resolve("clean.jsonl");
        Files.write(clean, Arrays.copyOf(all, thirdEventLine));
        TraceSession c = new TraceSessionReader().read(clean);
        assertEquals(2, c.events().size());
        assertEquals(4, c.brokenAt().line());
        assertTrue(c.brokenAt().reason().contains("without a footer"));

        Path garbage = tmp.resolve("garbage.jsonl");
        Files.writeString(garbage, "not json\n");
        assertThrows(IOException.class, () -> new TraceSessionReader().read(garbage));
    }

    @Test
    void diffFindsWhatChanged() {
        List<TraceEvent> a = events("1 00:00:00.1 openat(AT_FDCWD, \"/tmp/run/conf\", O_RDONLY) = 3",
                "1 00:00:00.2 connect(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
                "1 00:00:00.3 execve(\"/bin/sh\", [\"sh\"], 0x0 /* 0 vars */) = 0");
        List<TraceEvent> b = events("7 00:00:00.1 openat(AT_FDCWD, \"/tmp/run/conf\", O_RDONLY) = 9",
                "7 00:00:00.2 openat(AT_FDCWD, \"/tmp/run/new\", O_WRONLY|O_CREAT, 0644) = 4",
                "7 00:00:00.3 connect(3, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
                "7 00:00:00.4 execve(\"/bin/sh\", [\"sh\"], 0x0 /* 0 vars */) = 0");
        TraceDiff d = new TraceDiffer().diff(a, b);
        assertEquals(List.of("$RUN/new"), d.filesAdded());
        assertEquals(List.of(), d.filesGone());
        assertEquals(List.of("127.0.0.1:443"), d.endpointsAdded());
        assertEquals(List.of("127.0.0.1:80"), d.endpointsGone());
        assertEquals(List.of(), d.processesAdded());
        List<TraceDiff.Op> ops = d.alignment().stream().map(TraceDiff.Step::op).toList();
        assertEquals(List.of(TraceDiff.Op.SAME, TraceDiff.Op.ADDED, TraceDiff.Op.ADDED, TraceDiff.Op.REMOVED,
                TraceDiff.Op.SAME), ops.stream().sorted((x, y) -> 0).toList());
        assertFalse(d.identical());
        assertTrue(new TraceDiffer().diff(a, a).identical());
        TraceDiff bounded = new TraceDiffer(0).diff(a, b);
        assertTrue(bounded.alignmentBounded());
    }
}
