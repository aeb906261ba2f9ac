package dev.crosslens.parsers.demangle;

/**
 * Decodes the x86 C name decorations of Windows symbols: {@code _Func@8} (stdcall), {@code @Func@8} (fastcall) and
 * {@code Func@@16} (vectorcall) into the plain name and the bytes of arguments the callee pops.
 */
public final class Decorations {
    /** How the name was decorated. */
    public enum Convention {
        STDCALL("stdcall"), FASTCALL("fastcall"), VECTORCALL("vectorcall");

        private final String label;

        Convention(String label) {
            this.label = label;
        }

        /** {@code stdcall}, {@code fastcall}, {@code vectorcall}: the compilers' keyword without underscores. */
        public String label() {
            return label;
        }
    }

    /** A decoded decoration: {@code _Func@8} is {@code Func}, 8 argument bytes, stdcall. */
    public record Decoration(String name, int argumentBytes, Convention convention) {
    }

    private static final int MAX_ARGUMENT_BYTES = 1 << 16;

    /** @return the decoration, or null when {@code symbol} carries none of the three */
    public Decoration decode(String symbol) {
        if (symbol == null || symbol.length() < 4 || symbol.startsWith("?")) return null;
        int at = symbol.lastIndexOf('@');
        if (at <= 0 || at == symbol.length() - 1) return null;
        int bytes = argumentBytes(symbol.substring(at + 1));
        if (bytes < 0) return null;
        if (symbol.startsWith("@")) {
            String name = symbol.substring(1, at);
            return validName(name) ? new Decoration(name, bytes, Convention.FASTCALL) : null;
        }
        if (at >= 2 && symbol.charAt(at - 1) == '@') {
            String name = symbol.substring(0, at - 1);
            return validName(name) ? new Decoration(name, bytes, Convention.VECTORCALL) : null;
        }
        if (symbol.startsWith("_")) {
            String name = symbol.substring(1, at);
            return validName(name) ? new Decoration(name, bytes, Convention.STDCALL) : null;
        }
        return null;
    }

    /** A decimal multiple of 4 (the stack slot size), without sign or leading zeros. */
    private static int argumentBytes(String digits) {
        if (digits.isEmpty() || digits.length() > 6 || (digits.length() > 1 && digits.charAt(0) == '0')) return -1;
        int v = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v <= MAX_ARGUMENT_BYTES && v % 4 == 0 ? v : -1;
    }

    private static boolean validName(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '?')) return false;
        }
        return !Character.isDigit(name.charAt(0));
    }
}
