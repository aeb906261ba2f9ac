package dev.crosslens.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code crosslens analyze}: the summary, the JSON document, and exit 0 ok, 1 a file failed, 2 usage. */
class AnalyzeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CrosslensCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void theSummaryNamesWhatEachFileIs() {
        String arm64 = Fixtures.file("go-cross", "linux-arm64").toString();
        String exe = Fixtures.file("go-cross", "windows-amd64.exe").toString();
        assertThat(run("analyze", arm64, exe)).isEqualTo(0);
        assertThat(out.toString()).contains(arm64, exe, "sha256 ", "ELF 64-bit executable, arm64, linux",
                "PE/COFF 64-bit executable, x86_64, windows", "needs kernel32.dll");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonIsOneVersionedDocumentOnOneLineOrIndentedWithPretty(@TempDir Path tmp) throws Exception {
        String arm64 = Fixtures.file("go-cross", "linux-arm64").toString();
        // a path that is not ASCII travels through the byte stream and back intact
        Path named = Files.copy(Path.of(arm64), tmp.resolve("bin\u00e4r-\u4e8c\u8fdb\u5236"));
        assertThat(run("analyze", "--json", arm64, named.toString())).isEqualTo(0);
        String compact = out.toString();
        assertThat(compact.strip()).doesNotContain("\n");
        JsonNode doc = new ObjectMapper().readTree(compact);
        assertThat(doc.path("schema").asText()).isEqualTo("crosslens.analysis");
        assertThat(doc.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.path("files")).hasSize(2);
        assertThat(doc.path("files").get(1).path("path").asText()).isEqualTo(named.toString());
        JsonNode core = doc.path("files").get(0).path("file").path("image").path("core");
        assertThat(core.path("format").asText()).isEqualTo("ELF");
        assertThat(core.path("arch").asText()).isEqualTo("ARM64");
        assertThat(core.path("go").path("pclntab").path("functionCount").asInt()).isPositive();

        out.getBuffer().setLength(0);
        assertThat(run("analyze", "--json", "--pretty", arm64, named.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("\n  \"schema\" : \"crosslens.analysis\",\n");
        assertThat(new ObjectMapper().readTree(out.toString())).isEqualTo(doc);
    }

    @Test
    void aFileThatFailsToParseIsExitOneWithItsErrorInTheDocument(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "just text\n");
        Path cut = Files.write(tmp.resolve("cut.elf"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        String ok = Fixtures.file("go-cross", "linux-arm64").toString();
        assertThat(run("analyze", "--json", ok, text.toString(), cut.toString())).isEqualTo(1);
        JsonNode files = new ObjectMapper().readTree(out.toString()).path("files");
        assertThat(files.get(0).path("error").isNull()).isTrue();
        assertThat(files.get(1).path("error").path("kind").asText()).isEqualTo("unsupported");
        assertThat(files.get(2).path("error").path("kind").asText()).isEqualTo("malformed");
        assertThat(err.toString()).contains(text.toString(), cut.toString());

        out.getBuffer().setLength(0);
        assertThat(run("analyze", tmp.resolve("missing").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("no such file");
    }

    @Test
    void usageErrorsAreExitTwo() {
        assertThat(run("analyze")).isEqualTo(2);
        assertThat(run("analyze", "--no-such-flag", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option");
    }
}
