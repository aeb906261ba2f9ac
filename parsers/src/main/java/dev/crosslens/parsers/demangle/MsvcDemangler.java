package dev.crosslens.parsers.demangle;

import java.util.ArrayList;
import java.util.List;

/**
 * Demangles Microsoft Visual C++ decorated names ({@code ?name@scope@@...}) into the spelling llvm-undname prints:
 * functions with access, storage and calling convention, variables, vftables and RTTI descriptors, templates
 * ({@code ?$}), name and parameter back-references, operators, pointers to functions, members and arrays.
 *
 * <p>Recursion depth, name length and output are capped; a name this does not understand gives null.
 */
public final class MsvcDemangler {
    private static final int MAX_DEPTH = 100;
    private static final int MAX_INPUT = 8 * 1024;
    private static final int MAX_OUTPUT = 32 * 1024;

    /** @return the readable name, or null when {@code mangled} is no MSVC name this can read */
    public String demangle(String mangled) {
        if (mangled == null || mangled.length() > MAX_INPUT || !mangled.startsWith("?")) return null;
        try {
            Parser p = new Parser(mangled);
            String out = p.symbol();
            if (p.pos != mangled.length() || out.length() > MAX_OUTPUT) return null;
            return out;
        } catch (Parser.Fail e) {
            return null;
        }
    }

    /** A type in two halves around where a declarator goes ({@code int (*|)[8]}). */
    private record Type(String left, String right, String callConv, boolean function, boolean array) {
        static Type simple(String s) {
            return new Type(s, "", "", false, false);
        }

        String full() {
            return (left + right).stripTrailing();
        }
    }

    private static final class Parser {
        static final class Fail extends RuntimeException {
            Fail() {
                super(null, null, false, false);
            }
        }

        final String s;
        int pos;
        int depth;
        List<String> names = new ArrayList<>();
        List<Type> params = new ArrayList<>();

