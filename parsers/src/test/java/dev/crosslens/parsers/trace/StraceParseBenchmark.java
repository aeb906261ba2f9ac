package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.TraceEvent;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test): generates a 1M-line strace log of a realistic mix (-f -tt -T -yy: opens, reads, mmaps,
 * connects, unfinished/resumed pairs, signals, exits) and times parsing + classification. Target: under 3 s.
 * Run: {@code java -cp parsers/target/test-classes:parsers/target/classes:model/target/classes:$JACKSON
 * dev.crosslens.parsers.trace.StraceParseBenchmark [lines]}.
 */
public final class StraceParseBenchmark {
    private StraceParseBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path log = Files.createTempFile("crosslens-bench-", ".strace");
        try {
            generate(log, lines);
            TraceMapping mapping = TraceMapping.load();
            for (int round = 1; round <= 3; round++) {
                AtomicLong n = new AtomicLong();
                AtomicLong risky = new AtomicLong();
                long t0 = System.nanoTime();
                StraceParser p = new StraceParser(mapping, "bench", (TraceEvent e) -> {
                    n.incrementAndGet();
                    if (e.risk().ordinal() > 0) risky.incrementAndGet();
                });
                try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                    for (String l; (l = r.readLine()) != null; ) p.accept(l);
                }
                p.finish();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("round %d: %,d lines -> %,d events (%,d with risk) in %,d ms (%s the 3 s target)%n",
                        round, lines, n.get(), risky.get(), ms, ms < 3000 ? "under" : "OVER");
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static void generate(Path log, int lines) throws IOException {
        String[] templates = {
                "openat(AT_FDCWD</tmp/run>, \"/usr/lib/x86_64-linux-gnu/libc.so.6\", O_RDONLY|O_CLOEXEC) = 3</usr/lib/x86_64-linux-gnu/libc.so.6> <0.000021>",
                "read(3</usr/lib/x86_64-linux-gnu/libc.so.6>, \"\\177ELF\\2\\1\\1\\3\\0\\0\\0\\0\\0\\0\\0\\0\\3\\0>\\0\\1\\0\\0\\0P\\237\\2\\0\\0\\0\\0\\0\"..., 832) = 832 <0.000008>",
                "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f25a2c1d000 <0.000017>",
                "newfstatat(AT_FDCWD</tmp/run>, \"/etc/localtime\", {st_mode=S_IFREG|0644, st_size=114, ...}, 0) = 0 <0.000036>",
                "connect(5<TCP:[127.0.0.1:40000->127.0.0.1:9]>, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused) <0.000040>",
                "futex(0xc000080148, FUTEX_WAKE_PRIVATE, 1) = 1 <0.000012>",
                "openat(AT_FDCWD</tmp/run>, \"out.txt\", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644) = 4</tmp/run/out.txt> <0.000030>",
                "close(4</tmp/run/out.txt>) = 0 <0.000005>",
                "rt_sigaction(SIGURG, {sa_handler=0x463b40, sa_mask=~[], sa_flags=SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_SIGINFO, sa_restorer=0x463c80}, NULL, 8) = 0 <0.000006>",
        };
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            long micros = 36_000_000_000L;
            for (int i = 0; i < lines; i++) {
                int pid = 100 + (i % 7);
                micros += 3;
                String t = String.format("%02d:%02d:%02d.%06d", micros / 3_600_000_000L, micros / 60_000_000 % 60,
                        micros / 1_000_000 % 60, micros % 1_000_000);
                String body;
                int k = i % 50;
                if (k == 48) body = "wait4(-1,  <unfinished ...>";
                else if (k == 49) { pid = 100 + ((i - 1) % 7); body = "<... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 101 <0.001000>"; }
                else if (k == 47) body = "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=101, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---";
                else body = templates[i % templates.length];
                w.write(pid + "   " + t + " " + body);
                w.write('\n');
            }
        }
    }
}
