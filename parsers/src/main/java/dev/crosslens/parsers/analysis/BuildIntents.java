package dev.crosslens.parsers.analysis;

import dev.crosslens.model.finding.BuildIntent;

import java.util.Locale;
import java.util.Set;

/** Reads a build intent as the CLI takes it: {@code GOOS=linux,GOARCH=arm64,GOARM=7,GOAMD64=v1,CGO=0,static}. */
public final class BuildIntents {
    private static final Set<String> GOAMD64 = Set.of("v1", "v2", "v3", "v4");

    private BuildIntents() {
    }

    /** @throws IllegalArgumentException naming the part that is wrong */
    public static BuildIntent parse(String text) {
        if (text == null || text.isBlank()) return BuildIntent.NONE;
        String goos = null, goarch = null, goarm = null, goamd64 = null;
        Boolean cgo = null, staticLinked = null;
        for (String raw : text.split(",")) {
            String part = raw.trim();
            if (part.isEmpty()) continue;
            String lower = part.toLowerCase(Locale.ROOT);
            if (lower.equals("static")) { staticLinked = true; continue; }
            if (lower.equals("dynamic")) { staticLinked = false; continue; }
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected KEY=VALUE, static or dynamic, got '" + part + "'");
            String key = part.substring(0, eq).trim().toUpperCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            if (value.isEmpty()) throw new IllegalArgumentException("empty value for " + key);
            switch (key) {
                case "GOOS": goos = value.toLowerCase(Locale.ROOT); break;
                case "GOARCH": goarch = value.toLowerCase(Locale.ROOT); break;
                case "GOARM":
                    if (!value.matches("[5-7](,softfloat|,hardfloat)?")) {
                        throw new IllegalArgumentException("GOARM must be 5, 6 or 7, got '" + value + "'");
                    }
                    goarm = value;
                    break;
                case "GOAMD64":
                    if (!GOAMD64.contains(value)) throw new IllegalArgumentException("GOAMD64 must be v1..v4, got '" + value + "'");
                    goamd64 = value;
                    break;
                case "CGO": case "CGO_ENABLED":
                    if (!value.equals("0") && !value.equals("1")) {
                        throw new IllegalArgumentException(key + " must be 0 or 1, got '" + value + "'");
                    }
                    cgo = value.equals("1");
                    break;
                case "STATIC":
                    staticLinked = value.equals("1") || value.equalsIgnoreCase("true");
                    break;
                default:
                    throw new IllegalArgumentException("unknown intent key " + key
                            + " (known: GOOS, GOARCH, GOARM, GOAMD64, CGO, static)");
            }
        }
        return new BuildIntent(goos, goarch, goarm, goamd64, cgo, staticLinked);
    }
}
