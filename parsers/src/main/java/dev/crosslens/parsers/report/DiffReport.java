package dev.crosslens.parsers.report;

import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.Consequence;
import dev.crosslens.model.diff.FieldChange;
import dev.crosslens.model.diff.GoModuleChange;
import dev.crosslens.model.diff.HardeningChange;
import dev.crosslens.model.diff.LibraryChange;
import dev.crosslens.model.diff.SizeChange;
import dev.crosslens.model.diff.SymbolChange;
import dev.crosslens.parsers.diff.DiffGate;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A build diff with its gate verdict, and its renderings: text, JSON ({@code crosslens.diff} v1), Markdown,
 * one self-contained HTML file, and SARIF 2.1.0.
 *
 * @param hits gate hits of the rules chosen with {@code --fail-on}
 */
public record DiffReport(BuildDiff diff, Set<DiffGate.Rule> rules, List<DiffGate.Hit> hits) {
    public static final String SCHEMA = "crosslens.diff";
    public static final int SCHEMA_VERSION = 1;

    public DiffReport {
        rules = Set.copyOf(rules);
        hits = List.copyOf(hits);
    }

    /** HTML tables (and the gate list) longer than this start folded. */
    private static final int HTML_OPEN_ROWS = 200;

    public boolean gateFailed() {
        return !hits.isEmpty();
    }

    // ---- JSON ----------------------------------------------------------------------------------------------