        Parser(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        char peek(int ahead) {
            return pos + ahead < s.length() ? s.charAt(pos + ahead) : '\0';
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

        boolean eat(String p) {
            if (s.startsWith(p, pos)) {
                pos += p.length();
                return true;
            }
            return false;
        }

        void enter() {
            if (++depth > MAX_DEPTH) throw new Fail();
        }

        /** Encoded number: digit d is d+1; else hex letters A-P ending in '@'; '?' makes it negative. */
        long number() {
            boolean neg = eat('?');
            char c = peek();
            if (c >= '0' && c <= '9') {
                pos++;
                return neg ? -(c - '0' + 1) : c - '0' + 1;
            }
            long v = 0;
            int digits = 0;
            while (!eat('@')) {
                char h = next();
                if (h < 'A' || h > 'P' || ++digits > 16) throw new Fail();
                v = v * 16 + (h - 'A');
            }
            return neg ? -v : v;
        }

        // ---- symbols ---------------------------------------------------------------------------------------

        String symbol() {
            enter();
            try {
                if (!eat('?')) throw new Fail();
                if (eat("?_R0")) { // RTTI type descriptor: ??_R0 ?A <type> @8
                    if (!eat("?A")) throw new Fail();
                    Type t = type(true);
                    if (!eat("@8")) throw new Fail();
                    return t.full() + " `RTTI Type Descriptor'";
                }
                String[] special = new String[1];
                List<String> qualified = qualifiedName(special);
                String name = String.join("::", qualified);
                char kind = peek();
                boolean table = name.endsWith("`vftable'") || name.endsWith("`vbtable'");
                if (table != (kind == '6' || kind == '7')) throw new Fail(); // tables are data of their own kind
                if (name.contains("`typeof'") || name.contains("`vcall'") || name.contains("`local static guard'")) {
                    throw new Fail(); // encodings not supported
                }
                if (kind >= '0' && kind <= '4') {
                    pos++;
                    return variable(kind, name);
                }
                if (kind == '6' || kind == '7') { // vftable / vbtable
                    pos++;
                    String q = storageClass();
                    StringBuilder out = new StringBuilder(q.isEmpty() ? "" : q.strip() + " ").append(name);
                    if (!eat('@')) {
                        List<String> fors = new ArrayList<>();
                        while (!eat('@')) fors.add(String.join("::", scopeUntilEnd()));
                        out.append("{for ");
                        for (int i = 0; i < fors.size(); i++) {
                            if (i > 0) out.append(", ");
                            out.append('`').append(fors.get(i)).append('\'');
                        }
                        out.append('}');
                    }
                    return out.toString();
                }
                return function(name, special[0], qualified);
            } finally {
                depth--;
            }
        }

        private String variable(char kind, String name) {
            String access = switch (kind) {
                case '0' -> "private: static ";
                case '1' -> "protected: static ";
                case '2' -> "public: static ";
                default -> "";
            };
            Type t = type(false);
            String quals;
            if (t.left.endsWith("*") || t.left.endsWith("&")) {
                pointerModifiers();
                // llvm-undname folds these into the pointee's qualifiers; answer only when that changes nothing
                String storage = storageClass();
                if (!storage.isEmpty() && !t.left.endsWith(storage + " *") && !t.left.endsWith(storage + " &")) {
                    throw new Fail();
                }
                quals = "";
            } else {
                quals = storageClass();
            }
            String left = t.left + quals;
            return access + left + space(left) + name + t.right;
        }

        private String function(String name, String special, List<String> qualified) {
            char k = next();
            String access = "";
            boolean member = true;
            boolean isStatic = false;
            boolean virtual = false;
            if (k == 'Y' || k == 'Z') {
                member = false;
            } else if ("ABCDEFGH".indexOf(k) >= 0) {
                access = "private: ";
            } else if ("IJKLMNOP".indexOf(k) >= 0) {
                access = "protected: ";
            } else if ("QRSTUVWX".indexOf(k) >= 0) {
                access = "public: ";
            } else {
                throw new Fail();
            }
            if (member) {
                int sub = ("ABCDEFGH".indexOf(k) >= 0 ? "ABCDEFGH" : "IJKLMNOP".indexOf(k) >= 0 ? "IJKLMNOP"
                        : "QRSTUVWX").indexOf(k) / 2;
                isStatic = sub == 1;
                virtual = sub == 2;
                if (sub == 3) throw new Fail(); // thunks are not supported
            }
            String thisQuals = "";
            if (member && !isStatic) {
                pointerModifiers();
                thisQuals = cvText(next());
            }
            String cc = callingConvention();
            Type ret = null;
            boolean noReturn = eat('@');
            if (!noReturn) ret = returnType();
            List<Type> ps = paramList();
            if (!eat('Z')) throw new Fail(); // throw specification: only "none" is supported
            StringBuilder out = new StringBuilder(access);
            if (isStatic) out.append("static ");
            if (virtual) out.append("virtual ");
            String fname = name;
            if ("conversion".equals(special)) {
                if (ret == null) throw new Fail();
                fname = name + " " + ret.full();
            }
            if (ret != null) {
                out.append(ret.left);
                if (!ret.left.endsWith(" ")) out.append(' ');
            }
            out.append(cc).append(' ').append(fname).append('(').append(paramText(ps)).append(')');
            if (ret != null) out.append(ret.right);
            out.append(thisQuals);
            return out.toString();
        }

        private String paramText(List<Type> ps) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < ps.size(); i++) {
                if (i > 0) b.append(", ");
                b.append(ps.get(i).full());
            }
            return b.toString();
        }

        private static String cvText(char c) {
            switch (c) {
                case 'A': return "";
                case 'B': return " const";
                case 'C': return " volatile";
                case 'D': return " const volatile";
                default: throw new Fail();
            }
        }

        /** __ptr64 (E), __restrict (I), __unaligned (F), each at most once and in that order. */
        private void pointerModifiers() {
            eat('E');
            eat('I');
            eat('F');
        }

        private String storageClass() {
            char c = next();
            return cvText(c);
        }

        private String callingConvention() {
            char c = next();
            switch (c) {
                case 'A': case 'B': return "__cdecl";
                case 'C': case 'D': return "__pascal";
                case 'E': case 'F': return "__thiscall";
                case 'G': case 'H': return "__stdcall";
                case 'I': case 'J': return "__fastcall";
                case 'Q': return "__vectorcall";
                case 'S': return "__swift_1";
                default: throw new Fail();
            }
        }

