package dev.crosslens.parsers.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosslens.parsers.report.JsonSupport;

import java.util.List;

/**
 * The {@code crosslens.check} JSON document, version {@value #SCHEMA_VERSION}:
 * {@code {schema, schemaVersion, target, intent, files: [FileCheck]}}, where a FileCheck is
 * {@code {path, size, sha256, findings: [Finding], verdict: TargetVerdict | null, error}} and the records are written
 * by their component names.
 */
public final class CheckJson {
    public static final String SCHEMA = "crosslens.check";
    public static final int SCHEMA_VERSION = 1;

    private CheckJson() {
    }

    public static ObjectNode build(List<FileCheck> checks, String targetId, String intent) {
        var mapper = JsonSupport.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("target", targetId);
        root.put("intent", intent);
        root.set("files", mapper.valueToTree(checks));
        return root;
    }
}
