package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.EventKind;
import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StraceParserTest {
    static final TraceMapping MAP = TraceMapping.load();

    static List<TraceEvent> parse(String... lines) {
        return StraceParser.parseAll(MAP, "prog", List.of(lines));
    }

    @Test
    void plainCallWithErrnoAndDuration() {
        TraceEvent e = parse("5     03:49:25.815770 openat(AT_FDCWD</tmp/run>, \"/lib/x.so\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory) <0.000022>").get(0);
        assertEquals(5, e.pid());
        assertEquals("openat", e.name());
        assertEquals(List.of("AT_FDCWD</tmp/run>", "\"/lib/x.so\"", "O_RDONLY|O_CLOEXEC"), e.arguments());
        assertEquals("-1", e.result());
        assertEquals("ENOENT", e.errno());
        assertEquals(22L, e.durationMicros());
        assertEquals(TraceCategory.FILE, e.category());
        assertEquals("/lib/x.so", TraceFacts.path(e));
    }

    @Test
    void unfinishedAndResumedArePairedPerPid() {
        List<TraceEvent> es = parse(
                "11    03:49:26.261957 execve(\"/usr/lib/wine/wine64\", [\"wine64\", \"a.exe\"], 0x95c8ae30 /* 10 vars */ <unfinished ...>",
                "12    03:49:26.262000 getpid() = 12 <0.000003>",
                "11    03:49:26.262400 <... execve resumed>) = 0 <0.000231>");
        assertEquals(2, es.size());
        assertEquals("getpid", es.get(0).name());
        TraceEvent ex = es.get(1);
        assertEquals("execve", ex.name());
        assertEquals("0", ex.result());
        assertEquals(231L, ex.durationMicros());
        assertEquals(3, ex.arguments().size());
        assertEquals("CreateProcessW", ex.windowsApi());
        assertEquals("a.exe", TraceFacts.startedProgram(ex));
        assertTrue(ex.raw().contains("resumed"));
    }

    @Test
    void signalsExitsAndKills() {
        List<TraceEvent> es = parse(
                "7 10:00:00.000001 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=8, si_status=0} ---",
                "8 10:00:00.000002 +++ exited with 3 +++",
                "9 10:00:00.000003 +++ killed by SIGKILL +++");
        assertEquals(EventKind.SIGNAL, es.get(0).kind());
        assertEquals("SIGCHLD", es.get(0).name());
        assertEquals(EventKind.EXITED, es.get(1).kind());
        assertEquals("3", es.get(1).result());
        assertEquals(EventKind.KILLED, es.get(2).kind());
        assertEquals("SIGKILL", es.get(2).result());
        assertEquals(2, es.get(2).timeMicros());
    }

    @Test
    void unfinishedCallOfAKilledProcessIsKept() {
        List<TraceEvent> es = parse("4 10:00:00.5 nanosleep({tv_sec=3600, tv_nsec=0},  <unfinished ...>",
                "4 10:00:01.5 +++ killed by SIGKILL +++");
        assertEquals("nanosleep", es.get(0).name());
        assertEquals("?", es.get(0).result());
        assertEquals(1_000_000, es.get(1).timeMicros());
    }

    @Test
    void rwxMappingIsCriticalAndConnectIsHigh() {
        TraceEvent m = parse("1 00:00:00.1 mmap(NULL, 4096, PROT_READ|PROT_WRITE|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000000000 <0.000010>").get(0);
        assertEquals(RiskLevel.CRITICAL, m.risk());
        assertTrue(m.windowsApi().contains("VirtualAlloc"));
        TraceEvent c = parse("1 00:00:00.1 connect(3<TCP:[1234]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused) <0.000040>").get(0);
        assertEquals(RiskLevel.HIGH, c.risk());
        assertEquals("127.0.0.1:8080", TraceFacts.endpoint(c));
        TraceEvent u = parse("1 00:00:00.1 connect(3<UNIX-STREAM:[18443]>, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 ENOENT (No such file or directory)").get(0);
        assertEquals("unix:/var/run/nscd/socket", TraceFacts.endpoint(u));
        TraceEvent reg = parse("7 00:00:00.1 openat(AT_FDCWD, \"/tmp/run/prefix/system.reg\", O_RDONLY) = 5</tmp/run/prefix/system.reg>").get(0);
        assertEquals(TraceCategory.REGISTRY, reg.category());
        assertTrue(reg.windowsApi().startsWith("RegOpenKeyEx"));
        TraceEvent cr = parse("7 00:00:00.1 openat(AT_FDCWD, \"out.txt\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3</tmp/run/out.txt>").get(0);
        assertEquals("CreateFileW(CREATE_ALWAYS/OPEN_ALWAYS)", cr.windowsApi());
        TraceEvent ul = parse("7 00:00:00.1 unlinkat(AT_FDCWD, \"out.txt\", 0) = 0").get(0);
        assertEquals("DeleteFileW / RemoveDirectoryW", ul.windowsApi());
    }

    @Test
    void linesWithoutPidColumnAndUnreadableLines() {
        List<TraceEvent> es = new java.util.ArrayList<>();
        StraceParser p = new StraceParser(MAP, "x", es::add);
        p.accept("12:00:00.000001 close(3) = 0");
        p.accept("this is not strace");
        assertEquals(1, es.size());
        assertEquals("close", es.get(0).name());
        assertEquals(1, p.unreadLines());
    }

    @Test
    void argsSplitRespectsQuotesAndBrackets() {
        assertEquals(List.of("\"a,b\"", "[1, 2]", "{x=1, y=\"}\"}", "f(1, 2)"),
                TraceArgs.split("\"a,b\", [1, 2], {x=1, y=\"}\"}, f(1, 2)"));
        assertEquals("a\"b\n", TraceArgs.firstQuoted("\"a\\\"b\\n\""));
        assertNull(TraceArgs.firstQuoted("nothing"));
    }

    @Test
    void childProcessesInheritTheirParentsOriginUntilTheyExec() {
        List<TraceEvent> es = parse("1 00:00:00.1 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD) = 2",
                "2 00:00:00.2 getpid() = 2",
                "2 00:00:00.3 execve(\"/bin/ls\", [\"ls\"], 0x0 /* 0 vars */) = 0",
                "2 00:00:00.4 getpid() = 2");
        assertEquals("prog", es.get(1).origin());
        assertEquals("ls", es.get(3).origin());
        TraceStatistics st = new TraceStatistics();
        st.addAll(es);
        assertEquals(1, st.processes().get(2).parent());
        assertEquals("ls", st.processes().get(2).name());
        assertEquals(List.of("/bin/ls"), st.spawned());
    }

    /** strace -f --decode-pids=pidns of a Go program in a PID namespace: 4 threads, a vfork child that execs. */
    static final String[] THREADS_AND_CHILD = {
            "100 10:00:00.000001 execve(\"/tmp/run/probe\", [\"/tmp/run/probe\", \"probe\"], 0x55 /* 2 vars */) = 0 <0.000100>",
            "100 10:00:00.000010 clone(child_stack=0xc000044000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS <unfinished ...>",
            "101 10:00:00.000011 gettid( <unfinished ...>",
            "100 10:00:00.000012 <... clone resumed>, tls=0xc000034090) = 3 /* 101 in strace's PID NS */ <0.000040>",
            "101 10:00:00.000013 <... gettid resumed>) = 3 /* 101 in strace's PID NS */ <0.000002>",
            "100 10:00:00.000020 clone(child_stack=0xc000046000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS, tls=0xc000034490) = 4 /* 102 in strace's PID NS */ <0.000046>",
            "102 10:00:00.000021 futex(0xc000080148, FUTEX_WAIT_PRIVATE, 0, NULL <unfinished ...>",
            "101 10:00:00.000030 clone(child_stack=NULL, flags=CLONE_VM|CLONE_VFORK|SIGCHLD <unfinished ...>",
            "103 10:00:00.000031 dup2(5, 1) = 1 <0.000002>",
            "103 10:00:00.000032 execve(\"/tmp/run/probe\", [\"/tmp/run/probe\", \"child\"], 0xc000098030 /* 2 vars */ <unfinished ...>",
            "101 10:00:00.000040 <... clone resumed>) = 7 /* 103 in strace's PID NS */ <0.001147>",
            "103 10:00:00.000041 <... execve resumed>) = 0 <0.000243>",
            "103 10:00:00.000050 clone(child_stack=0xc000042000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS, tls=0xc000032090) = 8 /* 104 in strace's PID NS */ <0.000025>",
            "104 10:00:00.000051 write(1, \"child: hello\\n\", 13) = 13 <0.000010>",
            "104 10:00:00.000060 +++ exited with 3 +++",
            "103 10:00:00.000061 +++ exited with 3 +++",
            "102 10:00:00.000070 <... futex resumed>) = 0 <0.000049>",
            "102 10:00:00.000071 +++ exited with 0 +++",
            "101 10:00:00.000072 +++ exited with 0 +++",
            "100 10:00:00.000073 +++ exited with 0 +++"};

    @Test
    void threadsBelongToTheirProcessAndChildrenAreProcesses() {
        List<TraceEvent> es = parse(THREADS_AND_CHILD);
        java.util.Set<Integer> pids = new java.util.TreeSet<>();
        for (TraceEvent e : es) pids.add(e.pid());
        assertEquals(java.util.Set.of(100, 103), pids, "two processes, whatever their threads");
        TraceEvent gettid = es.stream().filter(e -> e.name().equals("gettid")).findFirst().orElseThrow();
        assertEquals(100, gettid.pid());
        assertEquals(101, gettid.tid());
        TraceEvent vfork = es.stream().filter(e -> e.name().equals("clone") && e.argument(1).contains("VFORK"))
                .findFirst().orElseThrow();
        assertEquals("103", vfork.result(), "the child's pid as the pid column prints it");
        // the child's lines printed before its vfork returned come after the vfork, with the child's process
        int at = es.indexOf(vfork);
        TraceEvent dup2 = es.stream().filter(e -> e.name().equals("dup2")).findFirst().orElseThrow();
        assertTrue(es.indexOf(dup2) > at);
        assertEquals(103, dup2.pid());
        assertEquals(vfork.origin(), dup2.origin(), "before its exec the child runs the parent's program");
        TraceEvent write = es.stream().filter(e -> e.name().equals("write")).findFirst().orElseThrow();
        assertEquals(103, write.pid());
        assertEquals(104, write.tid());
        assertEquals("probe", write.origin());

        TraceStatistics st = new TraceStatistics();
        st.addAll(es);
        assertEquals(java.util.Set.of(100, 103), st.processes().keySet());
        assertEquals(100, st.processes().get(103).parent());
        assertEquals(List.of("/tmp/run/probe"), st.spawned(), "the child; not the program's own start");
    }
}
