package dev.crosslens.app.cli;

import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code crosslens diff} exit codes: 0 nothing gated changed, 1 a gate rule tripped, 2 usage or I/O error. */
class DiffCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CrosslensCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void archChangeTripsTheGateOnlyWhenTheArchChanged() {
        String x64 = Corpus.require("esbuild-0.28.2-linux-x64").toString();
        String arm64 = Corpus.require("esbuild-0.28.2-linux-arm64").toString();
        String oldX64 = Corpus.require("esbuild-0.17.19-linux-x64").toString();
        assertThat(run("diff", "--fail-on", "arch-change", x64, arm64)).isEqualTo(1);
        assertThat(out.toString()).contains("arch x86_64 -> arm64");
        assertThat(run("diff", "--fail-on", "arch-change", oldX64, x64)).isEqualTo(0);
        assertThat(run("diff", "--fail-on", "go-version-change", oldX64, x64)).isEqualTo(1);
        assertThat(run("diff", oldX64, x64)).isEqualTo(0); // no rules: a report, never a failure
    }

    @Test
    void cgoPairTripsCgoAndNewLibrariesButNotArch() {
        String base = Fixtures.file("diff-pairs", "base").toString();
        String cgo = Fixtures.file("diff-pairs", "cgo").toString();
        assertThat(run("diff", "--fail-on", "cgo-change", base, cgo)).isEqualTo(1);
        assertThat(run("diff", "--json", "--fail-on", "new-libraries", base, cgo)).isEqualTo(1);
        assertThat(run("diff", "--fail-on", "arch-change,removed-exports", base, cgo)).isEqualTo(0);
        assertThat(run("diff", "--fail-on", "all", base, base)).isEqualTo(0);
    }

    @Test
    void unknownRuleAndMissingFileAreUsageErrors() {
        String base = Fixtures.file("diff-pairs", "base").toString();
        assertThat(run("diff", "--fail-on", "no-such-rule", base, base)).isEqualTo(2);
        assertThat(err.toString()).contains("unknown gate rule 'no-such-rule'");
        assertThat(run("diff", base, base + ".does-not-exist")).isEqualTo(2);
    }
}
