package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lines in the shape wine 8.0 printed for the sandbox probe (WINEDEBUG=+timestamp,+pid,+tid,+relay,...). */
class WineDebugParserTest {
    static final TraceMapping MAP = TraceMapping.load();

    static List<TraceEvent> parse(long maxRelay, String... lines) {
        List<TraceEvent> out = new ArrayList<>();
        WineDebugParser p = new WineDebugParser(MAP, "probe.exe", maxRelay, out::add);
        for (String l : lines) p.accept(l);
        p.finish();
        return out;
    }

    @Test
    void outermostKeptRelayCallIsOneEventWithChannelDetail() {
        List<TraceEvent> es = parse(1000,
                "1441.268:0020:0024:Call KERNEL32.CreateFileW(c00000e1a0 L\"probe-out.txt\",40000000,00000003,00000000,00000002,00000080,00000000) ret=004648be",
                "1441.268:0020:0024:trace:file:CreateFileW L\"probe-out.txt\" GENERIC_WRITE FILE_SHARE_READ FILE_SHARE_WRITE  creation 2 attributes 0x80",
                "1441.269:0020:0024:Call ntdll.RtlDosPathNameToNtPathName_U(c00000e1a0 L\"probe-out.txt\",0021fab0,00000000,00000000) ret=7b0185ba",
                "1441.269:0020:0024:Ret  ntdll.RtlDosPathNameToNtPathName_U() retval=00000001 ret=7b0185ba",
                "1441.270:0020:0024:Call kernelbase.CreateFileW(c00000e1a0 L\"probe-out.txt\",40000000) ret=7b0185ba",
                "1441.271:0020:0024:Ret  kernelbase.CreateFileW() retval=000000bc ret=7b0185ba",
                "1441.272:0020:0024:Ret  KERNEL32.CreateFileW() retval=000000bc ret=004648be");
        assertEquals(1, es.size());
        TraceEvent e = es.get(0);
        assertEquals("KERNEL32.CreateFileW", e.name());
        assertEquals("000000bc", e.result());
        assertEquals(4000L, e.durationMicros());
        assertEquals(TraceCategory.FILE, e.category());
        assertEquals(RiskLevel.LOW, e.risk());
        assertEquals("CreateFileW", e.windowsApi());
        assertEquals("probe.exe", e.origin());
        assertEquals(0x20, e.pid());
        assertEquals(0x24, e.tid());
        assertTrue(e.arguments().toString().contains("GENERIC_WRITE"));
        assertEquals("probe-out.txt", TraceFacts.path(e));
    }

    @Test
    void connectExStatusIsTheResultOfItsCall() {
        List<TraceEvent> es = parse(1000,
                "5818.047:0110:0114:trace:winsock:WS2_ConnectEx socket 0xd4, ptr 000000C00009006C { family AF_INET, address 127.0.0.1, port 9 }, length 16, send_buffer 0000000000000000, send_len 0, overlapped 000000C0000A40E8",
                "5818.050:0110:0114:trace:winsock:sock_ioctl handle 0xd4",
                "5818.054:0110:0114:trace:winsock:WS2_ConnectEx status 0x103.");
        assertEquals(1, es.size(), "one connect, with its status");
        assertEquals("0x103", es.get(0).result());
        assertEquals("127.0.0.1:9", TraceFacts.endpoint(es.get(0)));
    }

    @Test
    void winsockConnectExShowsTheEndpoint() {
        List<TraceEvent> es = parse(1000,
                "1441.321:0020:0024:trace:winsock:WS2_ConnectEx socket 0xbc, ptr 000000C00000E1EC { family AF_INET, address 127.0.0.1, port 39713 }, length 16, send_buffer 0000000000000000, send_len 0, overlapped 000000C000004AE8");
        TraceEvent e = es.get(0);
        assertEquals("WS2_ConnectEx", e.name());
        assertEquals(RiskLevel.HIGH, e.risk());
        assertEquals("127.0.0.1:39713", TraceFacts.endpoint(e));
    }

