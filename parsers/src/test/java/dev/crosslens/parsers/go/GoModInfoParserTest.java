package dev.crosslens.parsers.go;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.go.GoSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoModInfoParserTest {

    private static GoModInfoParser.ModInfo parse(String text, List<Diagnostic> diags) {
        return new GoModInfoParser().parse(text, Extent.of(0, text.length()), diags);
    }

    @Test
    void readsEveryKindOfLineInOrder() {
        String text = "go\tgo1.21.0\npath\texample.com/cmd/x\nmod\texample.com\t(devel)\t\n"
                + "dep\tgithub.com/a/b\tv1.0.0\th1:AAA=\n=>\tgithub.com/c/b\tv1.1.0\th1:BBB=\n"
                + "dep\tgolang.org/x/text\tv0.3.0\th1:CCC=\n"
                + "build\t-buildmode=exe\nbuild\t-compiler=gc\nbuild\t-ldflags=\"-s -w -X \\\"main.v=1 2\\\"\"\n"
                + "build\t-tags=netgo,osusergo\nbuild\tCGO_ENABLED=1\nbuild\tCGO_CFLAGS=\n"
                + "build\t\"odd key=\"=value\nbuild\tvcs.modified=true\n";
        List<Diagnostic> diags = new ArrayList<>();
        GoModInfoParser.ModInfo m = parse(text, diags);
        assertTrue(diags.isEmpty(), diags.toString());
        assertEquals("go1.21.0", m.goVersion());
        assertEquals("example.com/cmd/x", m.path());
        assertEquals("(devel)", m.main().version());
        assertEquals(2, m.deps().size());
        assertEquals("github.com/c/b", m.deps().get(0).replacement().path());
        assertEquals("h1:BBB=", m.deps().get(0).replacement().sum());
        assertNull(m.deps().get(1).replacement());
        assertEquals(List.of(new GoSetting("-buildmode", "exe"), new GoSetting("-compiler", "gc"),
                new GoSetting("-ldflags", "-s -w -X \"main.v=1 2\""), new GoSetting("-tags", "netgo,osusergo"),
                new GoSetting("CGO_ENABLED", "1"), new GoSetting("CGO_CFLAGS", ""),
                new GoSetting("odd key=", "value"), new GoSetting("vcs.modified", "true")), m.settings());
    }

    @Test
    void badLinesBecomeDiagnosticsAndTheRestIsRead() {
        List<Diagnostic> diags = new ArrayList<>();
        GoModInfoParser.ModInfo m = parse("=>\tx\tv1\t\ngarbage\nbuild\tnoequals\nbuild\t=v\n"
                + "build\tK=\"unterminated\nmod\tonly-one\npath\tp\nbuild\tA=B\n", diags);
        assertEquals(6, diags.size(), diags.toString());
        assertEquals("p", m.path());
        assertNull(m.main());
        assertEquals(List.of(new GoSetting("A", "B")), m.settings());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"a b\"|a b", "\"tab\\there\"|tab\there", "\"\\x41\\101\\u00e9\"|AAé", "`raw \\n`|raw \\n",
            "\"\\U0001F600\"|\uD83D\uDE00"})
    void unquotesLikeStrconv(String quoted, String expected) throws Exception {
        assertEquals(expected, GoQuoted.unquote(quoted));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\"abc", "\"a\\qb\"", "\"\\x4\"", "\"\\400\"", "'x'"})
    void rejectsWhatStrconvRejects(String quoted) {
        assertThrows(GoQuoted.SyntaxError.class, () -> GoQuoted.unquote(quoted));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "main.main|main", "runtime.gcBgMarkWorker.func1|runtime", "net/http.(*Client).Do|net/http",
            "github.com/evanw/esbuild/internal/js_parser.(*parser).visitExpr|github.com/evanw/esbuild/internal/js_parser",
            "sync/atomic.(*Pointer[net/http.conn]).Load|sync/atomic", "go:buildid|", "type:.eq.[2]string|",
            "type..eq.runtime.T|", "gopkg.in/yaml.v3.Unmarshal|gopkg.in/yaml", "_cgo_panic|"})
    void packagePaths(String name, String pkg) {
        assertEquals(pkg == null ? "" : pkg, GoPackages.packageOf(name));
    }
}
