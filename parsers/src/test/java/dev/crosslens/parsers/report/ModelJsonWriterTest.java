package dev.crosslens.parsers.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.graph.Graph;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.model.trace.OutputChunk;
import dev.crosslens.model.trace.RunLimits;
import dev.crosslens.model.trace.SessionHeader;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.analysis.CheckJson;
import dev.crosslens.parsers.analysis.Checker;
import dev.crosslens.parsers.analysis.SarifReport;
import dev.crosslens.parsers.analysis.TargetProfiles;
import dev.crosslens.parsers.diff.BuildDiffer;
import dev.crosslens.parsers.diff.DiffGate;
import dev.crosslens.parsers.diff.DiffSide;
import dev.crosslens.parsers.resolve.DependencyGraphBuilder;
import dev.crosslens.parsers.resolve.FlowGraphBuilder;
import dev.crosslens.parsers.resolve.ResolveOptions;
import dev.crosslens.parsers.resolve.Resolver;
import dev.crosslens.parsers.resolve.SectionMapGraphBuilder;
import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import dev.crosslens.parsers.trace.StraceParser;
import dev.crosslens.parsers.trace.TraceMapping;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The model's JSON is written without databind; it must stay the text databind writes with
 * {@link JsonSupport#mapper()}, byte for byte, compact and pretty, for every kind of document Crosslens writes.
 */
class ModelJsonWriterTest {
    private static final ObjectMapper JACKSON = JsonSupport.mapper();

    private static void assertSameAsJackson(Object doc) throws Exception {
        StringWriter pretty = new StringWriter();
        JsonSupport.write(pretty, doc);
        assertThat(pretty.toString())
                .isEqualTo(JACKSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + System.lineSeparator());
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        JsonSupport.writeUtf8(compact, doc, false, 0);
        assertThat(compact.toString(UTF_8)).isEqualTo(JACKSON.writeValueAsString(doc));
    }

    @Test
    void everyFormatOfTheFixtures() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String f : new String[] {"linux-arm64", "linux-386", "windows-amd64.exe", "windows-arm64.exe",
                "darwin-arm64", "darwin-amd64"}) {
            files.add(Fixtures.file("go-cross", f));
        }
        files.add(Fixtures.file("macho-fat", "universal"));
        for (String f : new String[] {"gnu.a", "thin.a", "static.lib", "import.lib", "win1.obj", "macho.o"}) {
            files.add(Fixtures.file("archive-mixed", f));
        }
        for (String f : new String[] {"versioned.exe", "mylib.dll", "tls.exe", "bigobj.obj", "short.lib"}) {
            files.add(Fixtures.file("pe-mingw", f));
        }
        for (Path p : files) {
            assertSameAsJackson(AnalysisReport.analyzeOne(p, ParseOptions.defaults()));
        }
    }

    @Test
    void corpusBinariesOfEachFormat() throws Exception {
        for (String id : new String[] {"rollup-4.67.4-linux-x64-gnu", "rollup-4.67.4-darwin-arm64",
                "biome-1.5.3-win32-x64", "esbuild-0.28.2-darwin-arm64"}) {
            assertSameAsJackson(AnalysisReport.analyzeOne(Corpus.require(id), ParseOptions.defaults()));
        }
    }

    @Test
    void diffCheckResolutionGraphAndTraceDocuments() throws Exception {
        BinaryFile base = Binaries.open(Fixtures.file("diff-pairs", "base"), ParseOptions.defaults());
        BinaryFile cgo = Binaries.open(Fixtures.file("diff-pairs", "cgo"), ParseOptions.defaults());
        BuildDiff diff = new BuildDiffer().diff(DiffSide.of(base), DiffSide.of(cgo));
        DiffReport report = new DiffReport(diff, DiffGate.parse("all"), new DiffGate().evaluate(diff,
                DiffGate.parse("all")));
        Map<String, Object> diffDoc = new LinkedHashMap<>();
        diffDoc.put("schema", DiffReport.SCHEMA);
        diffDoc.put("diff", diff);
        diffDoc.put("summary", report.summary());
        diffDoc.put("gate", Map.of("failed", report.gateFailed(), "hits", report.hits()));
        assertSameAsJackson(diffDoc);

        var checks = Checker.standard().check(List.of(Fixtures.file("go-cross", "linux-arm64"),
                Fixtures.file("pe-mingw", "versioned.exe")), TargetProfiles.bundled().find("debian-12-amd64")
                .orElseThrow(), null);
        assertSameAsJackson(CheckJson.build(checks, "debian-12-amd64", null));
        assertSameAsJackson(new SarifReport("0.1.0").build(checks, "debian-12-amd64", null));

        Resolution r = new Resolver().resolve(cgo, ResolveOptions.defaults());
        assertSameAsJackson(r);
        Graph flow = new FlowGraphBuilder().build(cgo.image().core(), r);
        assertSameAsJackson(flow);
        assertSameAsJackson(new DependencyGraphBuilder().build(r));
        assertSameAsJackson(new SectionMapGraphBuilder().build("cgo", cgo.image().core()));

        List<TraceEvent> events = StraceParser.parseAll(TraceMapping.load(), "x", List.of(
                "1 00:00:00.1 openat(AT_FDCWD, \"a\\u00e4\", O_RDONLY) = 3 <0.000001>",
                "1 00:00:00.2 connect(3, {sa_family=AF_INET, sin_port=htons(80), "
                        + "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)"));
        assertSameAsJackson(events);
        assertSameAsJackson(new OutputChunk(OutputChunk.Stream.STDERR, 3, "x\ty\u0001"));
        assertSameAsJackson(new SessionHeader(SessionHeader.SCHEMA, SessionHeader.VERSION, "/bin/x", "ab".repeat(32),
                "native", Map.of("strace", "6.1", "bwrap", "0.8"), List.of("a"), Map.of("PATH", "/usr/bin"),
                RunLimits.defaults(), List.of("file"), true, 1_700_000_000_000L, "test"));
    }

    @Test
    void valuesOutsideTheRecordsAndTheLinesOfASessionFile() throws Exception {
        Map<Object, Object> unordered = new java.util.HashMap<>();
        for (String k : new String[] {"zeta", "alpha", "Mid", "_under", "\u00e9"}) unordered.put(k, k.length());
        assertSameAsJackson(unordered);
        assertSameAsJackson(new TreeMap<>(Map.of(3L, "three", 1L, "one")));
        assertSameAsJackson(Map.of(OutputChunk.Stream.STDOUT, 1.5, OutputChunk.Stream.STDERR, -0.25));
        assertSameAsJackson(List.of("\"quoted\" \\ and \n newline", 'c', (short) 7, 2.5f, new java.math.BigDecimal("1.10")));

        TraceEvent e = StraceParser.parseAll(TraceMapping.load(), "x",
                List.of("7 00:00:01.5 execve(\"/bin/sh\", [\"sh\"], 0x7ffd) = 0")).get(0);
        ObjectMapper m = JsonSupport.mapper();
        var node = m.createObjectNode();
        node.put("type", "event");
        node.setAll((com.fasterxml.jackson.databind.node.ObjectNode) m.valueToTree(e));
        assertThat(JsonSupport.typedLine("event", e)).isEqualTo(m.writeValueAsString(node));
    }

    @Test
    void whatTheModelDoesNotHoldIsRefusedNotGuessed() {
        JsonFactory f = new JsonFactory();
        assertThatThrownBy(() -> {
            try (JsonGenerator g = f.createGenerator(new StringWriter())) {
                ModelJsonWriter.write(g, Path.of("/tmp"));
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UnixPath");
        java.util.HashMap<String, Object> nullKey = new java.util.HashMap<>();
        nullKey.put(null, 1);
        nullKey.put("a", 2);
        assertThatThrownBy(() -> JsonSupport.write(new StringWriter(), nullKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null key");
    }
}
