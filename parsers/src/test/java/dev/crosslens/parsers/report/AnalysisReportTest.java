package dev.crosslens.parsers.report;

import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class AnalysisReportTest {

    @Test
    void parallelAnalysisKeepsTheOrderAndReportsEachFailure(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not a binary\n");
        Path cut = Files.write(tmp.resolve("cut.elf"), new byte[]{0x7f, 'E', 'L', 'F', 2, 1, 1});
        List<Path> paths = List.of(Fixtures.file("go-cross", "linux-arm64"), text,
                Fixtures.file("go-cross", "windows-amd64.exe"), tmp.resolve("missing"), cut,
                Fixtures.file("go-cross", "darwin-arm64"));
        List<AnalysisReport.Entry> serial = AnalysisReport.analyzeAll(paths, ParseOptions.defaults(), 1);
        List<AnalysisReport.Entry> parallel = AnalysisReport.analyzeAll(paths, ParseOptions.defaults(), 4);
        assertThat(parallel).extracting(AnalysisReport.Entry::path)
                .containsExactlyElementsOf(paths.stream().map(Path::toString).toList());
        assertThat(parallel).extracting(e -> e.error() == null ? "ok" : e.error().kind())
                .containsExactly("ok", "unsupported", "ok", "io", "malformed", "ok");
        for (int i = 0; i < paths.size(); i++) {
            if (serial.get(i).file() != null) {
                assertThat(parallel.get(i).file().sha256()).isEqualTo(serial.get(i).file().sha256());
            }
        }
        ByteArrayOutputStream w = new ByteArrayOutputStream();
        new AnalysisReport(parallel).writeJson(w, true);
        assertThat(w.toString(UTF_8)).contains("\"schema\" : \"crosslens.analysis\"", "\"kind\" : \"malformed\"");
    }

    @Test
    void theStreamedDocumentIsTheDocumentWrittenInOneGo(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not a binary\n");
        List<Path> paths = List.of(Fixtures.file("go-cross", "linux-arm64"), text,
                Fixtures.file("go-cross", "windows-amd64.exe"), tmp.resolve("missing"),
                Fixtures.file("macho-fat", "universal"), Fixtures.file("go-cross", "darwin-arm64"));
        AnalysisReport report = new AnalysisReport(AnalysisReport.analyzeAll(paths, ParseOptions.defaults(), 1));
        for (boolean pretty : new boolean[] {false, true}) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            report.writeJson(whole, pretty);
            for (int threads : new int[] {1, 3}) {
                ByteArrayOutputStream streamed = new ByteArrayOutputStream();
                List<AnalysisReport.Entry> failed = AnalysisReport.streamJson(paths, ParseOptions.defaults(), threads,
                        streamed, pretty);
                assertThat(streamed.toString(UTF_8)).isEqualTo(whole.toString(UTF_8));
                assertThat(failed).extracting(AnalysisReport.Entry::path).containsExactly(text.toString(),
                        tmp.resolve("missing").toString());
            }
        }
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        AnalysisReport.streamJson(List.of(), ParseOptions.defaults(), 2, none, true);
        ByteArrayOutputStream noneWhole = new ByteArrayOutputStream();
        new AnalysisReport(List.of()).writeJson(noneWhole, true);
        assertThat(none.toString(UTF_8)).isEqualTo(noneWhole.toString(UTF_8));
    }

    /** A -trimpath build: the JSON says -ldflags are not recorded (and why), not that there were none. */
    @Test
    void jsonSaysLdflagsAreNotRecordedUnderTrimpath() throws Exception {
        List<Path> paths = List.of(Fixtures.file("go-cross", "linux-arm64"), Fixtures.file("go-variants", "plain"));
        ByteArrayOutputStream w = new ByteArrayOutputStream();
        new AnalysisReport(AnalysisReport.analyzeAll(paths, ParseOptions.defaults(), 1)).writeJson(w, false);
        var files = new ObjectMapper().readTree(w.toString(UTF_8)).path("files");
        var trimmed = files.get(0).path("file").path("image").path("core").path("go").path("buildInfo");
        assertThat(trimmed.path("unrecorded").get(0).path("key").asText()).isEqualTo("-ldflags");
        assertThat(trimmed.path("unrecorded").get(0).path("reason").asText()).contains("-trimpath");
        var plain = files.get(1).path("file").path("image").path("core").path("go").path("buildInfo");
        assertThat(plain.path("unrecorded").size()).isZero();
    }

    /** The document as one value, its fields in the README's order. */
    private record Doc(String schema, int schemaVersion, List<AnalysisReport.Entry> files) {
    }

    /** The envelope is written by hand: it must be exactly what Jackson writes for the same document. */
    @Test
    void theHandWrittenEnvelopeIsJacksonsOwnLayout(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not a binary\n");
        for (List<Path> paths : List.of(List.<Path>of(), List.of(text),
                List.of(Fixtures.file("go-cross", "linux-arm64"), text))) {
            AnalysisReport report = new AnalysisReport(AnalysisReport.analyzeAll(paths, ParseOptions.defaults(), 1));
            Doc doc = new Doc(AnalysisReport.SCHEMA, AnalysisReport.SCHEMA_VERSION, report.entries());
            ObjectMapper jackson = JsonSupport.mapper();
            String nl = System.lineSeparator();
            ByteArrayOutputStream pretty = new ByteArrayOutputStream();
            report.writeJson(pretty, true);
            assertThat(pretty.toString(UTF_8))
                    .isEqualTo(jackson.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + nl);
            ByteArrayOutputStream compact = new ByteArrayOutputStream();
            report.writeJson(compact, false);
            assertThat(compact.toString(UTF_8)).isEqualTo(jackson.writeValueAsString(doc) + nl);
        }
    }
}
