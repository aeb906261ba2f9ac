package dev.crosslens.parsers.demangle;

/**
 * Demangles Rust symbols: the legacy scheme ({@code _ZN...17h<16 hex>E}, C++-shaped with {@code $LT$}-style
 * escapes; the hash is dropped as rustfilt does without {@code -v}) and v0 ({@code _R...}, RFC 2603: paths, generic
 * arguments, types, constants, back-references and punycode identifiers; crate hashes are not printed).
 *
 * <p>Back-references may only point backwards and recursion is capped, so hostile input ends quickly; anything
 * not understood gives null.
 */
public final class RustDemangler {
    private static final int MAX_DEPTH = 200;
    private static final int MAX_OUTPUT = 64 * 1024;
    private static final int MAX_INPUT = 16 * 1024;

    /** @return the readable name, or null when {@code mangled} is no Rust symbol this can read */
    public String demangle(String mangled) {
        if (mangled == null || mangled.length() > MAX_INPUT) return null;
        String s = mangled.startsWith("__R") || mangled.startsWith("__ZN") ? mangled.substring(1) : mangled;
        if (s.startsWith("_R")) return demangleV0(s);
        if (s.startsWith("_ZN")) return demangleLegacy(s);
        return null;
    }

    /** True when {@code mangled} has the legacy shape: an {@code _ZN} path ending in a {@code h<16 hex>} hash. */
    public boolean isLegacy(String mangled) {
        return demangleLegacy(mangled.startsWith("__ZN") ? mangled.substring(1) : mangled) != null;
    }

    // ---- legacy -------------------------------------------------------------------------------------------

