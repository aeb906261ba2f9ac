package dev.crosslens.parsers.analysis;

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

    /** The document; its fields are written in this order. */
    public record Document(String schema, int schemaVersion, String target, String intent, List<FileCheck> files) {
        public Document {
            files = List.copyOf(files);
        }
    }

    public static Document build(List<FileCheck> checks, String targetId, String intent) {
        return new Document(SCHEMA, SCHEMA_VERSION, targetId, intent, checks);
    }
}