    public void writeJson(Writer w, boolean pretty) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", SCHEMA);
        doc.put("schemaVersion", SCHEMA_VERSION);
        doc.put("diff", diff);
        doc.put("summary", summary());
        doc.put("gate", Map.of("rules", rules.stream().map(DiffGate.Rule::id).sorted().toList(),
                "failed", gateFailed(), "hits", hits));
        JsonSupport.write(w, doc, pretty);
    }

    /** Counts per area, for headers and dashboards. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identityChanges", diff.identity().size());
        for (ChangeKind k : ChangeKind.values()) {
            m.put("symbols" + cap(k), diff.symbols().stream().filter(s -> s.kind() == k).count());
        }
        m.put("sectionChanges", diff.sections().size());
        m.put("fileSizeDelta", diff.totals().fileDelta());
        m.put("vmSizeDelta", diff.totals().vmDelta());
        m.put("libraryChanges", diff.libraries().size());
        m.put("goSettingChanges", diff.goSettings().size());
        m.put("goModuleChanges", diff.goModules().size());
        m.put("hardeningRegressions", diff.hardening().stream().filter(HardeningChange::regression).count());
        m.put("findingChanges", diff.findings().size());
        m.put("noise", diff.noise().size());
        return m;
    }

    private static String cap(ChangeKind k) {
        String s = k.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- text ----------------------------------------------------------------------------------------------

    public void writeText(PrintWriter out, int limit) {
        out.println("old: " + diff.oldName());
        out.println("new: " + diff.newName());
        if (diff.isEmpty()) {
            out.println("no semantic difference" + (diff.noise().isEmpty() ? "" : " (" + diff.noise().size()
                    + " noise items: build ids, timestamps, paths)"));
        }
        for (Consequence c : diff.consequences()) out.println("* " + c.summary());
        section(out, "identity", diff.identity().size());
        diff.identity().forEach(c -> out.println("  " + field(c)));
        long add = count(ChangeKind.ADDED), rem = count(ChangeKind.REMOVED), chg = count(ChangeKind.CHANGED);
        section(out, "symbols: +" + add + " -" + rem + " ~" + chg, diff.symbols().size());
        diff.symbols().stream().limit(limit).forEach(s -> out.println("  " + symbol(s)));
        more(out, diff.symbols().size(), limit);
        section(out, "sections (file " + signed(diff.totals().fileDelta()) + " bytes, vm "
                + signed(diff.totals().vmDelta()) + " bytes)", diff.sections().size());
        diff.sections().stream().sorted(BY_FILE_DELTA).limit(limit).forEach(s -> out.println("  " + size(s)));
        more(out, diff.sections().size(), limit);
        section(out, "segments", diff.segments().size());
        diff.segments().stream().limit(limit).forEach(s -> out.println("  " + size(s)));
        section(out, "libraries", diff.libraries().size());
        diff.libraries().forEach(l -> out.println("  " + library(l)));
        section(out, "rpaths", diff.rpaths().size());
        diff.rpaths().forEach(c -> out.println("  " + field(c)));
        section(out, "Go settings", diff.goSettings().size());
        diff.goSettings().forEach(c -> out.println("  " + field(c)));
        section(out, "Go modules", diff.goModules().size());
        diff.goModules().forEach(m -> out.println("  " + module(m)));
        section(out, "hardening", diff.hardening().size());
        diff.hardening().forEach(h -> out.println("  " + hardening(h)));
        section(out, "findings", diff.findings().size());
        diff.findings().forEach(f -> out.println("  " + (f.kind() == ChangeKind.ADDED ? "+ " : "- ")
                + f.severity().name().toLowerCase(Locale.ROOT) + " " + f.ruleId() + ": " + f.title()));
        section(out, "noise (not counted)", diff.noise().size());
        diff.noise().stream().limit(limit).forEach(c -> out.println("  " + field(c)));
        more(out, diff.noise().size(), limit);
        if (!rules.isEmpty()) {
            out.println(gateFailed() ? "gate: FAILED (" + hits.size() + ")" : "gate: passed");
            hits.stream().limit(limit).forEach(h -> out.println("  " + h.rule().id() + ": " + h.message()));
            more(out, hits.size(), limit);
        }
        out.flush();
    }

    private static final Comparator<SizeChange> BY_FILE_DELTA =
            Comparator.comparingLong((SizeChange s) -> -Math.abs(s.fileDelta())).thenComparing(SizeChange::name);

    private static void section(PrintWriter out, String title, int n) {
        if (n > 0) out.println(title + (title.contains(":") ? "" : " (" + n + ")"));
    }

    private static void more(PrintWriter out, int n, int limit) {
        if (n > limit) out.println("  ... " + (n - limit) + " more (use --limit or --json)");
    }

    private long count(ChangeKind k) {
        return diff.symbols().stream().filter(s -> s.kind() == k).count();
    }

    static String field(FieldChange c) {
        return c.field() + ": " + nv(c.oldValue()) + " -> " + nv(c.newValue());
    }

    static String symbol(SymbolChange s) {
        String sign = s.kind() == ChangeKind.ADDED ? "+" : s.kind() == ChangeKind.REMOVED ? "-" : "~";
        String extra = s.kind() == ChangeKind.CHANGED ? " (" + String.join(", ", s.changedFields())
                + (s.changedFields().contains("size") ? " " + signed(s.sizeDelta()) : "") + ")" : "";
        return sign + " [" + s.table().label() + "] " + s.displayName() + extra;
    }

    static String size(SizeChange s) {
        String sign = s.kind() == ChangeKind.ADDED ? "+" : s.kind() == ChangeKind.REMOVED ? "-" : "~";
        String perms = s.permissionsChanged() ? " perms " + s.oldPermissions() + " -> " + s.newPermissions() : "";
        return sign + " " + s.name() + " file " + s.oldFileSize() + " -> " + s.newFileSize() + " ("
                + signed(s.fileDelta()) + "), vm " + s.oldVmSize() + " -> " + s.newVmSize() + " ("
                + signed(s.vmDelta()) + ")" + perms;
    }

    static String library(LibraryChange l) {
        return switch (l.kind()) {
            case ADDED -> "+ " + l.library() + (l.importsAdded().isEmpty() ? "" : " (" + l.importsAdded().size()
                    + " imports)");
            case REMOVED -> "- " + l.library();
            case CHANGED -> "~ " + l.library() + ": +" + l.importsAdded().size() + " -" + l.importsRemoved().size()
                    + " imports" + preview(l.importsAdded(), "+") + preview(l.importsRemoved(), "-");
        };
    }

    private static String preview(List<String> names, String sign) {
        if (names.isEmpty()) return "";
        List<String> head = names.subList(0, Math.min(5, names.size()));
        return " " + sign + "[" + String.join(", ", head) + (names.size() > 5 ? ", ..." : "") + "]";
    }

    static String module(GoModuleChange m) {
        return switch (m.kind()) {
            case ADDED -> "+ " + m.path() + " " + m.newVersion();
            case REMOVED -> "- " + m.path() + " " + m.oldVersion();
            case BUMPED -> "~ " + m.path() + " " + m.oldVersion() + " -> " + m.newVersion();
            case REPLACED -> "~ " + m.path() + " => " + nv(m.oldReplacement()) + " -> " + nv(m.newReplacement());
        };
    }

    static String hardening(HardeningChange h) {
        return (h.regression() ? "! " : "  ") + h.label() + ": " + h.oldState() + " -> " + h.newState();
    }

    static String signed(long v) {
        return (v > 0 ? "+" : "") + String.format(Locale.ROOT, "%,d", v);
    }

    private static String nv(String v) {
        return v == null ? "(none)" : v;
    }

    // ---- Markdown ------------------------------------------------------------------------------------------

    public void writeMarkdown(PrintWriter out, int limit) {
        out.println("# Build diff");
        out.println();
        out.println("| | |\n|---|---|\n| old | `" + md(diff.oldName()) + "` |\n| new | `" + md(diff.newName()) + "` |");
        out.println();
        if (!diff.consequences().isEmpty()) {
            out.println("## What changed and why");
            diff.consequences().forEach(c -> out.println("- " + md(c.summary())));
            out.println();
        }
        mdTable(out, "Identity", List.of("field", "old", "new"),
                diff.identity().stream().map(c -> List.of(c.field(), nv(c.oldValue()), nv(c.newValue()))).toList(), limit);
        mdTable(out, "Symbols", List.of("change", "table", "symbol", "detail"), diff.symbols().stream()
                .map(s -> List.of(s.kind().name().toLowerCase(Locale.ROOT), s.table().label(), s.displayName(),
                        String.join(", ", s.changedFields()))).toList(), limit);
        mdTable(out, "Sections (file " + signed(diff.totals().fileDelta()) + " B, vm " + signed(diff.totals().vmDelta())
                + " B)", List.of("section", "file old", "file new", "delta", "vm delta"), diff.sections().stream()
                .sorted(BY_FILE_DELTA).map(s -> List.of(s.name(), String.valueOf(s.oldFileSize()),
                        String.valueOf(s.newFileSize()), signed(s.fileDelta()), signed(s.vmDelta()))).toList(), limit);
        mdTable(out, "Segments", List.of("segment", "file old", "file new", "delta", "vm delta"), diff.segments()
                .stream().map(s -> List.of(s.name(), String.valueOf(s.oldFileSize()), String.valueOf(s.newFileSize()),
                        signed(s.fileDelta()), signed(s.vmDelta()))).toList(), limit);
        mdTable(out, "Libraries", List.of("change"), diff.libraries().stream().map(l -> List.of(library(l))).toList(), limit);
        mdTable(out, "RPATH / RUNPATH", List.of("field", "old", "new"), diff.rpaths().stream()
                .map(c -> List.of(c.field(), nv(c.oldValue()), nv(c.newValue()))).toList(), limit);
        mdTable(out, "Go settings", List.of("setting", "old", "new"), diff.goSettings().stream()
                .map(c -> List.of(c.field(), nv(c.oldValue()), nv(c.newValue()))).toList(), limit);
        mdTable(out, "Go modules", List.of("change"), diff.goModules().stream().map(m -> List.of(module(m))).toList(), limit);
        mdTable(out, "Hardening", List.of("property", "old", "new", "regression"), diff.hardening().stream()
                .map(h -> List.of(h.label(), h.oldState().name(), h.newState().name(), h.regression() ? "yes" : ""))
                .toList(), limit);
        mdTable(out, "Findings", List.of("change", "severity", "rule", "title"), diff.findings().stream()
                .map(f -> List.of(f.kind().name().toLowerCase(Locale.ROOT), f.severity().name(), f.ruleId(), f.title()))
                .toList(), limit);
        mdTable(out, "Noise (kept apart)", List.of("field", "old", "new"), diff.noise().stream()
                .map(c -> List.of(c.field(), nv(c.oldValue()), nv(c.newValue()))).toList(), limit);
        if (!rules.isEmpty()) {
            out.println("## Gate: " + (gateFailed() ? "failed" : "passed"));
            hits.stream().limit(limit).forEach(h -> out.println("- `" + h.rule().id() + "` " + md(h.message())));
            if (hits.size() > limit) out.println("- ... " + (hits.size() - limit) + " more in the JSON report");
        }
        out.flush();
    }

    private static void mdTable(PrintWriter out, String title, List<String> header, List<List<String>> rows, int limit) {
        if (rows.isEmpty()) return;
        out.println("## " + title + " (" + rows.size() + ")");
        out.println();
        out.println("| " + String.join(" | ", header) + " |");
        out.println("|" + "---|".repeat(header.size()));
        rows.stream().limit(limit).forEach(r -> out.println("| " + String.join(" | ", r.stream().map(DiffReport::md).toList()) + " |"));
        if (rows.size() > limit) out.println("\n... " + (rows.size() - limit) + " more rows in the JSON report.");
        out.println();
    }

    private static String md(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    // ---- HTML ----------------------------------------------------------------------------------------------

    /** One self-contained HTML page (inline CSS, no scripts from elsewhere) that a CI can publish. */
    public void writeHtml(PrintWriter out) {
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Crosslens diff</title>");
        out.println("<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1d2330;background:#fbfcfe}"
                + "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em;border-bottom:1px solid #d5dbe6}"
                + "table{border-collapse:collapse;margin:.4em 0;width:100%}td,th{padding:2px 8px;text-align:left;"
                + "border-bottom:1px solid #eef1f6;font-family:ui-monospace,monospace;font-size:12px}"
                + "th{background:#eef1f6}.added{background:#e7f6ea}.removed{background:#fbe9e9}.changed{background:#fdf6e3}"
                + ".bar-pos{background:#d9534f;height:10px;display:inline-block}.bar-neg{background:#3c9a5f;height:10px;display:inline-block}"
                + ".fail{color:#b42318;font-weight:bold}.pass{color:#2e7d32;font-weight:bold}details{margin:.3em 0}"
                + "code{background:#eef1f6;padding:0 3px}</style></head><body>");
        out.println("<h1>Crosslens build diff</h1><table><tr><th>old</th><td>" + h(diff.oldName()) + "</td></tr><tr><th>new</th><td>"
                + h(diff.newName()) + "</td></tr></table>");
        if (!rules.isEmpty()) {
            out.println("<p class=\"" + (gateFailed() ? "fail\">Gate failed (" + hits.size() + ")"
                    : "pass\">Gate passed") + "</p>");
            if (!hits.isEmpty()) {
                // the first hits in view, the rest folded: a gate on 1,500 removed symbols must not bury the page
                out.println("<details" + (hits.size() <= HTML_OPEN_ROWS ? " open" : "") + "><summary>" + hits.size()
                        + " gate hits</summary><ul>");
                hits.forEach(x -> out.println("<li><code>" + h(x.rule().id()) + "</code> " + h(x.message()) + "</li>"));
                out.println("</ul></details>");
            }
        }
        if (diff.isEmpty()) out.println("<p>No semantic difference.</p>");
        if (!diff.consequences().isEmpty()) {
            out.println("<h2>What changed and why</h2><ul>");
            diff.consequences().forEach(c -> out.println("<li>" + h(c.summary()) + "</li>"));
            out.println("</ul>");
        }
        htmlRows(out, "Identity", diff.identity().stream().map(c -> row("changed", c.field(), nv(c.oldValue()), nv(c.newValue()))).toList(),
                "field", "old", "new");
        htmlRows(out, "Symbols", diff.symbols().stream().map(s -> row(s.kind().name().toLowerCase(Locale.ROOT),
                s.kind().name().toLowerCase(Locale.ROOT), s.table().label(), s.displayName(),
                String.join(", ", s.changedFields()))).toList(), "change", "table", "symbol", "fields");
        long max = Math.max(1, diff.sections().stream().mapToLong(s -> Math.abs(s.fileDelta())).max().orElse(1));
        List<String> secRows = new ArrayList<>();
        diff.sections().stream().sorted(BY_FILE_DELTA).forEach(s -> {
            long w = Math.round(200.0 * Math.abs(s.fileDelta()) / max);
            String bar = "<span class=\"" + (s.fileDelta() > 0 ? "bar-pos" : "bar-neg") + "\" style=\"width:" + w + "px\"></span>";
            secRows.add("<tr class=\"" + s.kind().name().toLowerCase(Locale.ROOT) + "\"><td>" + h(s.name()) + "</td><td>"
                    + s.oldFileSize() + "</td><td>" + s.newFileSize() + "</td><td>" + signed(s.fileDelta()) + "</td><td>"
                    + bar + "</td><td>" + signed(s.vmDelta()) + "</td></tr>");
        });
        htmlRows(out, "Sections (file " + signed(diff.totals().fileDelta()) + " B, vm " + signed(diff.totals().vmDelta()) + " B)",
                secRows, "section", "file old", "file new", "delta", "", "vm delta");
        htmlRows(out, "Segments", diff.segments().stream().map(s -> row(s.kind().name().toLowerCase(Locale.ROOT), s.name(),
                String.valueOf(s.oldFileSize()), String.valueOf(s.newFileSize()), signed(s.fileDelta()),
                signed(s.vmDelta()))).toList(), "segment", "file old", "file new", "delta", "vm delta");
        htmlRows(out, "Libraries", diff.libraries().stream().map(l -> row(l.kind().name().toLowerCase(Locale.ROOT), library(l))).toList(), "change");
        htmlRows(out, "RPATH / RUNPATH", diff.rpaths().stream().map(c -> row("changed", c.field(), nv(c.oldValue()),
                nv(c.newValue()))).toList(), "field", "old", "new");
        htmlRows(out, "Go settings", diff.goSettings().stream().map(c -> row("changed", c.field(), nv(c.oldValue()), nv(c.newValue()))).toList(),
                "setting", "old", "new");
        htmlRows(out, "Go modules", diff.goModules().stream().map(m -> row("changed", module(m))).toList(), "change");
        htmlRows(out, "Hardening", diff.hardening().stream().map(x -> row(x.regression() ? "removed" : "changed", x.label(),
                x.oldState().name(), x.newState().name())).toList(), "property", "old", "new");
        htmlRows(out, "Findings", diff.findings().stream().map(f -> row(f.kind().name().toLowerCase(Locale.ROOT),
                f.severity().name(), f.ruleId(), f.title())).toList(), "severity", "rule", "title");
        htmlRows(out, "Noise (kept apart)", diff.noise().stream().map(c -> row("", c.field(), nv(c.oldValue()), nv(c.newValue()))).toList(),
                "field", "old", "new");
        out.println("</body></html>");
        out.flush();
    }

    private static String row(String cls, String... cells) {
        StringBuilder sb = new StringBuilder("<tr class=\"").append(cls).append("\">");
        for (String c : cells) sb.append("<td>").append(h(c)).append("</td>");
        return sb.append("</tr>").toString();
    }

    private static void htmlRows(PrintWriter out, String title, List<String> rows, String... header) {
        if (rows.isEmpty()) return;
        out.println("<h2>" + h(title) + " (" + rows.size() + ")</h2><details" + (rows.size() <= HTML_OPEN_ROWS ? " open" : "")
                + "><summary>" + rows.size() + " rows</summary><table><tr>");
        for (String x : header) out.print("<th>" + h(x) + "</th>");
        out.println("</tr>");
        rows.forEach(out::println);
        out.println("</table></details>");
    }

    private static String h(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---- SARIF ---------------------------------------------------------------------------------------------

    /**
     * SARIF 2.1.0: every gate rule is a reporting rule; each hit of a rule chosen with {@code --fail-on} is an
     * {@code error} result, hits of the other rules are {@code note}s, so the log shows everything a gate
     * could have caught.
     */
    public void writeSarif(Writer w, String toolVersion, boolean pretty) throws IOException {
        List<Map<String, Object>> ruleDescs = new ArrayList<>();
        for (DiffGate.Rule r : DiffGate.Rule.values()) {
            Map<String, Object> rd = new LinkedHashMap<>();
            rd.put("id", r.id());
            rd.put("shortDescription", Map.of("text", r.description()));
            rd.put("defaultConfiguration", Map.of("level", rules.contains(r) ? "error" : "note"));
            ruleDescs.add(rd);
        }
        List<DiffGate.Hit> all = new DiffGate().evaluate(diff, java.util.EnumSet.allOf(DiffGate.Rule.class));
        List<Map<String, Object>> results = new ArrayList<>();
        for (DiffGate.Hit hit : all) {
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("ruleId", hit.rule().id());
            res.put("ruleIndex", hit.rule().ordinal());
            res.put("level", rules.contains(hit.rule()) ? "error" : "note");
            res.put("message", Map.of("text", hit.message()));
            res.put("locations", List.of(Map.of("physicalLocation", Map.of("artifactLocation",
                    Map.of("uri", uri(diff.newName()))))));
            results.add(res);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "crosslens");
        driver.put("version", toolVersion);
        driver.put("rules", ruleDescs);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("artifacts", List.of(Map.of("location", Map.of("uri", uri(diff.oldName())), "roles", List.of("analysisTarget")),
                Map.of("location", Map.of("uri", uri(diff.newName())), "roles", List.of("analysisTarget"))));
        run.put("results", results);
        run.put("properties", Map.of("summary", summary(), "gateFailed", gateFailed()));
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        JsonSupport.write(w, log, pretty);
    }

    /** A relative or file URI for a path, as SARIF's artifactLocation.uri wants (the slice suffix dropped). */
    static String uri(String name) {
        String path = name.replaceAll(" \\[[^\\]]*\\]$", "");
        java.nio.file.Path p = java.nio.file.Path.of(path);
        return p.isAbsolute() ? p.toUri().toString() : path.replace('\\', '/').replace(" ", "%20");
    }
}
