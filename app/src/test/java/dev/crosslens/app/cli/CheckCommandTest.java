package dev.crosslens.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code crosslens check}: exit 1 on WILL_FAIL or a finding at --fail-on, 0 otherwise, 2 on usage errors. */
class CheckCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CrosslensCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void aForeignArchBinaryWillFailAndTheNativeOneRuns() {
        String arm64 = Fixtures.file("go-cross", "linux-arm64").toString();
        assertThat(run("check", "--target", "debian-12-amd64", arm64)).isEqualTo(1);
        assertThat(out.toString()).contains("WILL_FAIL", "target.arch-mismatch");
        out.getBuffer().setLength(0);
        assertThat(run("check", "--target", "debian-12-arm64", arm64)).isEqualTo(0);
        assertThat(out.toString()).contains("RUNS").doesNotContain("WILL_FAIL");
    }

    @Test
    void failOnLevelDecidesTheExitCodeWithoutATarget() {
        String musl = Corpus.require("rollup-4.67.4-linux-x64-gnu").toString();
        // its only finding is the info-level glibc floor
        assertThat(run("check", musl)).isEqualTo(0);
        assertThat(run("check", "--fail-on", "info", musl)).isEqualTo(1);
        assertThat(run("check", "--fail-on", "none", "--target", "alpine-3.19-amd64", musl)).isEqualTo(1);
    }

    /** A file that cannot be read is a failed file (1), not a usage error, and the other files are still checked. */
    @Test
    void aMissingFileFailsItsEntryAndTheOthersAreStillChecked(@TempDir Path tmp) throws Exception {
        String arm64 = Fixtures.file("go-cross", "linux-arm64").toString();
        String missing = tmp.resolve("missing").toString();
        assertThat(run("check", "--target", "debian-12-arm64", missing, arm64)).isEqualTo(1);
        assertThat(out.toString()).contains(missing, "cannot read: io: no such file", arm64, "RUNS");
        out.getBuffer().setLength(0);
        assertThat(run("check", "--json", missing, arm64)).isEqualTo(1);
        JsonNode files = new ObjectMapper().readTree(out.toString()).path("files");
        assertThat(files.get(0).path("error").asText()).contains("no such file");
        assertThat(files.get(1).path("error").isNull()).isTrue();
        assertThat(files.get(1).path("findings").size()).isPositive();
    }

    /** --fail-on is about findings: none silences them, not a WILL_FAIL verdict. */
    @Test
    void failOnNoneStillFailsOnWillFailAndSaysSoInHelp() {
        String arm64 = Fixtures.file("go-cross", "linux-arm64").toString();
        assertThat(run("check", "--fail-on", "none", "--target", "debian-12-amd64", arm64)).isEqualTo(1);
        assertThat(run("check", "--fail-on", "none", "--target", "debian-12-arm64", arm64)).isEqualTo(0);
        out.getBuffer().setLength(0);
        assertThat(run("check", "--help")).isEqualTo(0);
        assertThat(out.toString()).contains("Findings only: a WILL_FAIL verdict", "Exit codes:",
                "2   usage error");
    }

    @Test
    void sarifIsA210LogWithResults() throws Exception {
        String arm64 = Fixtures.file("go-cross", "linux-arm64").toString();
        run("check", "--sarif", "--target", "debian-12-amd64", arm64);
        JsonNode log = new ObjectMapper().readTree(out.toString());
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("runs").get(0).path("results").size()).isPositive();
    }

    @Test
    void usageErrorsAndTheTargetList() {
        assertThat(run("check", "--target", "no-such-os", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown target 'no-such-os'");
        assertThat(run("check")).isEqualTo(2);
        assertThat(run("check", "--fail-on", "loud", "x")).isEqualTo(2);
        out.getBuffer().setLength(0);
        assertThat(run("check", "--list-targets")).isEqualTo(0);
        assertThat(out.toString()).contains("debian-12-amd64", "alpine-3.19-arm64", "windows-11-arm64");
    }
}