    @Test
    void createProcessNamesTheChildAndLoadedDllsAreLibraryEvents() {
        List<TraceEvent> es = parse(1000,
                "1441.343:0020:00dc:Call KERNEL32.CreateProcessW(00000000,c000100000 L\"Z:\\\\tmp\\\\run\\\\probe.exe child\",00000000) ret=004648be",
                "1441.413:0020:00dc:trace:process:NtCreateUserProcess L\"\\\\??\\\\Z:\\\\tmp\\\\run\\\\probe.exe\" pid 00e4 tid 00e8 handles 0xe8/0xec",
                "1441.414:0020:00dc:trace:process:CreateProcessInternalW started process pid 00e4 tid 00e8",
                "1441.414:0020:00dc:Ret  KERNEL32.CreateProcessW() retval=00000001 ret=004648be",
                "1441.500:00e4:00e8:trace:loaddll:build_module Loaded L\"C:\\\\windows\\\\system32\\\\kernel32.dll\" at 000000007B600000: builtin",
                "1441.600:00e4:00e8:err:module:import_dll Library MSVCR120.dll (which is needed by L\"Z:\\\\tmp\\\\run\\\\probe.exe\") not found");
        assertEquals(3, es.size());
        TraceEvent cp = es.get(0);
        assertEquals("KERNEL32.CreateProcessW", cp.name());
        assertEquals(RiskLevel.MEDIUM, cp.risk());
        assertEquals("Z:\\tmp\\run\\probe.exe child", TraceFacts.startedProgram(cp));
        assertEquals("probe.exe", es.get(1).origin());
        assertEquals(TraceCategory.LIBRARY, es.get(1).category());
        TraceEvent nf = es.get(2);
        assertEquals("import_dll", nf.name());
        assertEquals("not found", nf.errno());
        assertEquals("MSVCR120.dll", nf.argument(0));
    }

    @Test
    void aRetWhoseCallWasLostInAChannelLineDoesNotUnwindTheStack() {
        List<TraceEvent> es = parse(1000,
                "1441.260:0020:0024:Call ws2_32.WSAStartup(00000202,c000099918) ret=004648be",
                "1441.260:0020:0024:trace:winsock:WSAStartup Call KERNEL32.GetModuleHandleW(370f8bbd2 L\"ntdll.dll\") ret=370f8390d",
                "1441.260:0020:0024:Ret  KERNEL32.GetModuleHandleW() retval=7b000000 ret=370f8390d",
                "1441.261:0020:0024:Ret  ws2_32.WSAStartup() retval=00000000 ret=004648be");
        assertEquals(1, es.size());
        assertEquals("00000000", es.get(0).result());
        assertEquals("", es.get(0).note());
    }

    @Test
    void relayIsCappedAndUnkeptFamiliesAreNotEvents() {
        List<TraceEvent> es = parse(2,
                "1.000:0020:0024:Call KERNEL32.HeapFree(00000000,00000000,00000000) ret=1",
                "1.001:0020:0024:Ret  KERNEL32.HeapFree() retval=00000001 ret=1",
                "1.002:0020:0024:Call KERNEL32.CreateFileW(0 L\"x\") ret=1",
                "1.003:0020:0024:Ret  KERNEL32.CreateFileW() retval=ffffffffffffffff ret=1");
        assertTrue(es.isEmpty(), "HeapFree is not kept and the cap stopped before CreateFileW: " + es);
        List<TraceEvent> failed = parse(100, "1.002:0020:0024:Call KERNEL32.CreateFileW(0 L\"x\") ret=1",
                "1.003:0020:0024:Ret  KERNEL32.CreateFileW() retval=ffffffffffffffff ret=1");
        assertTrue(failed.get(0).failed());
        assertFalse(WineDebugParser.isDebugLine("write: ok"));
    }
}
