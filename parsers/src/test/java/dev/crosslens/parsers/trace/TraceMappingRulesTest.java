package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Risk that depends on the arguments (address family, signal) and on whose call it is (wineserver's). */
class TraceMappingRulesTest {
    static TraceEvent one(String origin, String line) {
        return StraceParser.parseAll(TraceMapping.load(), origin, List.of(line)).get(0);
    }

    @Test
    void connectDependsOnTheAddressFamily() {
        TraceEvent inet = one("p", "1 00:00:00.1 connect(3<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)");
        assertEquals(RiskLevel.HIGH, inet.risk());
        TraceEvent inet6 = one("p", "1 00:00:00.1 connect(3<TCPv6:[1]>, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0");
        assertEquals(RiskLevel.HIGH, inet6.risk());
        TraceEvent nscd = one("p", "1 00:00:00.1 connect(3<UNIX-STREAM:[18443]>, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 ENOENT (No such file or directory)");
        assertEquals(RiskLevel.LOW, nscd.risk());
        assertTrue(nscd.riskReason().contains("local socket"), nscd.riskReason());
        TraceEvent wine = one("app.exe", "1 00:00:00.1 connect(4<UNIX-STREAM:[232693]>, {sa_family=AF_UNIX, sun_path=\"socket\"}, 9) = 0");
        assertEquals(RiskLevel.NONE, wine.risk(), "Wine's client connecting to its wineserver");
        TraceEvent netlink = one("p", "1 00:00:00.1 connect(5<NETLINK:[9]>, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 0");
        assertEquals(RiskLevel.NONE, netlink.risk());
        TraceEvent srv = one("wineserver64", "1 00:00:00.1 connect(222<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 EINPROGRESS (Operation now in progress)");
        assertEquals(RiskLevel.HIGH, srv.risk(), "wineserver connects the program's socket: the program's act");
        assertTrue(srv.riskReason().contains("wineserver"));
    }

    @Test
    void listenAcceptAndSendDependOnTheSocket() {
        assertEquals(RiskLevel.HIGH, one("p", "1 00:00:00.1 listen(3<TCP:[0.0.0.0:80]>, 5) = 0").risk());
        assertEquals(RiskLevel.NONE, one("wineserver64", "1 00:00:00.1 listen(7<UNIX-STREAM:[231144,\"socket\"]>, 5) = 0").risk());
        assertEquals(RiskLevel.NONE, one("wineserver64", "1 00:00:00.1 accept(7<UNIX-STREAM:[231144,\"socket\"]>, {sa_family=AF_UNIX, sun_path=@\"adb17\"}, [110 => 8]) = 20<UNIX-STREAM:[2]>").risk());
        assertEquals(RiskLevel.LOW, one("p", "1 00:00:00.1 accept(7<UNIX-STREAM:[1]>, NULL, NULL) = 8<UNIX-STREAM:[2]>").risk());
        assertEquals(RiskLevel.NONE, one("p", "1 00:00:00.1 sendmsg(4<UNIX-STREAM:[1->2]>, {msg_name=NULL, msg_namelen=0}, 0) = 64").risk());
        assertEquals(RiskLevel.MEDIUM, one("p", "1 00:00:00.1 sendto(3<UDP:[1]>, \"x\", 1, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"8.8.8.8\")}, 16) = 1").risk());
        assertEquals(RiskLevel.LOW, one("p", "1 00:00:00.1 bind(3<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"0.0.0.0\")}, 16) = 0").risk());
        assertEquals(RiskLevel.MEDIUM, one("p", "1 00:00:00.1 bind(3<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"0.0.0.0\")}, 16) = 0").risk());
    }

    @Test
    void killWithSignalZeroIsALivenessCheck() {
        TraceEvent probe = one("wineserver64", "1 00:00:00.1 kill(24, 0) = -1 ESRCH (No such process)");
        assertEquals(RiskLevel.NONE, probe.risk());
        assertTrue(probe.windowsApi().startsWith("GetExitCodeProcess"), probe.windowsApi());
        TraceEvent term = one("p", "1 00:00:00.1 kill(72, SIGKILL) = 0");
        assertEquals("TerminateProcess", term.windowsApi());
        assertEquals(RiskLevel.LOW, term.risk());
        TraceEvent usr = one("p", "1 00:00:00.1 kill(72, SIGUSR1) = 0");
        assertEquals(null, usr.windowsApi());
        assertEquals(RiskLevel.NONE, one("wineserver64", "1 00:00:00.1 kill(72, SIGKILL) = 0").risk(),
                "wineserver ending Wine's processes");
    }

    @Test
    void wineserversOwnWorkIsNotTheProgramsRisk() {
        TraceEvent pt = one("wineserver64", "1 00:00:00.1 ptrace(PTRACE_ATTACH, 85) = -1 EPERM (Operation not permitted)");
        assertEquals(RiskLevel.LOW, pt.risk());
        assertTrue(pt.riskReason().startsWith("wineserver attaches"), pt.riskReason());
        assertEquals(RiskLevel.HIGH, one("p", "1 00:00:00.1 ptrace(PTRACE_ATTACH, 85) = 0").risk());
        assertEquals(RiskLevel.NONE, one("wineserver64", "1 00:00:00.1 openat(AT_FDCWD</tmp/run/prefix>, \"reg30000.tmp\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 5").risk());
        assertEquals(RiskLevel.NONE, one("wineserver64", "1 00:00:00.1 openat(AT_FDCWD</tmp/wine-Ko51GT/server-fe00-20c04f>, \"lock\", O_WRONLY|O_CREAT|O_TRUNC) = 6").risk());
        TraceEvent forProgram = one("wineserver64", "1 00:00:00.1 openat(AT_FDCWD</tmp/wine-Ko51GT/server-fe00-20c04f>, \"/tmp/run/prefix/dosdevices/z:/tmp/run/probe-out.txt\", O_RDWR|O_CREAT|O_NONBLOCK, 0666) = 222</tmp/run/probe-out.txt>");
        assertEquals(RiskLevel.MEDIUM, forProgram.risk(), "a file wineserver creates for the program");
        TraceEvent inC = one("wineserver64", "1 00:00:00.1 openat(AT_FDCWD</x>, \"/tmp/run/prefix/drive_c/users/x.txt\", O_RDWR|O_CREAT, 0666) = 5");
        assertEquals(RiskLevel.MEDIUM, inC.risk(), "the program's files on C: are the program's");
    }

    /** The loader's image mappings are low with the reason; an RWX block no image follows stays critical. */
    @Test
    void wineLoaderMappingsAreToldFromTheProgramsOwnRwx() {
        List<String> lines = List.of(
                "9 00:00:00.001 mmap(0x7b600000, 1658880, PROT_READ|PROT_WRITE|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE, -1, 0) = 0x7b600000",
                "9 00:00:00.002 newfstatat(7</usr/lib/x86_64-linux-gnu/wine/x86_64-windows/kernel32.dll>, \"\", {st_mode=S_IFREG|0644, st_size=2148419, ...}, AT_EMPTY_PATH) = 0",
                "9 00:00:00.003 mmap(0x7b600000, 1024, PROT_READ|PROT_WRITE|PROT_EXEC, MAP_PRIVATE|MAP_FIXED, 7</usr/lib/x86_64-linux-gnu/wine/x86_64-windows/kernel32.dll>, 0) = 0x7b600000",
                "9 00:00:00.004 mprotect(0x7b601000, 4096, PROT_READ|PROT_EXEC) = 0",
                "9 00:00:00.005 mprotect(0x7b601000, 4096, PROT_READ|PROT_EXEC) = 0",
                "9 00:00:00.006 mmap(NULL, 65536, PROT_READ|PROT_WRITE|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x830000",
                "9 00:00:00.007 getpid() = 9",
                "9 00:00:00.008 execve(\"/usr/lib/wine/wine64-preloader\", [\"/usr/lib/wine/wine64-preloader\", \"/usr/lib/wine/wine64\", \"Z:\\\\x.exe\"], 0x1 /* 1 vars */) = -1 ENOENT (No such file or directory)");
        List<TraceEvent> raw = StraceParser.parseAll(TraceMapping.load(), "x.exe", lines);
        List<TraceEvent> out = new ArrayList<>();
        WineLoaderAttribution w = new WineLoaderAttribution(out::add);
        raw.forEach(w);
        w.finish();
        assertEquals(raw.size(), out.size());
        for (int i = 0; i < raw.size(); i++) assertEquals(raw.get(i).raw(), out.get(i).raw(), "order kept");
        assertEquals(RiskLevel.LOW, out.get(0).risk(), "the reservation for kernel32.dll");
        assertEquals(WineLoaderAttribution.LOADER_REASON, out.get(0).riskReason());
        assertTrue(out.get(0).note().contains("kernel32.dll"));
        assertEquals(RiskLevel.LOW, out.get(2).risk());
        assertEquals(RiskLevel.NONE, out.get(3).risk(), "the loader sets the section's protection");
        assertEquals(RiskLevel.MEDIUM, out.get(4).risk(), "made executable again later: the program's");
        assertEquals(RiskLevel.CRITICAL, out.get(5).risk(), "an RWX block no image follows");
        assertEquals(RiskLevel.NONE, out.get(7).risk(), "Wine's loader looking for its preloader");
        List<TraceEvent> out2 = new ArrayList<>();
        WineLoaderAttribution stubs = new WineLoaderAttribution(out2::add, true);
        raw.forEach(stubs);
        stubs.finish();
        assertEquals(RiskLevel.LOW, out2.get(5).risk(), "with unresolved imports: the loader's stub block");
        assertEquals(WineLoaderAttribution.STUB_REASON, out2.get(5).riskReason());
    }
}
