package dev.crosslens.parsers.pe;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.pe.PeVersionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builds and validates CPE 2.3 formatted strings (NISTIR 7695, section 6.2):
 * {@code cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other}.
 * Values are lower-cased, runs of blanks become {@code _}, and every printable character other than letters,
 * digits, {@code -}, {@code .} and {@code _} is quoted with a backslash.
 */
public final class Cpe23 {
    /** The eleven attributes after {@code cpe:2.3:}, in order. */
    public static final List<String> FIELDS = List.of("part", "vendor", "product", "version", "update", "edition",
            "language", "sw_edition", "target_sw", "target_hw", "other");

    private static final String QUOTABLE = "\\!\"#$%&'()*+,/:;<=>?@[]^`{|}~";
    private static final Pattern AVSTRING = Pattern.compile(
            "(\\?*|\\*?)([A-Za-z0-9\\-._]|\\\\[\\\\*?!\"#$%&'()+,/:;<=>@\\[\\]^`{|}~])+(\\?*|\\*?)|[*\\-]");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-([A-Za-z]{2}|[0-9]{3}))?|[*\\-]");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)*([-_.]?[a-z0-9]+)*");

    /** A built CPE (null when nothing could be built) and what was wrong on the way. */
    public record Result(String cpe, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private Cpe23() {
    }

    /** An application CPE from CompanyName, ProductName and ProductVersion (FileVersion, fixed info as fallbacks). */
    public static Result fromVersionInfo(PeVersionInfo info) {
        String version = info.string("ProductVersion");
        if (blank(version)) version = info.string("FileVersion");
        if (blank(version) && info.fixed() != null) version = info.fixed().productVersion();
        return build("a", info.string("CompanyName"), info.string("ProductName"), version, info.extent());
    }

    /** Builds {@code cpe:2.3:part:vendor:product:version:*:*:*:*:*:*:*}; a missing value becomes ANY with a diagnostic. */
    public static Result build(String part, String vendor, String product, String version, Extent where) {
        List<Diagnostic> diags = new ArrayList<>();
        String v = bind("vendor", vendor, where, diags);
        String p = bind("product", product, where, diags);
        String normalisedVersion = normaliseVersion(version);
        String ver = bind("version", normalisedVersion, where, diags);
        if (!"*".equals(ver) && !VERSION.matcher(normalisedVersion.toLowerCase(Locale.ROOT)).matches()) {
            diags.add(Diagnostic.warning("cpe.version.syntax", "CPE field version: \"" + version
                    + "\" is not a dotted numeric version", where));
        }
        String cpe = "cpe:2.3:" + part + ":" + v + ":" + p + ":" + ver + ":*:*:*:*:*:*:*";
        for (String problem : validate(cpe)) {
            diags.add(Diagnostic.error("cpe.invalid", problem, where));
        }
        if ("*".equals(v) && "*".equals(p)) {
            return new Result(null, diags);
        }
        return new Result(cpe, diags);
    }

    /** {@code 1, 2, 3, 4} (as rc files often spell it) becomes {@code 1.2.3.4}; blanks are trimmed. */
    static String normaliseVersion(String version) {
        if (version == null) return null;
        String v = version.strip();
        if (v.matches("\\d+(\\s*,\\s*\\d+)+")) v = v.replaceAll("\\s*,\\s*", ".");
        return v;
    }

    /** One attribute value in formatted-string form; null or blank becomes {@code *} (ANY) with a diagnostic. */
    static String bind(String field, String value, Extent where, List<Diagnostic> diags) {
        if (blank(value)) {
            diags.add(Diagnostic.warning("cpe.field.missing", "CPE field " + field
                    + ": no value in the version info; ANY (*) used", where));
            return "*";
        }
        StringBuilder sb = new StringBuilder();
        String s = value.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
        boolean dropped = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_') {
                sb.append(c);
            } else if (QUOTABLE.indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else {
                dropped = true; // non-ASCII or control: not representable in a formatted string
            }
        }
        if (dropped) {
            diags.add(Diagnostic.warning("cpe.field.characters", "CPE field " + field + ": characters of \""
                    + value + "\" outside printable ASCII were dropped", where));
        }
        if (sb.length() == 0) {
            diags.add(Diagnostic.warning("cpe.field.missing", "CPE field " + field
                    + ": nothing left of \"" + value + "\"; ANY (*) used", where));
            return "*";
        }
        return sb.toString();
    }

    /** What is wrong with a CPE 2.3 formatted string, each problem naming its field; empty when valid. */
    public static List<String> validate(String cpe) {
        List<String> problems = new ArrayList<>();
        if (cpe == null || !cpe.startsWith("cpe:2.3:")) {
            problems.add("CPE prefix: does not start with cpe:2.3:");
            return problems;
        }
        List<String> parts = splitUnescaped(cpe.substring("cpe:2.3:".length()));
        if (parts.size() != FIELDS.size()) {
            problems.add("CPE has " + parts.size() + " fields after cpe:2.3:, not " + FIELDS.size());
            return problems;
        }
        for (int i = 0; i < parts.size(); i++) {
            String field = FIELDS.get(i);
            String v = parts.get(i);
            boolean ok;
            if (i == 0) {
                ok = v.matches("[aho*\\-]");
            } else if (field.equals("language")) {
                ok = LANGUAGE.matcher(v).matches();
            } else {
                ok = AVSTRING.matcher(v).matches();
            }
            if (!ok) problems.add("CPE field " + field + ": \"" + v + "\" is not a valid value");
        }
        return problems;
    }

    private static List<String> splitUnescaped(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
            } else if (c == ':') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
