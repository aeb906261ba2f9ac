package dev.crosslens.parsers.trace;

import java.util.ArrayList;
import java.util.List;

/** Splits a printed argument list at its top-level commas, respecting quotes and brackets. */
public final class TraceArgs {
    private TraceArgs() {
    }

    public static List<String> split(String s) {
        List<String> out = new ArrayList<>(6);
        if (s == null) return out;
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth--;
                case ',' -> {
                    if (depth == 0) {
                        out.add(s.substring(start, i).trim());
                        start = i + 1;
                    }
                }
                default -> { }
            }
        }
        String last = s.substring(start).trim();
        if (!last.isEmpty() || !out.isEmpty()) out.add(last);
        return out;
    }

    /** The text between the first pair of double quotes, unescaped (\n, \t, \", \\, \xNN); null if none. */
    public static String firstQuoted(String s) {
        if (s == null) return null;
        int q = s.indexOf('"');
        if (q < 0) return null;
        StringBuilder sb = new StringBuilder();
        for (int i = q + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') return sb.toString();
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'x' -> {
                        if (i + 2 < s.length()) {
                            sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                            i += 2;
                        }
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
