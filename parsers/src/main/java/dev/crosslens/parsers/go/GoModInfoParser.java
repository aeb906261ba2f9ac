package dev.crosslens.parsers.go;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.go.GoModule;
import dev.crosslens.model.go.GoSetting;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the module-info text of Go build info line by line, as {@code runtime/debug.ParseBuildInfo} does:
 * {@code go}, {@code path}, {@code mod}, {@code dep}, {@code =>} (replaces the module on the line before) and
 * {@code build KEY=VALUE} (key and value may be Go-quoted). A malformed line becomes a diagnostic and is skipped;
 * the rest is still read.
 */
final class GoModInfoParser {
    /** What the text holds. {@code main} is null when there is no {@code mod} line. */
    record ModInfo(String goVersion, String path, GoModule main, List<GoModule> deps, List<GoSetting> settings) {
    }

    private static final int MAX_LINES = 1_000_000;

    ModInfo parse(String text, Extent extent, List<Diagnostic> diagnostics) {
        String goVersion = null;
        String path = "";
        GoModule main = null;
        List<GoModule> deps = new ArrayList<>();
        List<GoSetting> settings = new ArrayList<>();
        // index into deps of the module a following "=>" line replaces; -2 = main, -1 = none
        int last = -1;
        String[] lines = text.split("\n", -1);
        if (lines.length > MAX_LINES) {
            diagnostics.add(Diagnostic.warning("go.modinfo.too-long",
                    "module info has " + lines.length + " lines; only the first " + MAX_LINES + " were read",
                    extent));
        }
        for (int n = 0; n < Math.min(lines.length, MAX_LINES); n++) {
            String line = lines[n];
            if (line.isEmpty()) continue;
            if (line.startsWith("go\t")) {
                goVersion = line.substring(3);
                last = -1;
            } else if (line.startsWith("path\t")) {
                path = line.substring(5);
                last = -1;
            } else if (line.startsWith("mod\t")) {
                GoModule m = module(line.substring(4), n, extent, diagnostics);
                if (m != null) {
                    main = m;
                    last = -2;
                } else {
                    last = -1;
                }
            } else if (line.startsWith("dep\t")) {
                GoModule m = module(line.substring(4), n, extent, diagnostics);
                if (m != null) {
                    deps.add(m);
                    last = deps.size() - 1;
                } else {
                    last = -1;
                }
            } else if (line.startsWith("=>\t")) {
                String[] elem = line.substring(3).split("\t", -1);
                if (elem.length != 3) {
                    bad(diagnostics, extent, n, "expected 3 columns for a replacement, got " + elem.length);
                } else if (last == -1) {
                    bad(diagnostics, extent, n, "replacement with no module on the line before");
                } else {
                    GoModule rep = new GoModule(elem[0], elem[1], elem[2], null);
                    if (last == -2) {
                        main = new GoModule(main.path(), main.version(), main.sum(), rep);
                    } else {
                        GoModule d = deps.get(last);
                        deps.set(last, new GoModule(d.path(), d.version(), d.sum(), rep));
                    }
                }
                last = -1;
            } else if (line.startsWith("build\t")) {
                GoSetting s = setting(line.substring(6), n, extent, diagnostics);
                if (s != null) settings.add(s);
                last = -1;
            } else {
                bad(diagnostics, extent, n, "unexpected line '" + abbreviate(line) + "'");
                last = -1;
            }
        }
        return new ModInfo(goVersion, path, main, deps, settings);
    }

    private static GoModule module(String rest, int line, Extent extent, List<Diagnostic> diagnostics) {
        String[] elem = rest.split("\t", -1);
        if (elem.length != 2 && elem.length != 3) {
            bad(diagnostics, extent, line, "expected 2 or 3 columns for a module, got " + elem.length);
            return null;
        }
        return new GoModule(elem[0], elem[1], elem.length == 3 ? elem[2] : "", null);
    }

    private static GoSetting setting(String kv, int line, Extent extent, List<Diagnostic> diagnostics) {
        if (kv.isEmpty()) {
            bad(diagnostics, extent, line, "build line missing '='");
            return null;
        }
        String key;
        String rawValue;
        char first = kv.charAt(0);
        try {
            if (first == '=') {
                bad(diagnostics, extent, line, "build line with missing key");
                return null;
            } else if (first == '"' || first == '`') {
                int len = GoQuoted.quotedPrefixLength(kv);
                key = GoQuoted.unquote(kv.substring(0, len));
                String rest = kv.substring(len);
                if (rest.isEmpty() || rest.charAt(0) != '=') {
                    bad(diagnostics, extent, line, "no '=' after the quoted key " + key);
                    return null;
                }
                rawValue = rest.substring(1);
            } else {
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    bad(diagnostics, extent, line, "build line missing '='");
                    return null;
                }
                key = kv.substring(0, eq);
                rawValue = kv.substring(eq + 1);
            }
            String value = rawValue;
            if (!rawValue.isEmpty() && (rawValue.charAt(0) == '"' || rawValue.charAt(0) == '`')) {
                value = GoQuoted.unquote(rawValue);
            }
            return new GoSetting(key, value);
        } catch (GoQuoted.SyntaxError e) {
            bad(diagnostics, extent, line, "badly quoted build setting: " + e.getMessage());
            return null;
        }
    }

    private static void bad(List<Diagnostic> diagnostics, Extent extent, int line, String message) {
        diagnostics.add(Diagnostic.warning("go.modinfo.bad-line", "module info line " + (line + 1) + ": " + message,
                extent));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
