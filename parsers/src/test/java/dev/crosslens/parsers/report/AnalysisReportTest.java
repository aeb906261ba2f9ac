package dev.crosslens.parsers.report;

import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        StringWriter w = new StringWriter();
        new AnalysisReport(parallel).writeJson(w);
        assertThat(w.toString()).contains("\"schema\" : \"crosslens.analysis\"", "\"kind\" : \"malformed\"");
    }

    @Test
    void theStreamedDocumentIsTheDocumentWrittenInOneGo(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not a binary\n");
        List<Path> paths = List.of(Fixtures.file("go-cross", "linux-arm64"), text,
                Fixtures.file("go-cross", "windows-amd64.exe"), tmp.resolve("missing"),
                Fixtures.file("macho-fat", "universal"), Fixtures.file("go-cross", "darwin-arm64"));
        StringWriter whole = new StringWriter();
        new AnalysisReport(AnalysisReport.analyzeAll(paths, ParseOptions.defaults(), 1)).writeJson(whole);
        for (int threads : new int[] {1, 3}) {
            StringWriter streamed = new StringWriter();
            List<AnalysisReport.Entry> failed = AnalysisReport.streamJson(paths, ParseOptions.defaults(), threads,
                    streamed);
            assertThat(streamed.toString()).isEqualTo(whole.toString());
            assertThat(failed).extracting(AnalysisReport.Entry::path).containsExactly(text.toString(),
                    tmp.resolve("missing").toString());
        }
        StringWriter none = new StringWriter();
        AnalysisReport.streamJson(List.of(), ParseOptions.defaults(), 2, none);
        StringWriter noneWhole = new StringWriter();
        new AnalysisReport(List.of()).writeJson(noneWhole);
        assertThat(none.toString()).isEqualTo(noneWhole.toString());
    }
}
