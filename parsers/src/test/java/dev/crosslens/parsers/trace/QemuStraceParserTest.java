package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lines in the shape qemu-aarch64-static 7.2 -strace printed for the probe. */
class QemuStraceParserTest {
    @Test
    void guestCallsErrnoNumbersInterleavingAndUnknownSyscalls() {
        List<TraceEvent> es = new ArrayList<>();
        SyscallTable arm64 = SyscallTable.forArch("aarch64");
        QemuStraceParser p = new QemuStraceParser(TraceMapping.load(), arm64, "probe", () -> 7, es::add);
        p.accept("25332 openat(AT_FDCWD,\"probe-out.txt\",O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC,0644) = 3");
        p.accept("25332 connect(3,0x180ec,16) = -1 errno=115 (Operation now in progress)");
        p.accept("25332 nanosleep(274878209784,0,0,0,1000,10000000)25332 unlinkat(AT_FDCWD,\"probe-out.txt\",0) = 0");
        p.accept("Unknown syscall 451");
        assertEquals("openat", es.get(0).name());
        assertEquals("CreateFileW(CREATE_ALWAYS/OPEN_ALWAYS)", es.get(0).windowsApi());
        assertEquals("EINPROGRESS", es.get(1).errno());
        assertEquals("nanosleep", es.get(2).name());
        assertTrue(es.get(2).note().contains("cut"));
        assertEquals("unlinkat", es.get(3).name());
        assertEquals("0", es.get(3).result());
        assertEquals(TraceSource.EMULATOR, es.get(4).source());
        assertEquals("ENOSYS", es.get(4).errno());
        assertEquals(7, es.get(0).timeMicros());
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
