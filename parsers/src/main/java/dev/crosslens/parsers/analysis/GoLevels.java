package dev.crosslens.parsers.analysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Go build-info settings the rules and the target check compare (GOARM, GOAMD64, GO386, GOARM64, CGO_ENABLED),
 * read totally: every string comes back as a {@link Level}, with {@code problem} set when it is not a value the go
 * command writes. Build info is bytes of the file, so a crafted or damaged one may hold anything
 * ({@code GOARM=99999999999}); a bad value is a finding or CANNOT_TELL, never an exception.
 *
 * <p>The accepted forms are those of {@code go help environment} (cmd/go): GOARM {@code 5|6|7} with an optional
 * {@code ,softfloat} or {@code ,hardfloat} (Go 1.22+); GOAMD64 {@code v1..v4}; GO386 {@code sse2|softfloat};
 * GOARM64 {@code v8.0..v8.9|v9.0..v9.5} with optional {@code ,lse} and {@code ,crypto} (Go 1.23+).
 */
final class GoLevels {
    private static final Pattern GOARM = Pattern.compile("([5-7])(,softfloat|,hardfloat)?");
    private static final Pattern GOAMD64 = Pattern.compile("v([1-4])");
    private static final Pattern GOARM64 = Pattern.compile("v(8\\.[0-9]|9\\.[0-5])(,lse|,crypto)*");
    /** Longest value shown back in a message; a crafted value can be as long as the build info. */
    private static final int SHOWN = 40;

    private GoLevels() {
    }

    /**
     * One read setting.
     *
     * @param raw     the recorded text
     * @param level   the number it names (GOARM 7, GOAMD64 3), -1 when it names none or is invalid
     * @param problem why the value is not one the go command writes; null when it is valid
     */
    record Level(String key, String raw, int level, String problem) {
        boolean valid() {
            return problem == null;
        }

        /** {@code GOARM=7}, with an over-long crafted value cut. */
        String shown() {
            return key + "=" + GoLevels.shown(raw);
        }
    }

    static Level goarm(String raw) {
        Matcher m = GOARM.matcher(raw);
        if (m.matches()) return new Level("GOARM", raw, m.group(1).charAt(0) - '0', null);
        return invalid("GOARM", raw, "5, 6 or 7 (optionally with ,softfloat or ,hardfloat)");
    }

    static Level goamd64(String raw) {
        Matcher m = GOAMD64.matcher(raw);
        if (m.matches()) return new Level("GOAMD64", raw, m.group(1).charAt(0) - '0', null);
        return invalid("GOAMD64", raw, "v1, v2, v3 or v4");
    }

    static Level go386(String raw) {
        if (raw.equals("sse2") || raw.equals("softfloat")) return new Level("GO386", raw, -1, null);
        return invalid("GO386", raw, "sse2 or softfloat");
    }

    static Level goarm64(String raw) {
        if (GOARM64.matcher(raw).matches()) return new Level("GOARM64", raw, -1, null);
        return invalid("GOARM64", raw, "v8.0 to v8.9 or v9.0 to v9.5, optionally with ,lse and ,crypto");
    }

    static Level cgoEnabled(String raw) {
        if (raw.equals("0") || raw.equals("1")) return new Level("CGO_ENABLED", raw, raw.charAt(0) - '0', null);
        return invalid("CGO_ENABLED", raw, "0 or 1");
    }

    /** The reader for {@code key}, or null when the key is not one of the compared settings. */
    static Level read(String key, String raw) {
        switch (key) {
            case "GOARM": return goarm(raw);
            case "GOAMD64": return goamd64(raw);
            case "GO386": return go386(raw);
            case "GOARM64": return goarm64(raw);
            case "CGO_ENABLED": return cgoEnabled(raw);
            default: return null;
        }
    }

    private static Level invalid(String key, String raw, String expected) {
        return new Level(key, raw, -1, key + "=" + shown(raw) + " is not a value the go command writes (" + expected
                + ")");
    }

    static String shown(String raw) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length() && sb.length() < SHOWN; i++) {
            char c = raw.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return raw.length() > SHOWN ? sb + "... (" + raw.length() + " characters)" : sb.toString();
    }
}
