package dev.crosslens.app.cli;

import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.trace.StraceParser;
import dev.crosslens.parsers.trace.TraceMapping;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What "notable" means in run and trace show: risky acts and failures that matter, and a count of the rest. */
class TraceTextTest {
    static TraceEvent one(String origin, String line) {
        return StraceParser.parseAll(TraceMapping.load(), origin, List.of(line)).get(0);
    }

    @Test
    void routineFailuresAndLowRiskActsAreNotNotable() {
        assertThat(TraceText.notable(one("x.exe", "1 00:00:00.1 readlink(\"/tmp/run/prefix/dosdevices/z:/tmp\", 0x7ffc, 4096) = -1 EINVAL (Invalid argument)"))).isFalse();
        assertThat(TraceText.notable(one("x.exe", "1 00:00:00.1 newfstatat(AT_FDCWD, \"/usr/lib/wine/x.dll\", 0x1, 0) = -1 ENOENT (No such file or directory)"))).isFalse();
        assertThat(TraceText.notable(one("p", "1 00:00:00.1 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3"))).isFalse();
        assertThat(TraceText.notable(one("p", "1 00:00:00.1 epoll_ctl(4, EPOLL_CTL_ADD, 3, {}) = -1 EPERM (Operation not permitted)"))).isFalse();
        assertThat(TraceText.notable(one("wineserver64", "1 00:00:00.1 openat(AT_FDCWD</tmp/run/prefix>, \"system.reg\", O_WRONLY) = -1 EACCES (Permission denied)"))).isFalse();
        // Wine's loader looking for its preloader, as a Wine run attributes it
        java.util.List<TraceEvent> out = new java.util.ArrayList<>();
        dev.crosslens.parsers.trace.WineLoaderAttribution w = new dev.crosslens.parsers.trace.WineLoaderAttribution(out::add);
        w.accept(one("x.exe", "1 00:00:00.1 execve(\"/usr/lib/wine/wine64-preloader\", [\"/usr/lib/wine/wine64-preloader\"], 0x1 /* 1 vars */) = -1 ENOENT (No such file or directory)"));
        w.finish();
        assertThat(TraceText.notable(out.get(0))).isFalse();
    }

    @Test
    void riskyActsAndFailuresThatMatterAreNotable() {
        assertThat(TraceText.notable(one("p", "1 00:00:00.1 connect(3<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)"))).isTrue();
        assertThat(TraceText.notable(one("p", "1 00:00:00.1 openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY) = -1 EACCES (Permission denied)"))).isTrue();
        assertThat(TraceText.notable(one("p", "1 00:00:00.1 execve(\"/usr/bin/helper\", [\"helper\"], 0x1 /* 1 vars */) = -1 ENOENT (No such file or directory)"))).isTrue();
        assertThat(TraceText.notable(one("p", "1 00:00:00.1 openat(AT_FDCWD, \"out.txt\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3"))).isTrue();
    }

    @Test
    void whatIsLeftOutIsCounted() {
        TraceText.Shown shown = new TraceText.Shown();
        shown.offer(one("p", "1 00:00:00.1 getpid() = 1"), false);
        shown.offer(one("p", "1 00:00:00.1 openat(AT_FDCWD, \"out.txt\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3"), false);
        StringWriter w = new StringWriter();
        shown.report(new PrintWriter(w, true), "--all");
        assertThat(w.toString()).contains("(1 of 2 events not shown").contains("--all prints every event");
    }
}
