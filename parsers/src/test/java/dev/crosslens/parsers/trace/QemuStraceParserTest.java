package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.EventKind;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lines in the shape qemu-aarch64-static 7.2 -strace -D LOG wrote for the probe. */
class QemuStraceParserTest {
    static List<TraceEvent> parse(String... lines) {
        List<TraceEvent> es = new ArrayList<>();
        QemuStraceParser p = new QemuStraceParser(TraceMapping.load(), SyscallTable.forArch("aarch64"), "probe",
                () -> 7, es::add);
        for (String l : lines) p.accept(l);
        p.finish();
        return es;
    }

    @Test
    void guestCallsErrnoNumbersInterleavingAndUnknownSyscalls() {
        List<TraceEvent> es = parse(
                "25332 openat(AT_FDCWD,\"probe-out.txt\",O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC,0644) = 3",
                "25332 connect(3,0x180ec,16) = -1 errno=115 (Operation now in progress)",
                "25332 nanosleep(274878209784,0,0,0,1000,10000000)25332 unlinkat(AT_FDCWD,\"probe-out.txt\",0) = 0",
                " = 0",
                "Unknown syscall 451");
        assertEquals("openat", es.get(0).name());
        assertEquals("CreateFileW(CREATE_ALWAYS/OPEN_ALWAYS)", es.get(0).windowsApi());
        assertEquals("EINPROGRESS", es.get(1).errno());
        assertTrue(es.get(1).note().contains("pointer"), "QEMU 7.2 does not decode connect's address: said so");
        assertEquals("unlinkat", es.get(2).name());
        assertEquals("0", es.get(2).result());
        // the cut nanosleep gets the bare result line that follows
        assertEquals("nanosleep", es.get(3).name());
        assertEquals("0", es.get(3).result());
        assertTrue(es.get(3).note().contains("matched by order"));
        assertEquals(TraceSource.EMULATOR, es.get(4).source());
        assertEquals("ENOSYS", es.get(4).errno());
        assertEquals(7, es.get(0).timeMicros());
    }

    @Test
    void resultLinesSignalsInsideLinesAndGuestExecAreEventsNotOutput() {
        List<TraceEvent> es = parse(
                "2505 nanosleep(274878209784,0,0,0,1000,20000)--- SIGURG {si_signo=SIGURG, si_code=SI_TKILL, si_pid=2505, si_uid=0} ---",
                "2505 rt_sigreturn(0,-1,257,-6,274877915552,8388608) = -1 errno=513 (Successful exit from sigreturn)",
                " = 0",
                "2505 bind(3,{sin_family=AF_INET,sin_port=htons(8080),sin_addr=inet_addr(\"127.0.0.1\")},16) = 0",
                "2505 bind(4,{sun_family=AF_UNIX,sun_path=\"/tmp/s\"},110) = 0",
                "2510 execve(\"/tmp/run/probe-linux-arm64\",{\"/tmp/run/probe-linux-arm64\",\"child\",NULL}) = -1 errno=8 (Exec format error)",
                "2505 exit_group(0)");
        TraceEvent sig = es.get(0);
        assertEquals(EventKind.SIGNAL, sig.kind());
        assertEquals("SIGURG", sig.name());
        assertEquals("rt_sigreturn", es.get(1).name());
        assertEquals("nanosleep", es.get(2).name());
        assertEquals("0", es.get(2).result());
        assertEquals("127.0.0.1:8080", TraceFacts.endpoint(es.get(3)));
        assertEquals("unix:/tmp/s", TraceFacts.endpoint(es.get(4)));
        TraceEvent exec = es.get(5);
        assertEquals("execve", exec.name());
        assertEquals("ENOEXEC", exec.errno());
        assertEquals(2510, exec.pid());
        assertEquals("/tmp/run/probe-linux-arm64", TraceFacts.startedProgram(exec));
        assertTrue(exec.note().contains("binfmt"), exec.note());
        TraceEvent exit = es.get(6);
        assertEquals("exit_group", exit.name());
        assertNull(exit.result(), "the process ended in it: no result");
    }

    @Test
    void syscallTablesCoverTheAskedArches() {
        assertEquals("openat", SyscallTable.forArch("x86_64").name(257));
        assertEquals("openat", SyscallTable.forArch("aarch64").name(56));
        assertEquals("openat", SyscallTable.forArch("riscv64").name(56));
        assertEquals("openat", SyscallTable.forArch("arm").name(322));
        assertEquals("openat", SyscallTable.forArch("i386").name(295));
        assertEquals("mmap", SyscallTable.forArch("aarch64").name(222));
        assertEquals("restart_syscall", SyscallTable.forArch("arm").name(0));
        assertEquals("ENOENT", SyscallTable.forArch("x86_64").errno(2));
        assertEquals("syscall_9999", SyscallTable.forArch("x86_64").name(9999));
    }
}
