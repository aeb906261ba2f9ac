package dev.crosslens.parsers.report;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.HardeningChange;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.diff.BuildDiffer;
import dev.crosslens.parsers.diff.DiffGate;
import dev.crosslens.parsers.diff.DiffSide;
import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The text, Markdown and HTML renderings of a diff tell the same changes, and say what they leave out. */
class DiffReportTest {

    private static BinaryFile elf(String name) throws IOException {
        return Binaries.open(Fixtures.file("elf-c", name), ParseOptions.defaults());
    }

    private static DiffReport report(BinaryFile a, BinaryFile b, String rules) {
        BuildDiff d = new BuildDiffer().diff(DiffSide.of(a), DiffSide.of(b));
        return new DiffReport(d, DiffGate.parse(rules), new DiffGate().evaluate(d, DiffGate.parse(rules)));
    }

    private static String render(Consumer<PrintWriter> how) {
        StringWriter w = new StringWriter();
        PrintWriter out = new PrintWriter(w);
        how.accept(out);
        out.flush();
        return w.toString();
    }

    @Test
    void hardeningRowsNameThePropertyNotTheNewState() throws IOException {
        DiffReport r = report(elf("pie-hardened"), elf("nopie"), "hardening-regression");
        assertThat(r.diff().hardening()).extracting(HardeningChange::label, HardeningChange::regression)
                .contains(tuple("PIE", true), tuple("Stack canary", true), tuple("FORTIFY_SOURCE", true));
        String text = render(out -> r.writeText(out, 50));
        assertThat(text).contains("! PIE: ENABLED -> DISABLED", "! Stack canary: ENABLED -> DISABLED")
                .doesNotContain("No PIE", "No canary");
        assertThat(render(r::writeHtml)).contains("<td>PIE</td><td>ENABLED</td><td>DISABLED</td>");
    }

    @Test
    void rpathAndSegmentChangesAreInEveryRendering() throws IOException {
        DiffReport r = report(elf("use-greet-runpath"), elf("use-greet-rpath"), "");
        assertThat(r.diff().rpaths()).extracting(c -> c.field() + ": " + c.oldValue() + " -> " + c.newValue())
                .containsExactly("RPATH: null -> /opt/greet/lib", "RUNPATH: $ORIGIN/lib:/opt/greet/lib -> null");
        assertThat(r.diff().segments()).isNotEmpty();
        String text = render(out -> r.writeText(out, 50));
        String md = render(out -> r.writeMarkdown(out, 50));
        String html = render(r::writeHtml);
        for (String doc : new String[] {text, md, html}) {
            assertThat(doc).contains("/opt/greet/lib", "$ORIGIN/lib:/opt/greet/lib");
        }
        assertThat(md).contains("## Segments (", "## RPATH / RUNPATH (");
        assertThat(html).contains("<h2>Segments (", "<h2>RPATH / RUNPATH (");
    }

    @Test
    void aLinkageConsequenceSaysTheInterpreterWentAwayAndNeverPrintsNull() throws IOException {
        DiffReport r = report(elf("pie-hardened"), elf("static"), "");
        assertThat(r.diff().consequences()).anySatisfy(c -> assertThat(c.summary())
                .startsWith("linkage dynamic -> static").contains("PT_INTERP /lib64/ld-linux-x86-64.so.2 gone"));
        for (String doc : new String[] {render(out -> r.writeText(out, 50)), render(out -> r.writeMarkdown(out, 50)),
                render(r::writeHtml)}) {
            // (static glibc has a symbol called "null": only values are checked)
            assertThat(doc).doesNotContain("-> null", "null ->", "</td><td>null</td></tr>", "(null)");
        }
    }

    @Test
    void gateHitsBeyondTheLimitAreCountedAndTheHtmlListIsFolded() {
        BinaryFile a = open("esbuild-0.17.19-linux-x64");
        BinaryFile b = open("esbuild-0.28.2-linux-x64");
        DiffReport r = report(a, b, "removed-symbols");
        int hits = r.hits().size();
        assertThat(hits).isGreaterThan(250);
        assertThat(render(out -> r.writeText(out, 10))).contains("gate: FAILED (" + hits + ")",
                "... " + (hits - 10) + " more");
        assertThat(render(out -> r.writeMarkdown(out, 10))).contains("- ... " + (hits - 10) + " more in the JSON report");
        String html = render(r::writeHtml);
        assertThat(html).contains("Gate failed (" + hits + ")", "<details><summary>" + hits + " gate hits</summary>");
    }

    @Test
    void twoUniversalFilesCompareTheSameArchAndAThinOneIsNotUniversal() throws IOException {
        BinaryFile fat = Binaries.open(Fixtures.file("macho-fat", "universal"), ParseOptions.defaults());
        BinaryFile fat64 = Binaries.open(Fixtures.file("macho-fat", "universal64"), ParseOptions.defaults());
        BinaryFile arm64 = Binaries.open(Fixtures.file("macho-fat", "darwin-arm64"), ParseOptions.defaults());
        DiffSide o = DiffSide.pick(fat, null, fat64.image());
        DiffSide n = DiffSide.pick(fat64, null, o.image());
        assertThat(o.image().core().arch()).isEqualTo(n.image().core().arch());
        assertThat(o.slices()).isEqualTo(n.slices()).isNotEmpty();
        BuildDiff thin = new BuildDiffer().diff(DiffSide.pick(fat, null, arm64.image()), DiffSide.of(arm64));
        assertThat(thin.identity()).anySatisfy(c -> {
            assertThat(c.field()).isEqualTo("universal slices");
            assertThat(c.newValue()).isEqualTo("(thin file)");
        });
    }

    private static BinaryFile open(String id) {
        try {
            return Binaries.open(Corpus.require(id), ParseOptions.defaults());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
