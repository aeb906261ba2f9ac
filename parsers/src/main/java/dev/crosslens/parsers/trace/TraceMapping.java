package dev.crosslens.parsers.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.parsers.report.JsonSupport;
import dev.crosslens.model.trace.RiskLevel;
import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The table {@code data/trace/api-map.json} (documented beside it): category, Windows API and risk for each
 * observed call. Immutable once loaded; share one instance.
 */
public final class TraceMapping {
    private static final String RESOURCE = "/dev/crosslens/data/trace/api-map.json";

    /** One rule of the table. */
    record Rule(Set<String> names, Pattern pattern, List<String> argsAll, List<String> argsAny,
                Set<String> always, Pattern pathPattern, Map<Integer, Pattern> argPatterns, Pattern originPattern,
                TraceCategory category, String windowsApi, RiskLevel risk, String reason) {
        boolean matches(TraceEvent e, String bareName, String[] joined) {
            if (names != null && !names.contains(bareName)) return false;
            if (pattern != null && !pattern.matcher(bareName).find()) return false;
            if (originPattern != null && !originPattern.matcher(e.origin()).find()) return false;
            for (Map.Entry<Integer, Pattern> a : argPatterns.entrySet()) {
                if (!a.getValue().matcher(e.argument(a.getKey())).find()) return false;
            }
            if (!argsAll.isEmpty() || !argsAny.isEmpty()) {
                if (joined[0] == null) joined[0] = String.join(",", e.arguments());
                String args = joined[0];
                for (String a : argsAll) {
                    if (!args.contains(a)) return false;
                }
                if (!argsAny.isEmpty() && !always.contains(bareName)) {
                    boolean any = false;
                    for (String a : argsAny) {
                        if (args.contains(a)) { any = true; break; }
                    }
                    if (!any) return false;
                }
            }
            if (pathPattern != null) {
                String p = TraceFacts.path(e);
                return p != null && pathPattern.matcher(p).find();
            }
            return true;
        }
    }

    private final List<Rule> syscallRules;
    private final Map<String, List<Rule>> syscallRulesByName;
    private final List<Rule> apiRules;
    private final Pattern relayKeep;
    private final Map<String, Set<String>> channels;

    private TraceMapping(List<Rule> syscallRules, List<Rule> apiRules, Pattern relayKeep,
                         Map<String, Set<String>> channels) {
        this.syscallRules = List.copyOf(syscallRules);
        this.apiRules = List.copyOf(apiRules);
        this.relayKeep = relayKeep;
        this.channels = Map.copyOf(channels);
        Map<String, List<Rule>> by = new HashMap<>();
        for (Rule r : syscallRules) {
            for (String n : r.names()) by.computeIfAbsent(n, k -> new ArrayList<>()).add(r);
        }
        this.syscallRulesByName = by;
    }

    /** Loads the table from the classpath. */
    public static TraceMapping load() {
        try (InputStream in = TraceMapping.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing " + RESOURCE + " on the classpath");
            return parse(JsonSupport.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static TraceMapping parse(JsonNode root) {
        List<Rule> sys = new ArrayList<>();
        for (JsonNode r : root.path("syscallRules")) sys.add(rule(r, false));
        List<Rule> api = new ArrayList<>();
        for (JsonNode r : root.path("windowsApiRules")) api.add(rule(r, true));
        Map<String, Set<String>> ch = new HashMap<>();
        root.path("winedebugChannels").fields().forEachRemaining(f -> ch.put(f.getKey(), Set.copyOf(strings(f.getValue()))));
        return new TraceMapping(sys, api, Pattern.compile(root.path("relayKeep").asText("^$")), ch);
    }

    private static Rule rule(JsonNode r, boolean api) {
        Map<Integer, Pattern> argPatterns = new java.util.TreeMap<>();
        r.path("argPatterns").fields().forEachRemaining(f -> argPatterns.put(Integer.parseInt(f.getKey()),
                Pattern.compile(f.getValue().asText())));
        return new Rule(api ? null : Set.copyOf(strings(r.path("syscalls"))),
                api ? Pattern.compile(r.path("pattern").asText()) : null,
                strings(r.path("argsAll")), strings(r.path("argsAny")), Set.copyOf(strings(r.path("syscallsAlways"))),
                r.hasNonNull("pathPattern") ? Pattern.compile(r.path("pathPattern").asText()) : null,
                Map.copyOf(argPatterns),
                r.hasNonNull("originPattern") ? Pattern.compile(r.path("originPattern").asText()) : null,
                TraceCategory.parse(r.path("category").asText("other")),
                r.hasNonNull("windowsApi") ? r.path("windowsApi").asText() : null,
                RiskLevel.parse(r.path("risk").asText("none")), r.path("reason").asText(""));
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : n) out.add(s.asText());
        return out;
    }

    /** Classifies a Linux syscall event; unknown syscalls stay OTHER with no risk. */
    public TraceEvent classifySyscall(TraceEvent e) {
        List<Rule> rules = syscallRulesByName.get(e.name());
        if (rules != null) {
            String[] joined = new String[1];
            for (Rule r : rules) {
                if (r.matches(e, e.name(), joined)) {
                    return e.withClassification(r.category(), r.risk(), r.reason(), r.windowsApi());
                }
            }
        }
        return e;
    }

    /** Classifies a Windows API event by its bare name ({@code KERNEL32.CreateFileW} -> CreateFileW). */
    public TraceEvent classifyApi(TraceEvent e) {
        String bare = bareApiName(e.name());
        String[] joined = new String[1];
        for (Rule r : apiRules) {
            if (r.matches(e, bare, joined)) {
                return e.withClassification(r.category(), r.risk(), r.reason(), bare);
            }
        }
        return e.withClassification(e.category(), e.risk(), e.riskReason(), bare);
    }

    /** True when a relay call of this function is worth an event. */
    public boolean keepRelay(String bareName) {
        return relayKeep.matcher(bareName).find();
    }

    /** True when a WINEDEBUG trace line of {@code channel}/{@code function} becomes an event. */
    public boolean keepChannel(String channel, String function) {
        Set<String> fs = channels.get(channel);
        return fs != null && fs.contains(function);
    }

    public int syscallRuleCount() {
        return syscallRules.size();
    }

    public static String bareApiName(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 ? name.substring(dot + 1) : name;
    }
}
