package dev.crosslens.parsers.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosslens.model.Extent;
import dev.crosslens.model.Severity;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.finding.TargetReason;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes checks as one SARIF 2.1.0 run: {@code tool.driver.rules} from the rule catalogue, one artifact per file,
 * one result per finding (target reasons included) with a byte region from its evidence, and the target verdicts
 * in the run's property bag.
 */
public final class SarifReport {
    public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

    private final String toolVersion;

    public SarifReport(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    public static String level(Severity s) {
        switch (s) {
            case ERROR: return "error";
            case WARNING: return "warning";
            default: return "note";
        }
    }

    public ObjectNode build(List<FileCheck> checks, String targetId, String intent) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("$schema", SCHEMA_URI);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "crosslens");
        driver.put("version", toolVersion);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (RuleInfo r : Rules.catalogue()) {
            ruleIndex.put(r.id(), ruleIndex.size());
            ObjectNode rn = rules.addObject();
            rn.put("id", r.id());
            rn.putObject("shortDescription").put("text", r.title());
            rn.putObject("fullDescription").put("text", r.description().isEmpty() ? r.title() : r.description());
            rn.putObject("help").put("text", r.fix().isEmpty() ? r.title() : "Fix: " + r.fix());
            rn.putObject("defaultConfiguration").put("level", level(r.severity()));
        }
        ArrayNode artifacts = run.putArray("artifacts");
        ArrayNode results = run.putArray("results");
        ArrayNode verdicts = json.createArrayNode();
        for (int i = 0; i < checks.size(); i++) {
            FileCheck c = checks.get(i);
            ObjectNode a = artifacts.addObject();
            a.putObject("location").put("uri", uri(c.path()));
            if (c.size() >= 0) a.put("length", c.size());
            if (c.sha256() != null && !c.sha256().isEmpty()) a.putObject("hashes").put("sha-256", c.sha256());
            a.putArray("roles").add("analysisTarget");
            List<Finding> all = new ArrayList<>(c.findings());
            Map<Finding, String> effects = new LinkedHashMap<>();
            if (c.verdict() != null) {
                for (TargetReason r : c.verdict().reasons()) {
                    all.add(r.finding());
                    effects.put(r.finding(), r.effect().name());
                }
                ObjectNode v = verdicts.addObject();
                v.put("file", c.path());
                v.put("target", c.verdict().targetId());
                v.put("verdict", c.verdict().verdict().name());
                ArrayNode passed = v.putArray("passed");
                c.verdict().passed().forEach(passed::add);
            }
            if (c.error() != null) {
                ObjectNode v = verdicts.addObject();
                v.put("file", c.path());
                v.put("error", c.error());
            }
            for (Finding f : all) {
                results.add(result(json, f, i, c.path(), ruleIndex, effects.get(f)));
            }
        }
        ObjectNode props = run.putObject("properties");
        if (targetId != null) props.put("target", targetId);
        if (intent != null && !intent.isEmpty()) props.put("intent", intent);
        props.set("verdicts", verdicts);
        ObjectNode inv = run.putArray("invocations").addObject();
        inv.put("executionSuccessful", checks.stream().allMatch(c -> c.error() == null));
        return root;
    }

    private static ObjectNode result(ObjectMapper json, Finding f, int artifactIndex, String path,
                                     Map<String, Integer> ruleIndex, String effect) {
        ObjectNode r = json.createObjectNode();
        r.put("ruleId", f.id());
        Integer idx = ruleIndex.get(f.id());
        if (idx != null) r.put("ruleIndex", idx);
        r.put("level", level(f.severity()));
        String text = f.title() + (f.scope().isEmpty() ? "" : " [" + f.scope() + "]") + ". " + f.explanation()
                + (f.fix().isEmpty() ? "" : " Fix: " + f.fix());
        r.putObject("message").put("text", text);
        ArrayNode locations = r.putArray("locations");
        boolean any = false;
        for (Evidence e : f.evidence()) {
            if (!e.extent().isKnown()) continue;
            locations.add(location(json, path, artifactIndex, e.extent(), e.label() + ": " + e.value()));
            any = true;
        }
        if (!any) locations.add(location(json, path, artifactIndex, Extent.NONE, null));
        ObjectNode props = r.putObject("properties");
        if (!f.scope().isEmpty()) props.put("scope", f.scope());
        props.put("fix", f.fix());
        if (effect != null) props.put("verdictEffect", effect);
        ArrayNode ev = props.putArray("evidence");
        for (Evidence e : f.evidence()) {
            ObjectNode en = ev.addObject();
            en.put("kind", e.kind());
            en.put("label", e.label());
            en.put("value", e.value());
            if (e.extent().isKnown()) {
                en.put("offset", e.extent().offset());
                en.put("size", e.extent().size());
            }
        }
        return r;
    }

    private static ObjectNode location(ObjectMapper json, String path, int artifactIndex, Extent extent, String text) {
        ObjectNode loc = json.createObjectNode();
        ObjectNode phys = loc.putObject("physicalLocation");
        ObjectNode art = phys.putObject("artifactLocation");
        art.put("uri", uri(path));
        art.put("index", artifactIndex);
        if (extent.isKnown()) {
            ObjectNode region = phys.putObject("region");
            region.put("byteOffset", extent.offset());
            region.put("byteLength", extent.size());
        }
        if (text != null) loc.putObject("message").put("text", text);
        return loc;
    }

    /** A relative or absolute path as a URI reference ({@code dir/a%20b.exe}, {@code file:///abs/path}). */
    static String uri(String path) {
        String p = path.replace('\\', '/');
        try {
            if (p.startsWith("/")) return new URI("file", "", p, null).toString();
            return new URI(null, null, p, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot make a URI of " + path, e);
        }
    }
}