        // ---- names ---------------------------------------------------------------------------------------

        /** The unqualified name then its scopes up to '@', innermost last in the returned list. */
        List<String> qualifiedName(String[] special) {
            String first = unqualifiedName(special, true);
            List<String> scopes = scopeUntilEnd();
            List<String> all = new ArrayList<>(scopes);
            if (special[0] != null && (special[0].equals("ctor") || special[0].equals("dtor"))) {
                if (scopes.isEmpty()) throw new Fail();
                String cls = scopes.get(scopes.size() - 1);
                first = (special[0].equals("dtor") ? "~" : "") + cls;
            }
            all.add(first);
            return all;
        }

        /** Scope fragments until the terminating '@', returned outermost first. */
        List<String> scopeUntilEnd() {
            List<String> parts = new ArrayList<>();
            while (!eat('@')) {
                if (pos >= s.length() || parts.size() > 64) throw new Fail();
                parts.add(0, scopeFragment());
            }
            return parts;
        }

        private String scopeFragment() {
            enter();
            try {
                if (eat("?$")) return templateName(true);
                if (peek() == '?' && Character.isDigit(peek(1))) { // ?<n>?<symbol>: `symbol'::`n'
                    pos++;
                    long n = number();
                    if (!eat('?') || peek() != '?') throw new Fail();
                    return "`" + nestedSymbol() + "'::`" + n + "'";
                }
                if (peek() == '?' && peek(1) == '?') {
                    pos++;
                    return "`" + nestedSymbol() + "'";
                }
                if (eat("?A")) { // anonymous namespace ?A0x...@
                    int end = s.indexOf('@', pos);
                    if (end < 0) throw new Fail();
                    pos = end + 1;
                    names.add("`anonymous namespace'");
                    return "`anonymous namespace'";
                }
                return simpleName();
            } finally {
                depth--;
            }
        }

        /** A whole mangled name inside a scope, with its own back-reference tables. */
        private String nestedSymbol() {
            List<String> savedNames = names;
            List<Type> savedParams = params;
            names = new ArrayList<>();
            params = new ArrayList<>();
            String inner = symbol();
            names = savedNames;
            params = savedParams;
            return inner;
        }