    private static String demangleLegacy(String s) {
        if (!s.startsWith("_ZN")) return null;
        int pos = 3;
        StringBuilder out = new StringBuilder();
        String last = null;
        int elements = 0;
        while (pos < s.length() && s.charAt(pos) != 'E') {
            if (!Character.isDigit(s.charAt(pos))) return null;
            long len = 0;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                len = len * 10 + (s.charAt(pos++) - '0');
                if (len > s.length()) return null;
            }
            if (len == 0 || len > s.length() - pos) return null;
            String element = s.substring(pos, pos + (int) len);
            pos += (int) len;
            if (last != null) {
                String decoded = decodeLegacyElement(last);
                if (decoded == null) return null;
                if (elements > 1) out.append("::");
                out.append(decoded);
            }
            last = element;
            elements++;
        }
        if (pos != s.length() - 1 || last == null || elements < 2 || !isLegacyHash(last)) {
            // a clone suffix after E ("E.llvm.123") is accepted too
            if (!(pos < s.length() && s.charAt(pos) == 'E' && s.startsWith(".", pos + 1)) || last == null
                    || elements < 2 || !isLegacyHash(last)) {
                return null;
            }
        }
        return out.toString();
    }

    private static boolean isLegacyHash(String element) {
        if (element.length() != 17 || element.charAt(0) != 'h') return false;
        for (int i = 1; i < 17; i++) {
            if (Character.digit(element.charAt(i), 16) < 0 || Character.isUpperCase(element.charAt(i))) return false;
        }
        return true;
    }

    private static String decodeLegacyElement(String e) {
        StringBuilder out = new StringBuilder();
        int i = e.startsWith("_$") ? 1 : 0;
        while (i < e.length()) {
            char c = e.charAt(i);
            if (c == '.') {
                if (i + 1 < e.length() && e.charAt(i + 1) == '.') {
                    out.append("::");
                    i += 2;
                } else {
                    out.append('.');
                    i++;
                }
            } else if (c == '$') {
                int end = e.indexOf('$', i + 1);
                if (end < 0) return null;
                String esc = e.substring(i + 1, end);
                String rep = legacyEscape(esc);
                if (rep == null) return null;
                out.append(rep);
                i = end + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                out.append(c);
                i++;
            } else {
                return null;
            }
        }
        return out.toString();
    }

    private static String legacyEscape(String esc) {
        switch (esc) {
            case "SP": return "@";
            case "BP": return "*";
            case "RF": return "&";
            case "LT": return "<";
            case "GT": return ">";
            case "LP": return "(";
            case "RP": return ")";
            case "C": return ",";
            default:
                if (esc.length() >= 2 && esc.length() <= 7 && esc.charAt(0) == 'u') {
                    try {
                        int cp = Integer.parseInt(esc.substring(1), 16);
                        if (!Character.isValidCodePoint(cp) || Character.isISOControl(cp)) return null;
                        return new String(Character.toChars(cp));
                    } catch (NumberFormatException ex) {
                        return null;
                    }
                }
                return null;
        }
    }

    // ---- v0 -----------------------------------------------------------------------------------------------

    private static String demangleV0(String s) {
        try {
            V0 p = new V0(s);
            p.pos = 2;
            if (Character.isDigit(p.peek())) return null; // an encoding version we do not know
            p.path(true);
            if (p.pos < s.length() && Character.isUpperCase(p.peek())) {
                int save = p.out.length();
                p.path(false); // instantiating crate: not printed
                p.out.setLength(save);
            }
            if (p.pos < s.length() && p.peek() != '.' && p.peek() != '$') return null;
            return p.out.toString();
        } catch (V0.Fail e) {
            return null;
        }
    }

    private static final class V0 {
        static final class Fail extends RuntimeException {
            Fail() {
                super(null, null, false, false);
            }
        }

        final String s;
        int pos;
        int depth;
        int boundLifetimes;
        final StringBuilder out = new StringBuilder();

        V0(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        char next() {
            if (pos >= s.length()) throw new Fail();
            return s.charAt(pos++);
        }

        boolean eat(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        void add(String text) {
            out.append(text);
            if (out.length() > MAX_OUTPUT) throw new Fail();
        }

        void enter() {
            if (++depth > MAX_DEPTH) throw new Fail();
        }

        /** A base-62 number ({@code _} is 0, else digits + 1); it must fit in a u64, kept in a long. */
        long base62() {
            if (eat('_')) return 0;
            long v = 0;
            while (true) {
                char c = next();
                int d;
                if (c >= '0' && c <= '9') d = c - '0';
                else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
                else if (c >= 'A' && c <= 'Z') d = c - 'A' + 36;
                else if (c == '_') break;
                else throw new Fail();
                if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 62)) > 0) throw new Fail(); // u64 overflow
                v = v * 62 + d;
            }
            if (v == -1L) throw new Fail();
            return v + 1;
        }

        /** A base-62 number used as a count or position: small, or no answer. */
        int smallBase62() {
            long v = base62();
            if (v < 0 || v > Integer.MAX_VALUE) throw new Fail();
            return (int) v;
        }

        long optBase62(char tag) {
            if (!eat(tag)) return 0;
            long v = base62();
            if (v == -1L) throw new Fail();
            return v + 1;
        }

        long decimal() {
            if (!Character.isDigit(peek())) throw new Fail();
            if (peek() == '0') {
                pos++;
                return 0;
            }
            long v = 0;
            while (Character.isDigit(peek())) {
                v = v * 10 + (next() - '0');
                if (v > Integer.MAX_VALUE) throw new Fail();
            }
            return v;
        }

        /** Runs {@code body} at the back-referenced position, then returns here. */
        void backref(Runnable body) {
            int at = pos - 1; // the 'B'
            long target = smallBase62() + 2L; // relative to after "_R"
            if (target >= at) throw new Fail(); // only backwards: no cycles
            int save = pos;
            pos = (int) target;
            body.run();
            pos = save;
        }

        String identifier() {
            optBase62('s');
            return undisambiguatedIdentifier();
        }

        String undisambiguatedIdentifier() {
            boolean puny = eat('u');
            long len = decimal();
            eat('_');
            if (len > s.length() - pos) throw new Fail();
            String raw = s.substring(pos, pos + (int) len);
            pos += (int) len;
            if (!puny) return raw;
            try {
                return Punycode.decodeRust(raw);
            } catch (Punycode.V0Fail e) {
                throw new Fail();
            }
        }

        void path(boolean inValue) {
            enter();
            try {
                char tag = next();
                switch (tag) {
                    case 'C': {
                        String name = identifier();
                        add(name);
                        break;
                    }
                    case 'M': {
                        optBase62('s');
                        skipPath();
                        add("<");
                        type();
                        add(">");
                        break;
                    }
                    case 'X': {
                        optBase62('s');
                        skipPath();
                        add("<");
                        type();
                        add(" as ");
                        path(false);
                        add(">");
                        break;
                    }
                    case 'Y': {
                        add("<");
                        type();
                        add(" as ");
                        path(false);
                        add(">");
                        break;
                    }
                    case 'N': {
                        char ns = next();
                        if (!Character.isLetter(ns)) throw new Fail();
                        path(inValue);
                        long dis = optBase62('s');
                        String name = undisambiguatedIdentifier();
                        if (Character.isUpperCase(ns)) {
                            add("::{");
                            add(ns == 'C' ? "closure" : ns == 'S' ? "shim" : String.valueOf(ns));
                            if (!name.isEmpty()) add(":" + name);
                            add("#" + Long.toUnsignedString(dis) + "}");
                        } else if (!name.isEmpty()) {
                            add("::" + name);
                        }
                        break;
                    }
                    case 'I': {
                        path(inValue);
                        if (inValue) add("::");
                        add("<");
                        genericArgs();
                        add(">");
                        break;
                    }
                    case 'B':
                        backref(() -> path(inValue));
                        break;
                    default:
                        throw new Fail();
                }
            } finally {
                depth--;
            }
        }

        /** An impl's own path, which is parsed for position but not printed. */
        void skipPath() {
            int save = out.length();
            path(false);
            out.setLength(save);
        }

        void genericArgs() {
            boolean first = true;
            while (!eat('E')) {
                if (!first) add(", ");
                first = false;
                if (eat('L')) {
                    lifetime(smallBase62());
                } else if (eat('K')) {
                    constant();
                } else {
                    type();
                }
            }
        }

        void lifetime(long index) {
            if (index == 0) {
                add("'_");
                return;
            }
            long depthFromBinder = boundLifetimes - index;
            if (depthFromBinder < 0) throw new Fail();
            add(depthFromBinder < 26 ? "'" + (char) ('a' + depthFromBinder) : "'_" + depthFromBinder);
        }

        private static String basic(char c) {
            switch (c) {
                case 'a': return "i8";
                case 'b': return "bool";
                case 'c': return "char";
                case 'd': return "f64";
                case 'e': return "str";
                case 'f': return "f32";
                case 'h': return "u8";
                case 'i': return "isize";
                case 'j': return "usize";
                case 'l': return "i32";
                case 'm': return "u32";
                case 'n': return "i128";
                case 'o': return "u128";
                case 's': return "i16";
                case 't': return "u16";
                case 'u': return "()";
                case 'v': return "...";
                case 'x': return "i64";
                case 'y': return "u64";
                case 'z': return "!";
                case 'p': return "_";
                default: return null;
            }
        }

        void type() {
            enter();
            try {
                char c = next();
                String b = basic(c);
                if (b != null) {
                    add(b);
                    return;
                }
                switch (c) {
                    case 'R': case 'Q': {
                        add(c == 'R' ? "&" : "&mut ");
                        if (eat('L')) {
                            long lt = smallBase62();
                            if (lt != 0) {
                                int mark = out.length();
                                lifetime(lt);
                                add(" ");
                                if (c == 'Q') { // "&'a mut T"
                                    String l = out.substring(mark);
                                    out.setLength(mark - 4);
                                    add(l + "mut ");
                                }
                            }
                        }
                        type();
                        break;
                    }
                    case 'P': add("*const "); type(); break;
                    case 'O': add("*mut "); type(); break;
                    case 'A': add("["); type(); add("; "); constant(); add("]"); break;
                    case 'S': add("["); type(); add("]"); break;
                    case 'T': {
                        add("(");
                        int n = 0;
                        while (!eat('E')) {
                            if (n > 0) add(", ");
                            type();
                            n++;
                        }
                        if (n == 1) add(",");
                        add(")");
                        break;
                    }
                    case 'F': fnSig(); break;
                    case 'D': dynBounds(); break;
                    case 'B': backref(this::type); break;
                    default:
                        pos--;
                        path(false);
                }
            } finally {
                depth--;
            }
        }

        void binder(Runnable body) {
            long n = optBase62('G');
            if (n < 0 || n > 64) throw new Fail();
            int saved = boundLifetimes;
            if (n > 0) {
                add("for<");
                for (int i = 0; i < n; i++) {
                    if (i > 0) add(", ");
                    boundLifetimes++;
                    lifetime(1);
                }
                add("> ");
            }
            body.run();
            boundLifetimes = saved;
        }

        void fnSig() {
            binder(() -> {
                if (eat('U')) add("unsafe ");
                if (eat('K')) {
                    add("extern \"");
                    if (eat('C')) add("C");
                    else add(undisambiguatedIdentifier().replace('_', '-'));
                    add("\" ");
                }
                add("fn(");
                boolean first = true;
                while (!eat('E')) {
                    if (!first) add(", ");
                    first = false;
                    type();
                }
                add(")");
                if (eat('u')) return;
                add(" -> ");
                type();
            });
        }

        void dynBounds() {
            add("dyn ");
            binder(() -> {
                boolean first = true;
                while (!eat('E')) {
                    if (!first) add(" + ");
                    first = false;
                    dynTrait();
                }
            });
            if (!eat('L')) throw new Fail();
            long lt = smallBase62();
            if (lt != 0) {
                add(" + ");
                lifetime(lt);
            }
        }

        void dynTrait() {
            int mark = out.length();
            path(false);
            boolean open = false;
            while (eat('p')) {
                if (!open) {
                    if (out.length() > mark && out.charAt(out.length() - 1) == '>') {
                        out.setLength(out.length() - 1);
                        add(", ");
                    } else {
                        add("<");
                    }
                    open = true;
                } else {
                    add(", ");
                }
                add(undisambiguatedIdentifier());
                add(" = ");
                type();
            }
            if (open) add(">");
        }

        void constant() {
            enter();
            try {
                if (eat('p')) {
                    add("_");
                    return;
                }
                if (eat('B')) {
                    backref(this::constant);
                    return;
                }
                char t = next();
                switch (t) {
                    case 'a': case 's': case 'l': case 'x': case 'n': case 'i':
                    case 'h': case 't': case 'm': case 'y': case 'o': case 'j': {
                        boolean neg = eat('n');
                        java.math.BigInteger v = hexDigits();
                        add((neg ? "-" : "") + v);
                        break;
                    }
                    case 'b': {
                        java.math.BigInteger v = hexDigits();
                        if (v.signum() == 0) add("false");
                        else if (v.equals(java.math.BigInteger.ONE)) add("true");
                        else throw new Fail();
                        break;
                    }
                    case 'c': {
                        java.math.BigInteger v = hexDigits();
                        if (v.bitLength() > 21 || !Character.isValidCodePoint(v.intValue())) throw new Fail();
                        int cp = v.intValue();
                        add("'" + escapeChar(cp) + "'");
                        break;
                    }
                    default:
                        throw new Fail(); // structural constants (str, refs, ADTs) are not supported
                }
            } finally {
                depth--;
            }
        }

        private static String escapeChar(int cp) {
            switch (cp) {
                case '\t': return "\\t";
                case '\n': return "\\n";
                case '\r': return "\\r";
                case '\'': return "\\'";
                case '\\': return "\\\\";
                default:
                    if (Character.isISOControl(cp)) return "\\u{" + Integer.toHexString(cp) + "}";
                    return new String(Character.toChars(cp));
            }
        }

        java.math.BigInteger hexDigits() {
            int start = pos;
            while (Character.digit(peek(), 16) >= 0 && !Character.isUpperCase(peek())) pos++;
            if (pos - start > 32) throw new Fail();
            String hex = s.substring(start, pos);
            if (!eat('_')) throw new Fail();
            return hex.isEmpty() ? java.math.BigInteger.ZERO : new java.math.BigInteger(hex, 16);
        }
    }
}
