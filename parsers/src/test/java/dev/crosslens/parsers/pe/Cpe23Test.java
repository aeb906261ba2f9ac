package dev.crosslens.parsers.pe;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cpe23Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Microsoft Corporation|Visual C++ Runtime|14.38.33130.0|cpe:2.3:a:microsoft_corporation:visual_c\\+\\+_runtime:14.38.33130.0:*:*:*:*:*:*:*",
        "Acme, Inc.|Tool: Pro|1, 2, 3, 4|cpe:2.3:a:acme\\,_inc.:tool\\:_pro:1.2.3.4:*:*:*:*:*:*:*",
        "A*B|x?y|2.0-rc1|cpe:2.3:a:a\\*b:x\\?y:2.0-rc1:*:*:*:*:*:*:*"})
    void bindsAndEscapes(String vendor, String product, String version, String expected) {
        Cpe23.Result r = Cpe23.build("a", vendor, product, version, Extent.NONE);
        assertEquals(expected, r.cpe());
        assertEquals(List.of(), Cpe23.validate(r.cpe()));
        assertEquals(List.of(), r.diagnostics());
    }

    @Test
    void missingFieldsAreNamed() {
        Cpe23.Result r = Cpe23.build("a", null, "Widget", "", Extent.NONE);
        assertEquals("cpe:2.3:a:*:widget:*:*:*:*:*:*:*:*", r.cpe());
        List<String> messages = r.diagnostics().stream().map(Diagnostic::message).toList();
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("CPE field vendor")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("CPE field version")), messages.toString());
        assertNull(Cpe23.build("a", " ", null, "1.0", Extent.NONE).cpe());
    }

    @Test
    void versionSyntaxIsChecked() {
        Cpe23.Result r = Cpe23.build("a", "acme", "tool", "build of tuesday", Extent.NONE);
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals("cpe.version.syntax")
                && d.message().contains("version")), r.diagnostics().toString());
    }

    @Test
    void validatorNamesTheBrokenField() {
        assertEquals(List.of("CPE field product: \"a b\" is not a valid value"),
                Cpe23.validate("cpe:2.3:a:acme:a b:1.0:*:*:*:*:*:*:*"));
        assertEquals(List.of("CPE field part: \"x\" is not a valid value"),
                Cpe23.validate("cpe:2.3:x:acme:tool:1.0:*:*:*:*:*:*:*"));
        assertEquals(List.of("CPE field language: \"english\" is not a valid value"),
                Cpe23.validate("cpe:2.3:a:acme:tool:1.0:*:*:english:*:*:*:*"));
        assertEquals(List.of("CPE has 10 fields after cpe:2.3:, not 11"),
                Cpe23.validate("cpe:2.3:a:acme:tool:1.0:*:*:*:*:*:*"));
        assertEquals(List.of(), Cpe23.validate("cpe:2.3:a:acme:tool\\:x:1.0:*:*:en-us:*:*:*:*"));
    }
}
