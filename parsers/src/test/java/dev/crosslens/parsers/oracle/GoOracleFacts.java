package dev.crosslens.parsers.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Section;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.model.go.GoModule;
import dev.crosslens.model.go.GoSetting;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The oracle's {@code go version -m} facts ({@code go}) and {@code go_pclntab_section} against the engine's
 * {@link GoInfo}. {@code {"error": ...}} means no build info: a Go binary (manifest toolchain {@code go}) must
 * still be recognised from its pclntab with a version; any other binary must have no Go info at all.
 */
final class GoOracleFacts {
    private static final String[] SHORTCUTS = {"GOOS", "GOARCH", "CGO_ENABLED", "-ldflags", "-tags", "-trimpath",
            "-buildmode"};

    private GoOracleFacts() {
    }

    static void compare(JsonNode oracle, JsonNode manifest, ImageCore core, OracleFacts facts) {
        GoInfo info = core.go();
        boolean pclntabSection = false;
        for (Section s : core.sections()) {
            if (s.name().equals(".gopclntab") || s.name().equals("__gopclntab")) pclntabSection = true;
        }
        facts.check("go_pclntab_section", oracle.get("go_pclntab_section"), pclntabSection);
        if (pclntabSection) {
            facts.checkValue("go.pclntab.foundBy section", true,
                    info != null && info.pclntab() != null && info.pclntab().foundBy().startsWith("section "));
        }
        JsonNode go = oracle.path("go");
        boolean goToolchain = "go".equals(manifest.path("toolchain").asText());
        if (go.has("error")) {
            if (!goToolchain) {
                facts.checkValue("go (not a Go binary)", null, info == null ? null : "Go info " + info.version());
                return;
            }
            facts.checkValue("go.buildInfo (none recorded)", null, info == null ? "no Go info"
                    : info.buildInfo() == null ? null : "build info present");
            if (info == null) return;
            facts.checkValue("go.pclntab present", true, info.pclntab() != null);
            facts.checkValue("go.version from the runtime", true, info.version() != null
                    && info.version().matches("go1\\.\\d+(\\.\\d+)?.*"));
            facts.checkValue("go.pclntab has main.main", true, info.pclntab() != null
                    && info.pclntab().functionsPerPackage().getOrDefault("main", 0) > 0);
            return;
        }
        if (info == null || info.buildInfo() == null) {
            facts.fail("go: oracle has build info, crosslens " + (info == null ? "no Go info" : "no build info"),
                    10 + go.path("settings").size());
            return;
        }
        GoBuildInfo bi = info.buildInfo();
        facts.check("go.version", go.get("version"), info.version());
        facts.check("go.path", go.get("path"), bi.path());
        facts.check("go.main_module", go.get("main_module"), bi.main() == null ? null : bi.main().path());
        facts.check("go.main_version", go.get("main_version"), bi.main() == null ? null : bi.main().version());
        facts.check("go.deps", go.get("deps"), bi.deps().size());
        long replaced = 0;
        for (GoModule d : bi.deps()) {
            if (d.replacement() != null) replaced++;
        }
        facts.check("go.replaced", go.get("replaced"), replaced);
        List<String> oracleKeys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = go.path("settings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            oracleKeys.add(e.getKey());
            facts.check("go.settings." + e.getKey(), e.getValue(), bi.setting(e.getKey()));
        }
        List<String> ourKeys = new ArrayList<>();
        for (GoSetting s : bi.settings()) ourKeys.add(s.key());
        facts.checkValue("go.settings keys in order", oracleKeys, ourKeys);
        for (String key : SHORTCUTS) {
            if (go.has(key)) facts.check("go." + key, go.get(key), bi.setting(key));
        }
        facts.checkValue("go.pclntab present", true, info.pclntab() != null);
    }
}
