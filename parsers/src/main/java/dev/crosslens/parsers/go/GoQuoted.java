package dev.crosslens.parsers.go;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go's quoted-string syntax as {@code strconv.Quote} writes it into build info: double-quoted with escapes, or
 * back-quoted raw. Bytes written as {@code \xNN} are kept as bytes and the result is decoded as UTF-8.
 */
final class GoQuoted {
    private GoQuoted() {
    }

    /** Thrown when a quoted literal is malformed. */
    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message);
        }
    }

    /**
     * Length of the quoted literal that {@code s} starts with (Go's {@code strconv.QuotedPrefix}).
     */
    static int quotedPrefixLength(String s) throws SyntaxError {
        if (s.isEmpty()) throw new SyntaxError("empty");
        char q = s.charAt(0);
        if (q == '`') {
            int end = s.indexOf('`', 1);
            if (end < 0) throw new SyntaxError("unterminated raw string");
            return end + 1;
        }
        if (q != '"') throw new SyntaxError("not a quoted string");
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            } else if (c == '\n') {
                throw new SyntaxError("newline in quoted string");
            }
        }
        throw new SyntaxError("unterminated quoted string");
    }

    /** Go's {@code strconv.Unquote} for double- and back-quoted strings. */
    static String unquote(String s) throws SyntaxError {
        if (s.length() < 2) throw new SyntaxError("too short");
        char q = s.charAt(0);
        if (q != s.charAt(s.length() - 1)) throw new SyntaxError("unbalanced quotes");
        String body = s.substring(1, s.length() - 1);
        if (q == '`') {
            if (body.indexOf('`') >= 0) throw new SyntaxError("back quote inside raw string");
            return body.replace("\r", "");
        }
        if (q != '"') throw new SyntaxError("not a quoted string");
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '"' || c == '\n') throw new SyntaxError("unescaped " + (c == '"' ? "quote" : "newline"));
            if (c != '\\') {
                int cp = body.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            if (i + 1 >= body.length()) throw new SyntaxError("trailing backslash");
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case '\\' -> out.write('\\');
                case '"' -> out.write('"');
                case 'x' -> {
                    out.write(hex(body, i, 2));
                    i += 2;
                }
                case 'u', 'U' -> {
                    int n = e == 'u' ? 4 : 8;
                    int cp = hex(body, i, n);
                    if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        throw new SyntaxError("invalid code point " + Integer.toHexString(cp));
                    }
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    i += n;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i + 2 > body.length()) throw new SyntaxError("short octal escape");
                    int v = e - '0';
                    for (int k = 0; k < 2; k++) {
                        char d = body.charAt(i + k);
                        if (d < '0' || d > '7') throw new SyntaxError("bad octal escape");
                        v = v * 8 + (d - '0');
                    }
                    if (v > 255) throw new SyntaxError("octal escape above 255");
                    out.write(v);
                    i += 2;
                }
                default -> throw new SyntaxError("unknown escape \\" + e);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(String s, int at, int digits) throws SyntaxError {
        if (at + digits > s.length()) throw new SyntaxError("short hex escape");
        int v = 0;
        for (int k = 0; k < digits; k++) {
            int d = Character.digit(s.charAt(at + k), 16);
            if (d < 0) throw new SyntaxError("bad hex escape");
            v = (v << 4) | d;
        }
        return v;
    }
}