        private String simpleName() {
            char c = peek();
            if (c >= '0' && c <= '9') {
                pos++;
                int i = c - '0';
                if (i >= names.size()) throw new Fail();
                return names.get(i);
            }
            int end = s.indexOf('@', pos);
            if (end <= pos) throw new Fail();
            String n = s.substring(pos, end);
            for (int i = 0; i < n.length(); i++) {
                char ch = n.charAt(i);
                // '$' is legal, but llvm-undname's spacing around it is erratic: no answer rather than a guess
                if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch > 0x7f)) throw new Fail();
            }
            pos = end + 1;
            if (names.size() < 10 && !names.contains(n)) names.add(n);
            return n;
        }

        private String unqualifiedName(String[] special, boolean allowOperator) {
            // a symbol's own template name is not remembered for back-references; a type's is
            if (eat("?$")) return templateName(!allowOperator);
            if (allowOperator && eat('?')) return operatorName(special);
            return simpleName();
        }

        private String operatorName(String[] special) {
            char c = next();
            if (c == '0') {
                special[0] = "ctor";
                return "";
            }
            if (c == '1') {
                special[0] = "dtor";
                return "";
            }
            if (c == 'B') {
                special[0] = "conversion";
                return "operator";
            }
            String op;
            if (c == '_') {
                char d = next();
                op = switch (d) {
                    case '0' -> "operator/=";
                    case '1' -> "operator%=";
                    case '2' -> "operator>>=";
                    case '3' -> "operator<<=";
                    case '4' -> "operator&=";
                    case '5' -> "operator|=";
                    case '6' -> "operator^=";
                    case '7' -> "`vftable'";
                    case '8' -> "`vbtable'";
                    case '9' -> "`vcall'";
                    case 'A' -> "`typeof'";
                    case 'B' -> "`local static guard'";
                    case 'D' -> "`vbase dtor'";
                    case 'E' -> "`vector deleting dtor'";
                    case 'F' -> "`default ctor closure'";
                    case 'G' -> "`scalar deleting dtor'";
                    case 'H' -> "`vector ctor iterator'";
                    case 'I' -> "`vector dtor iterator'";
                    case 'U' -> "operator new[]";
                    case 'V' -> "operator delete[]";
                    default -> throw new Fail();
                };
            } else {
                op = switch (c) {
                    case '2' -> "operator new";
                    case '3' -> "operator delete";
                    case '4' -> "operator=";
                    case '5' -> "operator>>";
                    case '6' -> "operator<<";
                    case '7' -> "operator!";
                    case '8' -> "operator==";
                    case '9' -> "operator!=";
                    case 'A' -> "operator[]";
                    case 'C' -> "operator->";
                    case 'D' -> "operator*";
                    case 'E' -> "operator++";
                    case 'F' -> "operator--";
                    case 'G' -> "operator-";
                    case 'H' -> "operator+";
                    case 'I' -> "operator&";
                    case 'J' -> "operator->*";
                    case 'K' -> "operator/";
                    case 'L' -> "operator%";
                    case 'M' -> "operator<";
                    case 'N' -> "operator<=";
                    case 'O' -> "operator>";
                    case 'P' -> "operator>=";
                    case 'Q' -> "operator,";
                    case 'R' -> "operator()";
                    case 'S' -> "operator~";
                    case 'T' -> "operator^";
                    case 'U' -> "operator|";
                    case 'V' -> "operator&&";
                    case 'W' -> "operator||";
                    case 'X' -> "operator*=";
                    case 'Y' -> "operator+=";
                    case 'Z' -> "operator-=";
                    default -> throw new Fail();
                };
            }
            return op;
        }

        /** {@code ?$name@args@}: a template name with its own back-reference tables. */
        private String templateName(boolean memorize) {
            List<String> savedNames = names;
            List<Type> savedParams = params;
            names = new ArrayList<>();
            params = new ArrayList<>();
            String base = simpleName();
            List<String> args = new ArrayList<>();
            while (!eat('@')) {
                if (pos >= s.length() || args.size() > 64) throw new Fail();
                args.add(templateArg());
            }
            names = savedNames;
            params = savedParams;
            String full = base + "<" + String.join(", ", args) + ">";
            if (memorize && names.size() < 10) names.add(full);
            return full;
        }

        private String templateArg() {
            if (eat("$0")) return Long.toString(number());
            if (peek() == '$' && peek(1) != '$') throw new Fail();
            Type t = type(false);
            return t.full();
        }

        // ---- types ---------------------------------------------------------------------------------------

        private Type returnType() {
            if (eat("?A")) return type(true);
            if (eat("?B")) {
                Type t = type(true);
                return new Type(t.left + " const", t.right, "", false, false);
            }
            return type(false);
        }

        private List<Type> paramList() {
            List<Type> ps = new ArrayList<>();
            if (eat('X')) {
                ps.add(Type.simple("void"));
                return ps;
            }
            while (true) {
                if (eat('@')) return ps;
                if (eat('Z')) {
                    ps.add(Type.simple("..."));
                    return ps;
                }
                if (pos >= s.length() || ps.size() > 128) throw new Fail();
                char c = peek();
                if (c >= '0' && c <= '9') {
                    pos++;
                    int i = c - '0';
                    if (i >= params.size()) throw new Fail();
                    ps.add(params.get(i));
                    continue;
                }
                int start = pos;
                Type t = type(false);
                if (pos - start > 1 && params.size() < 10) params.add(t);
                ps.add(t);
            }
        }

        private Type type(boolean classTypeOnly) {
            enter();
            try {
                char c = next();
                switch (c) {
                    case 'C': return Type.simple("signed char");
                    case 'D': return Type.simple("char");
                    case 'E': return Type.simple("unsigned char");
                    case 'F': return Type.simple("short");
                    case 'G': return Type.simple("unsigned short");
                    case 'H': return Type.simple("int");
                    case 'I': return Type.simple("unsigned int");
                    case 'J': return Type.simple("long");
                    case 'K': return Type.simple("unsigned long");
                    case 'M': return Type.simple("float");
                    case 'N': return Type.simple("double");
                    case 'O': return Type.simple("long double");
                    case 'X': return Type.simple("void");
                    case '_': {
                        char d = next();
                        switch (d) {
                            case 'N': return Type.simple("bool");
                            case 'J': return Type.simple("__int64");
                            case 'K': return Type.simple("unsigned __int64");
                            case 'W': return Type.simple("wchar_t");
                            case 'S': return Type.simple("char16_t");
                            case 'U': return Type.simple("char32_t");
                            case 'Q': return Type.simple("char8_t");
                            default: throw new Fail();
                        }
                    }
                    case 'T': return Type.simple("union " + classNameText());
                    case 'U': return Type.simple("struct " + classNameText());
                    case 'V': return Type.simple("class " + classNameText());
                    case 'W': {
                        if (next() != '4') throw new Fail();
                        return Type.simple("enum " + classNameText());
                    }
                    case 'P': return pointer("*", false);
                    case 'Q': return pointer("*", true);
                    case 'A': return pointer("&", false);
                    case 'Y': return array();
                    case '$': {
                        if (eat("$Q")) return pointer("&&", false);
                        if (eat("$T")) return Type.simple("std::nullptr_t");
                        throw new Fail();
                    }
                    default:
                        throw new Fail();
                }
            } finally {
                depth--;
            }
        }

        private String classNameText() {
            String[] special = new String[1];
            String first = unqualifiedName(special, false);
            List<String> scopes = scopeUntilEnd();
            List<String> all = new ArrayList<>(scopes);
            all.add(first);
            return String.join("::", all);
        }

        private Type pointer(String symbol, boolean constPointer) {
            if (eat('6')) { // pointer to function
                String cc = callingConvention();
                Type ret = returnType();
                List<Type> ps = paramList();
                if (!eat('Z')) throw new Fail();
                return new Type(ret.full() + " (" + cc + " " + symbol, ")(" + paramText(ps) + ")", "", false,
                        false);
            }
            if (eat('8')) { // pointer to member function
                String cls = classNameText();
                pointerModifiers();
                String thisQuals = cvText(next());
                String cc = callingConvention();
                Type ret = returnType();
                List<Type> ps = paramList();
                if (!eat('Z')) throw new Fail();
                return new Type(ret.full() + " (" + cc + " " + cls + "::" + symbol,
                        ")(" + paramText(ps) + ")" + thisQuals, "", false, false);
            }
            pointerModifiers();
            char q = next();
            String quals;
            String memberOf = null;
            switch (q) {
                case 'A': quals = ""; break;
                case 'B': quals = " const"; break;
                case 'C': quals = " volatile"; break;
                case 'D': quals = " const volatile"; break;
                case 'Q': quals = ""; memberOf = classNameText(); break;
                case 'R': quals = " const"; memberOf = classNameText(); break;
                case 'S': quals = " volatile"; memberOf = classNameText(); break;
                case 'T': quals = " const volatile"; memberOf = classNameText(); break;
                default: throw new Fail();
            }
            Type pointee = type(false);
            String own = constPointer ? "const" : "";
            if (memberOf != null) {
                return new Type(pointee.left + quals + " " + memberOf + "::" + symbol + own, pointee.right, "",
                        false, false);
            }
            if (pointee.array) {
                return new Type(pointee.left + quals + " (" + symbol + own, ")" + pointee.right, "", false, false);
            }
            String base = pointee.left + quals;
            return new Type(base + space(base) + symbol + own, pointee.right, "", false, false);
        }

        /** A space between a type and what follows only after a letter, digit or '>', as llvm-undname does. */
        private static String space(String before) {
            char c = before.isEmpty() ? ' ' : before.charAt(before.length() - 1);
            return Character.isLetterOrDigit(c) || c == '>' ? " " : "";
        }

        private Type array() {
            long dims = number();
            if (dims <= 0 || dims > 16) throw new Fail();
            StringBuilder right = new StringBuilder();
            for (int i = 0; i < dims; i++) {
                long dim = number();
                if (dim <= 0) throw new Fail(); // llvm-undname prints [] here; not a real array bound
                right.append('[').append(dim).append(']');
            }
            Type elem = type(false);
            return new Type(elem.left, right + elem.right, "", false, true);
        }
    }
}
