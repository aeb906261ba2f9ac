package dev.crosslens.app.cli;

import dev.crosslens.parsers.sandbox.HostTools;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code crosslens run} and {@code crosslens trace show|export|diff} end to end on the probe. */
class RunAndTraceCommandTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CrosslensCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void runRecordsThenShowExportAndDiffReadIt() throws Exception {
        HostTools t = new HostTools();
        Assumptions.assumeTrue(t.find("strace").isPresent() && t.find("bwrap").isPresent(),
                "apt-get install strace bubblewrap");
        String probe = Fixtures.file("sandbox-probe", "probe-linux-amd64").toString();
        Path a = tmp.resolve("a.jsonl");
        Path b = tmp.resolve("b.jsonl");
        Result r = cli("run", probe, "--record", a.toString(), "--timeout", "20s", "--", "probe", "9");
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("runner: native").contains("isolated by bubblewrap")
                .contains("connect(").contains("127.0.0.1:9").contains("[high: opens an outbound connection]")
                .contains("stdout| write: ok").contains("end: exited with 0")
                .containsPattern("\\(\\d+ of \\d+ events not shown: .*--all prints every event\\)")
                .contains("highest risk: high (opens an outbound connection)");
        Result r2 = cli("run", probe, "--record", b.toString(), "--classes", "file,process", "--", "child");
        assertThat(r2.code()).isEqualTo(1); // the child mode exits 3
        assertThat(r2.out()).contains("end: exited with 3");

        Result show = cli("trace", "show", a.toString());
        assertThat(show.code()).isEqualTo(0);
        assertThat(show.out()).contains("runner:  native").contains("127.0.0.1:9").contains("write: ok");

        Path exported = tmp.resolve("export.jsonl");
        assertThat(cli("trace", "export", a.toString(), "-o", exported.toString()).code()).isEqualTo(0);
        assertThat(Files.readAllLines(exported)).hasSameSizeAs(Files.readAllLines(a));

        Result diff = cli("trace", "diff", b.toString(), a.toString());
        assertThat(diff.code()).isEqualTo(1);
        assertThat(diff.out()).contains("endpoints added:").contains("127.0.0.1:9").contains("files added:");
        Result dj = cli("trace", "diff", "--json", b.toString(), a.toString());
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dj.out());
        assertThat(doc.path("schema").asText()).isEqualTo("crosslens.trace-diff");
        assertThat(doc.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.path("diff").path("endpointsAdded").toString()).contains("127.0.0.1:9");

        // a cut copy opens with what it holds and says where it broke
        byte[] bytes = Files.readAllBytes(a);
        Path cut = tmp.resolve("cut.jsonl");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        Result cs = cli("trace", "show", cut.toString());
        assertThat(cs.err()).contains("session breaks at line").contains("byte");
        assertThat(cs.out()).contains("no footer");
    }

    @Test
    void refusalsAndUsageErrors() {
        Assumptions.assumeTrue(new HostTools().wine32().isEmpty(), "a 32-bit wine is installed here");
        Result pe32 = cli("run", Fixtures.file("sandbox-probe", "probe-windows-386.exe").toString());
        assertThat(pe32.code()).isEqualTo(1);
        assertThat(pe32.err()).contains("PE32").contains("wine32");
        assertThat(cli("run", "x", "--timeout", "soon").code()).isEqualTo(2);
        assertThat(cli("run", "x", "--classes", "bogus").code()).isEqualTo(2);
    }

    @Test
    void missingFilesAndFoldersAreUsageErrors() {
        Result run = cli("run", "/nonexistent");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("/nonexistent: no such file");
        Result show = cli("trace", "show", "/nonexistent");
        assertThat(show.code()).isEqualTo(2);
        assertThat(show.err()).contains("/nonexistent: no such file");
        assertThat(cli("trace", "export", "/nonexistent").code()).isEqualTo(2);
        assertThat(cli("trace", "diff", "/nonexistent", "/nonexistent2").code()).isEqualTo(2);
        Result resolve = cli("resolve", "/bin/true", "--sysroot", "/nonexistent");
        assertThat(resolve.code()).isEqualTo(2);
        assertThat(resolve.err()).contains("--sysroot /nonexistent: no such directory");
        assertThat(cli("graph", "/bin/true", "--sysroot", "/nonexistent").code()).isEqualTo(2);
        assertThat(cli("run", "/bin/true", "--sysroot", "/nonexistent").code()).isEqualTo(2);
    }

    @Test
    void aSharedLibraryIsRefusedButLibcWithItsInterpreterRuns() {
        Path lib = Fixtures.file("resolve-elf", "libfoo.so.1");
        Result r = cli("run", lib.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("an ELF shared library").contains("not a program");
        assertThat(cli("run", Fixtures.file("sandbox-probe", "probe-linux-arm64").toString(), "--runner", "native")
                .err()).contains("An arm64 ELF cannot run natively");
    }
}
