package dev.crosslens.parsers.demangle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Demangles Itanium C++ ABI names ({@code _Z...}, and Mach-O's {@code __Z...}) into the spelling GNU c++filt
 * prints. Parsing builds a small tree of {@link DemangleNode}s (substitutions and template parameters are shared
 * nodes, resolved while parsing, so they cannot form cycles), which is then printed with an output cap.
 *
 * <p>Hostile input ends in bounded time and depth: recursion, the node count and the output length are capped,
 * and anything the parser does not understand makes the whole answer null. Expressions beyond literals and
 * template parameters ({@code decltype(...)}, {@code sizeof...}) are not supported and give null.
 */
public final class ItaniumDemangler {
    static final int MAX_DEPTH = 200;
    static final int MAX_NODES = 20_000;
    static final int MAX_OUTPUT = 64 * 1024;
    private static final int MAX_INPUT = 16 * 1024;

    /** @return the readable name, or null when {@code mangled} is not an Itanium name this can read */
    public String demangle(String mangled) {
        if (mangled == null || mangled.length() > MAX_INPUT) return null;
        String s = mangled.startsWith("__Z") ? mangled.substring(1) : mangled;
        if (!s.startsWith("_Z")) return null;
        try {
            Parser p = new Parser(s, 2);
            DemangleNode root = p.parseTopLevel();
            if (root == null) return null;
            String suffix = p.cloneSuffixes();
            if (suffix == null) return null;
            return DemangleNode.print(root, MAX_OUTPUT) + suffix;
        } catch (Parser.Fail | DemangleNode.TooLong e) {
            return null;
        }
    }

    /** Recursive-descent parser over the Itanium grammar. Instance per name, not shared. */
    private static final class Parser {
        /** Thrown to abandon a parse: malformed, unsupported, or past a limit. */
        static final class Fail extends RuntimeException {
            Fail() {
                super(null, null, false, false);
            }
        }

        private static final Map<String, String[]> OPERATORS = Map.ofEntries(
                Map.entry("nw", new String[]{"new", "1"}), Map.entry("na", new String[]{"new[]", "1"}),
                Map.entry("dl", new String[]{"delete", "1"}), Map.entry("da", new String[]{"delete[]", "1"}),
                Map.entry("ps", new String[]{"+", "1"}), Map.entry("ng", new String[]{"-", "1"}),
                Map.entry("ad", new String[]{"&", "1"}), Map.entry("de", new String[]{"*", "1"}),
                Map.entry("co", new String[]{"~", "1"}), Map.entry("pl", new String[]{"+", "2"}),
                Map.entry("mi", new String[]{"-", "2"}), Map.entry("ml", new String[]{"*", "2"}),
                Map.entry("dv", new String[]{"/", "2"}), Map.entry("rm", new String[]{"%", "2"}),
                Map.entry("an", new String[]{"&", "2"}), Map.entry("or", new String[]{"|", "2"}),
                Map.entry("eo", new String[]{"^", "2"}), Map.entry("aS", new String[]{"=", "2"}),
                Map.entry("pL", new String[]{"+=", "2"}), Map.entry("mI", new String[]{"-=", "2"}),
                Map.entry("mL", new String[]{"*=", "2"}), Map.entry("dV", new String[]{"/=", "2"}),
                Map.entry("rM", new String[]{"%=", "2"}), Map.entry("aN", new String[]{"&=", "2"}),
                Map.entry("oR", new String[]{"|=", "2"}), Map.entry("eO", new String[]{"^=", "2"}),
                Map.entry("ls", new String[]{"<<", "2"}), Map.entry("rs", new String[]{">>", "2"}),
                Map.entry("lS", new String[]{"<<=", "2"}), Map.entry("rS", new String[]{">>=", "2"}),
                Map.entry("eq", new String[]{"==", "2"}), Map.entry("ne", new String[]{"!=", "2"}),
                Map.entry("lt", new String[]{"<", "2"}), Map.entry("gt", new String[]{">", "2"}),
                Map.entry("le", new String[]{"<=", "2"}), Map.entry("ge", new String[]{">=", "2"}),
                Map.entry("ss", new String[]{"<=>", "2"}), Map.entry("nt", new String[]{"!", "1"}),
                Map.entry("aa", new String[]{"&&", "2"}), Map.entry("oo", new String[]{"||", "2"}),
                Map.entry("pp", new String[]{"++", "1"}), Map.entry("mm", new String[]{"--", "1"}),
                Map.entry("cm", new String[]{",", "2"}), Map.entry("pm", new String[]{"->*", "2"}),
                Map.entry("pt", new String[]{"->", "2"}), Map.entry("cl", new String[]{"()", "2"}),
                Map.entry("ix", new String[]{"[]", "2"}), Map.entry("qu", new String[]{"?", "3"}),
                Map.entry("aw", new String[]{"co_await", "1"}));

        private static final Map<Character, String> BUILTINS = Map.ofEntries(
                Map.entry('v', "void"), Map.entry('w', "wchar_t"), Map.entry('b', "bool"), Map.entry('c', "char"),
                Map.entry('a', "signed char"), Map.entry('h', "unsigned char"), Map.entry('s', "short"),
                Map.entry('t', "unsigned short"), Map.entry('i', "int"), Map.entry('j', "unsigned int"),
                Map.entry('l', "long"), Map.entry('m', "unsigned long"), Map.entry('x', "long long"),
                Map.entry('y', "unsigned long long"), Map.entry('n', "__int128"),
                Map.entry('o', "unsigned __int128"), Map.entry('f', "float"), Map.entry('d', "double"),
                Map.entry('e', "long double"), Map.entry('g', "__float128"), Map.entry('z', "..."));

        private static final Map<Character, String> D_BUILTINS = Map.of(
                'd', "decimal64", 'e', "decimal128", 'f', "decimal32", 'h', "half", 'i', "char32_t",
                's', "char16_t", 'u', "char8_t", 'a', "auto", 'c', "decltype(auto)", 'n', "decltype(nullptr)");

        private static final Map<String, String> LITERAL_SUFFIX = Map.of(
                "i", "", "j", "u", "l", "l", "m", "ul", "x", "ll", "y", "ull");

        private final String s;
        private int pos;
        private int depth;
        private int nodes;
        private int packExpansions;
        private final List<DemangleNode> subs = new ArrayList<>();
        private List<DemangleNode> templateParams = new ArrayList<>();

        /** What the last parsed name looked like: decides return types and method qualifiers. */
        private static final class NameState {
            boolean endsWithTemplateArgs;
            boolean ctorDtorConversion;
            String cvQuals = "";
            String refQual = "";
        }

        Parser(String s, int start) {
            this.s = s;
            this.pos = start;
        }

        // ---- input helpers -------------------------------------------------------------------------------

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private char peek(int ahead) {
            return pos + ahead < s.length() ? s.charAt(pos + ahead) : '\0';
        }

        private boolean eat(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private boolean eat(String prefix) {
            if (s.startsWith(prefix, pos)) {
                pos += prefix.length();
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!eat(c)) throw new Fail();
        }

        private void enter() {
            if (++depth > MAX_DEPTH) throw new Fail();
        }

        private <T extends DemangleNode> T node(T n) {
            if (++nodes > MAX_NODES) throw new Fail();
            return n;
        }

        private long number() {
            boolean neg = eat('n');
            if (!Character.isDigit(peek())) throw new Fail();
            long v = 0;
            while (Character.isDigit(peek())) {
                v = v * 10 + (s.charAt(pos++) - '0');
                if (v > Integer.MAX_VALUE) throw new Fail();
            }
            return neg ? -v : v;
        }

        /** {@code <seq-id>}: base 36 with digits and upper-case letters. */
        private int seqId() {
            long v = 0;
            int digits = 0;
            while (true) {
                char c = peek();
                int d;
                if (c >= '0' && c <= '9') d = c - '0';
                else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
                else break;
                v = v * 36 + d;
                if (v > Integer.MAX_VALUE) throw new Fail();
                pos++;
                digits++;
            }
            if (digits == 0) throw new Fail();
            return (int) v;
        }

        // ---- encodings ---------------------------------------------------------------------------------

        DemangleNode parseTopLevel() {
            DemangleNode n = parseEncoding();
            return n;
        }

        /** Clone suffixes GCC appends ({@code .constprop.0}, {@code .cold}): " [clone .x]". */
        String cloneSuffixes() {
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                if (peek() != '.') return null;
                int start = pos;
                pos++;
                if (Character.isLetter(peek()) || peek() == '_') {
                    while (Character.isLetterOrDigit(peek()) || peek() == '_') pos++;
                } else if (Character.isDigit(peek())) {
                    while (Character.isDigit(peek())) pos++;
                } else {
                    return null;
                }
                while (peek() == '.' && Character.isDigit(peek(1))) {
                    pos++;
                    while (Character.isDigit(peek())) pos++;
                }
                out.append(" [clone ").append(s, start, pos).append(']');
            }
            return out.toString();
        }

        private DemangleNode parseEncoding() {
            enter();
            try {
                char c = peek();
                if (c == 'T' || c == 'G') return parseSpecialName();
                NameState state = new NameState();
                DemangleNode name = parseName(state, true);
                if (pos >= s.length() || peek() == 'E' || peek() == '.') return name; // data: no signature
                DemangleNode ret = null;
                if (state.endsWithTemplateArgs && !state.ctorDtorConversion) {
                    ret = parseType();
                }
                List<DemangleNode> params = parseBareParams();
                return node(new DemangleNode.Encoding(ret, name, params, state.cvQuals, state.refQual));
            } finally {
                depth--;
            }
        }

        /** Parameter types of a bare function type; a lone {@code v} means none. */
        private List<DemangleNode> parseBareParams() {
            List<DemangleNode> params = new ArrayList<>();
            if (peek() == 'v' && (pos + 1 >= s.length() || peek(1) == 'E' || peek(1) == '.')) {
                pos++;
                return params;
            }
            while (pos < s.length() && peek() != 'E' && peek() != '.') {
                params.add(parseType());
            }
            if (params.isEmpty()) throw new Fail();
            return params;
        }

        private DemangleNode parseSpecialName() {
            if (eat("TV")) return prefixed("vtable for ", parseType());
            if (eat("TT")) return prefixed("VTT for ", parseType());
            if (eat("TI")) return prefixed("typeinfo for ", parseType());
            if (eat("TS")) return prefixed("typeinfo name for ", parseType());
            if (eat("TH")) return prefixed("TLS init function for ", parseName(new NameState(), false));
            if (eat("TW")) return prefixed("TLS wrapper function for ", parseName(new NameState(), false));
            if (eat("Th")) {
                number();
                expect('_');
                return prefixed("non-virtual thunk to ", parseEncoding());
            }
            if (eat("Tv")) {
                number();
                expect('_');
                number();
                expect('_');
                return prefixed("virtual thunk to ", parseEncoding());
            }
            if (eat("Tc")) {
                callOffset();
                callOffset();
                return prefixed("covariant return thunk to ", parseEncoding());
            }
            if (eat("GV")) return prefixed("guard variable for ", parseName(new NameState(), false));
            if (eat("GR")) {
                DemangleNode name = parseName(new NameState(), false);
                int n = 0;
                if (peek() != '_') n = seqId() + 1;
                expect('_');
                return prefixed("reference temporary #" + n + " for ", name);
            }
            if (eat("GTt")) return prefixed("transaction clone for ", parseEncoding());
            if (eat("GTn")) return prefixed("non-transaction clone for ", parseEncoding());
            throw new Fail();
        }

        private void callOffset() {
            if (eat('h')) {
                number();
                expect('_');
            } else if (eat('v')) {
                number();
                expect('_');
                number();
                expect('_');
            } else {
                throw new Fail();
            }
        }

        private DemangleNode prefixed(String text, DemangleNode n) {
            return node(new DemangleNode.Prefixed(text, n));
        }

        // ---- names -------------------------------------------------------------------------------------

        private DemangleNode parseName(NameState state, boolean tagTemplates) {
            enter();
            try {
                char c = peek();
                if (c == 'N') return parseNestedName(state, tagTemplates);
                if (c == 'Z') return parseLocalName(state, tagTemplates);
                DemangleNode n;
                if (c == 'S' && peek(1) != 't') {
                    n = parseSubstitution();
                    if (peek() != 'I') throw new Fail(); // a bare substitution is no name
                } else {
                    if (eat("St")) {
                        n = node(new DemangleNode.Nested(node(new DemangleNode.Name("std")),
                                parseUnqualifiedName(state, null)));
                    } else {
                        n = parseUnqualifiedName(state, null);
                    }
                    if (peek() == 'I') subs.add(n);
                }
                state.endsWithTemplateArgs = false;
                if (peek() == 'I') {
                    n = node(new DemangleNode.Template(n, parseTemplateArgs(tagTemplates)));
                    state.endsWithTemplateArgs = true;
                }
                return n;
            } finally {
                depth--;
            }
        }

        private DemangleNode parseNestedName(NameState state, boolean tagTemplates) {
            expect('N');
            StringBuilder cv = new StringBuilder();
            if (eat('r')) cv.append(" restrict");
            if (eat('V')) cv.insert(0, " volatile");
            if (eat('K')) cv.insert(0, " const");
            state.cvQuals = cv.toString();
            if (eat('R')) state.refQual = " &";
            else if (eat('O')) state.refQual = " &&";
            DemangleNode so = null;
            while (!eat('E')) {
                if (pos >= s.length()) throw new Fail();
                state.endsWithTemplateArgs = false;
                char c = peek();
                if (c == 'I') {
                    if (so == null) throw new Fail();
                    so = node(new DemangleNode.Template(so, parseTemplateArgs(tagTemplates)));
                    state.endsWithTemplateArgs = true;
                } else if (c == 'S') {
                    if (eat("St")) {
                        if (so != null) throw new Fail();
                        so = node(new DemangleNode.Name("std"));
                        continue; // std:: itself is no substitution candidate
                    }
                    if (so != null) throw new Fail();
                    so = parseSubstitution();
                    continue;
                } else if (c == 'T') {
                    if (so != null) throw new Fail();
                    so = parseTemplateParam();
                } else if (c == 'D' && (peek(1) == 't' || peek(1) == 'T')) {
                    throw new Fail(); // decltype prefixes: expressions are not supported
                } else if (c == 'M') {
                    pos++;
                    if (so == null) throw new Fail();
                    continue;
                } else {
                    so = so == null ? parseUnqualifiedName(state, null)
                            : node(new DemangleNode.Nested(so, parseUnqualifiedName(state, so)));
                }
                subs.add(so);
            }
            if (so == null || subs.isEmpty()) throw new Fail();
            subs.remove(subs.size() - 1);
            return so;
        }

        private DemangleNode parseLocalName(NameState state, boolean tagTemplates) {
            expect('Z');
            DemangleNode encoding = parseEncoding();
            if (encoding instanceof DemangleNode.Encoding) {
                encoding = ((DemangleNode.Encoding) encoding).withoutReturnType(); // as c++filt prints it
            }
            expect('E');
            if (eat('s')) {
                discriminator();
                return node(new DemangleNode.Nested(encoding, node(new DemangleNode.Name("string literal"))));
            }
            if (eat('d')) {
                if (peek() != '_') number();
                expect('_');
                DemangleNode entity = parseName(state, tagTemplates);
                return node(new DemangleNode.Nested(encoding, entity));
            }
            DemangleNode entity = parseName(state, tagTemplates);
            discriminator();
            return node(new DemangleNode.Nested(encoding, entity));
        }

        private void discriminator() {
            if (peek() != '_') return;
            if (Character.isDigit(peek(1))) {
                pos += 2;
            } else if (peek(1) == '_' && Character.isDigit(peek(2))) {
                pos += 2;
                number();
                expect('_');
            }
        }

        /**
         * {@code <unqualified-name>}: operator, ctor/dtor (named after {@code scope}), source name, unnamed type
         * or lambda, followed by ABI tags.
         */
        private DemangleNode parseUnqualifiedName(NameState state, DemangleNode scope) {
            enter();
            try {
                DemangleNode n;
                if (eat('L') && !Character.isDigit(peek())) throw new Fail(); // internal linkage: source names only
                char c = peek();
                if (Character.isDigit(c)) {
                    n = parseSourceName();
                } else if (c == 'C' || (c == 'D' && "0124589".indexOf(peek(1)) >= 0 && peek(1) != '\0')) {
                    if (scope == null) throw new Fail();
                    n = parseCtorDtor(scope);
                    state.ctorDtorConversion = true;
                } else if (c == 'U') {
                    n = parseUnnamed();
                } else if (Character.isLowerCase(c)) {
                    n = parseOperatorName(state);
                } else {
                    throw new Fail();
                }
                while (eat('B')) {
                    DemangleNode tag = parseSourceName();
                    n = node(new DemangleNode.AbiTag(n, ((DemangleNode.Name) tag).text()));
                }
                return n;
            } finally {
                depth--;
            }
        }

        private DemangleNode parseSourceName() {
            long len = number();
            if (len <= 0 || len > s.length() - pos) throw new Fail();
            String id = s.substring(pos, pos + (int) len);
            pos += (int) len;
            if (id.startsWith("_GLOBAL_") && id.length() > 9
                    && (id.charAt(8) == '.' || id.charAt(8) == '_' || id.charAt(8) == '$') && id.charAt(9) == 'N') {
                return node(new DemangleNode.Name("(anonymous namespace)"));
            }
            return node(new DemangleNode.Name(id));
        }

        private DemangleNode parseCtorDtor(DemangleNode scope) {
            String base = DemangleNode.baseName(scope);
            if (base == null) throw new Fail();
            if (eat('C')) {
                boolean inheriting = eat('I');
                char k = peek();
                if (k < '1' || k > '5') throw new Fail();
                pos++;
                if (inheriting) {
                    String inherited = DemangleNode.baseName(parseType());
                    if (inherited == null) throw new Fail();
                    return node(new DemangleNode.Name(inherited));
                }
                return node(new DemangleNode.Name(base));
            }
            expect('D');
            char k = peek();
            if ("01245".indexOf(k) < 0) throw new Fail();
            pos++;
            return node(new DemangleNode.Name("~" + base));
        }

        private DemangleNode parseUnnamed() {
            if (eat("Ut")) {
                long n = peek() == '_' ? 0 : number() + 1;
                expect('_');
                return node(new DemangleNode.Name("{unnamed type#" + (n + 1) + "}"));
            }
            if (eat("Ul")) {
                List<DemangleNode> params = new ArrayList<>();
                while (!eat('E')) {
                    if (pos >= s.length()) throw new Fail();
                    if (peek() == 'T' && (peek(1) == 'y' || peek(1) == 'n' || peek(1) == 't')) throw new Fail();
                    params.add(parseType());
                }
                if (params.size() == 1 && params.get(0) instanceof DemangleNode.Name
                        && ((DemangleNode.Name) params.get(0)).text().equals("void")) {
                    params.clear();
                }
                long n = peek() == '_' ? 0 : number() + 1;
                expect('_');
                return node(new DemangleNode.Lambda(params, n + 1));
            }
            throw new Fail();
        }

        private DemangleNode parseOperatorName(NameState state) {
            if (eat("cv")) {
                DemangleNode type = parseType();
                state.ctorDtorConversion = true;
                return node(new DemangleNode.Conversion(type));
            }
            if (eat("li")) {
                DemangleNode name = parseSourceName();
                return node(new DemangleNode.Name("operator\"\" " + ((DemangleNode.Name) name).text()));
            }
            if (peek() == 'v' && Character.isDigit(peek(1))) {
                pos += 2;
                DemangleNode name = parseSourceName();
                return node(new DemangleNode.Name("operator " + ((DemangleNode.Name) name).text()));
            }
            if (pos + 2 > s.length()) throw new Fail();
            String[] op = OPERATORS.get(s.substring(pos, pos + 2));
            if (op == null) throw new Fail();
            pos += 2;
            String text = op[0];
            boolean word = Character.isLetter(text.charAt(0));
            return node(new DemangleNode.Name("operator" + (word ? " " : "") + text));
        }

        private DemangleNode parseSubstitution() {
            expect('S');
            char c = peek();
            if (c == '_') {
                pos++;
                if (subs.isEmpty()) throw new Fail();
                return subs.get(0);
            }
            if (Character.isDigit(c) || Character.isUpperCase(c)) {
                int id = seqId() + 1;
                expect('_');
                if (id >= subs.size()) throw new Fail();
                return subs.get(id);
            }
            pos++;
            switch (c) {
                case 'a': return node(new DemangleNode.StdAbbrev("std::allocator", "allocator"));
                case 'b': return node(new DemangleNode.StdAbbrev("std::basic_string", "basic_string"));
                // c++filt runs verbose (DMGL_VERBOSE): the four char typedefs are always spelled out
                case 's': return node(new DemangleNode.StdAbbrev(
                        "std::basic_string<char, std::char_traits<char>, std::allocator<char> >", "basic_string"));
                case 'i': return node(new DemangleNode.StdAbbrev(
                        "std::basic_istream<char, std::char_traits<char> >", "basic_istream"));
                case 'o': return node(new DemangleNode.StdAbbrev(
                        "std::basic_ostream<char, std::char_traits<char> >", "basic_ostream"));
                case 'd': return node(new DemangleNode.StdAbbrev(
                        "std::basic_iostream<char, std::char_traits<char> >", "basic_iostream"));
                default: throw new Fail();
            }
        }

        private DemangleNode parseTemplateParam() {
            expect('T');
            int idx = 0;
            if (!eat('_')) {
                idx = seqId() + 1;
                expect('_');
            }
            if (idx >= templateParams.size()) throw new Fail(); // forward reference: not supported
            return templateParams.get(idx);
        }

        private List<DemangleNode> parseTemplateArgs(boolean tag) {
            expect('I');
            enter();
            try {
                List<DemangleNode> args = new ArrayList<>();
                while (!eat('E')) {
                    if (pos >= s.length()) throw new Fail();
                    args.add(parseTemplateArg());
                }
                if (tag) templateParams = new ArrayList<>(args);
                return args;
            } finally {
                depth--;
            }
        }

        private DemangleNode parseTemplateArg() {
            enter();
            try {
                char c = peek();
                if (c == 'L') return parseLiteral();
                if (c == 'X') {
                    pos++;
                    DemangleNode e = parseExpression();
                    expect('E');
                    return e;
                }
                if (c == 'J') {
                    pos++;
                    List<DemangleNode> elems = new ArrayList<>();
                    while (!eat('E')) {
                        if (pos >= s.length()) throw new Fail();
                        elems.add(parseTemplateArg());
                    }
                    return node(new DemangleNode.ArgPack(elems));
                }
                return parseType();
            } finally {
                depth--;
            }
        }

        /** Only the expressions that name something: template parameters, function parameters, literals. */
        private DemangleNode parseExpression() {
            enter();
            try {
                char c = peek();
                if (c == 'L') return parseLiteral();
                if (c == 'T') return parseTemplateParam();
                if (eat("fp")) {
                    eat('K');
                    eat('V');
                    eat('r');
                    long n = peek() == '_' ? 0 : number() + 1;
                    expect('_');
                    return node(new DemangleNode.Name("{parm#" + (n + 1) + "}"));
                }
                if (eat("sp")) {
                    packExpansions++;
                    try {
                        return node(new DemangleNode.PackExpansion(parseExpression()));
                    } finally {
                        packExpansions--;
                    }
                }
                if (eat("srN")) {
                    DemangleNode scope = parseType();
                    if (peek() == 'I') scope = node(new DemangleNode.Template(scope, parseTemplateArgs(false)));
                    do {
                        scope = node(new DemangleNode.Nested(scope, simpleId()));
                    } while (!eat('E'));
                    return node(new DemangleNode.Nested(scope, simpleId()));
                }
                if (eat("sr")) {
                    DemangleNode scope = parseType();
                    DemangleNode name = parseUnqualifiedName(new NameState(), scope);
                    if (peek() == 'I') name = node(new DemangleNode.Template(name, parseTemplateArgs(false)));
                    return node(new DemangleNode.Nested(scope, name));
                }
                String[] unary = {"nt", "!", "ng", "-", "co", "~", "ps", "+"};
                for (int i = 0; i < unary.length; i += 2) {
                    if (eat(unary[i])) {
                        DemangleNode operand = parseExpression();
                        // c++filt prints names bare and parenthesises anything else; only names are taken here
                        if (!(operand instanceof DemangleNode.Nested || operand instanceof DemangleNode.Name)) {
                            throw new Fail();
                        }
                        return node(new DemangleNode.Prefixed(unary[i + 1], operand));
                    }
                }
                throw new Fail();
            } finally {
                depth--;
            }
        }

        /** {@code <source-name> [<template-args>]} of an unresolved name. */
        private DemangleNode simpleId() {
            DemangleNode name = parseSourceName();
            if (peek() == 'I') name = node(new DemangleNode.Template(name, parseTemplateArgs(false)));
            return name;
        }

        private DemangleNode parseLiteral() {
            expect('L');
            if (eat("_Z")) {
                DemangleNode enc = parseEncoding();
                expect('E');
                return enc;
            }
            if (peek() == 'D' && peek(1) == 'n') {
                pos += 2;
                eat('0');
                expect('E');
                return node(new DemangleNode.Name("(decltype(nullptr))0"));
            }
            char c = peek();
            if (c == 'b' && (peek(1) == '0' || peek(1) == '1') && peek(2) == 'E') {
                pos += 3;
                return node(new DemangleNode.Name(s.charAt(pos - 2) == '1' ? "true" : "false"));
            }
            int typeStart = pos;
            DemangleNode type = parseType();
            String typeCode = s.substring(typeStart, pos);
            boolean neg = eat('n');
            int start = pos;
            while (pos < s.length() && peek() != 'E') pos++;
            if (pos == start) throw new Fail();
            String value = (neg ? "-" : "") + s.substring(start, pos);
            expect('E');
            for (int i = start; i < pos - 1; i++) {
                if (!Character.isDigit(s.charAt(i))) throw new Fail(); // floating literals are not supported
            }
            String suffix = LITERAL_SUFFIX.get(typeCode);
            if (suffix != null) return node(new DemangleNode.Name(value + suffix));
            boolean integral = typeCode.length() == 1 ? "bcahstwno".indexOf(typeCode.charAt(0)) >= 0
                    : typeCode.equals("Ds") || typeCode.equals("Di") || typeCode.equals("Du")
                    || Character.isDigit(typeCode.charAt(0)) || typeCode.startsWith("N") || typeCode.startsWith("S");
            if (!integral) throw new Fail();
            return node(new DemangleNode.Cast(type, value));
        }

        // ---- types -------------------------------------------------------------------------------------

        private DemangleNode parseType() {
            enter();
            try {
                return parseTypeInner();
            } finally {
                depth--;
            }
        }

        private DemangleNode parseTypeInner() {
            char c = peek();
            if (pos >= s.length()) throw new Fail();
            String builtin = BUILTINS.get(c);
            if (builtin != null) {
                pos++;
                return node(new DemangleNode.Name(builtin));
            }
            DemangleNode result;
            switch (c) {
                case 'r': case 'V': case 'K': {
                    StringBuilder q = new StringBuilder();
                    boolean r = eat('r');
                    boolean v = eat('V');
                    boolean k = eat('K');
                    if (peek() == 'r' || peek() == 'V' || peek() == 'K') throw new Fail(); // not in canonical order
                    if (k) q.append(" const");
                    if (v) q.append(" volatile");
                    if (r) q.append(" restrict");
                    DemangleNode inner = parseType();
                    if (inner instanceof DemangleNode.Qualified) { // a substitution that is qualified already
                        String have = ((DemangleNode.Qualified) inner).quals();
                        q.setLength(0);
                        if (k || have.contains(" const")) q.append(" const");
                        if (v || have.contains(" volatile")) q.append(" volatile");
                        if (r || have.contains(" restrict")) q.append(" restrict");
                        inner = ((DemangleNode.Qualified) inner).inner();
                    }
                    result = node(new DemangleNode.Qualified(inner, q.toString()));
                    break;
                }
                case 'P':
                    pos++;
                    result = node(new DemangleNode.Pointer(parseType(), "*"));
                    break;
                case 'R': case 'O':
                    pos++;
                    if (peek() == 'R' || peek() == 'O') throw new Fail(); // no reference to a reference
                    result = node(new DemangleNode.Pointer(parseType(), c == 'R' ? "&" : "&&"));
                    break;
                case 'C':
                    pos++;
                    result = node(new DemangleNode.Postfix(parseType(), " _Complex"));
                    break;
                case 'G':
                    pos++;
                    result = node(new DemangleNode.Postfix(parseType(), " _Imaginary"));
                    break;
                case 'F':
                    result = parseFunctionType();
                    break;
                case 'A':
                    result = parseArrayType();
                    break;
                case 'M': {
                    pos++;
                    DemangleNode cls = parseType();
                    DemangleNode member = parseType();
                    result = node(new DemangleNode.MemberPointer(cls, member));
                    break;
                }
                case 'T': {
                    result = parseTemplateParam();
                    if (result instanceof DemangleNode.ArgPack && packExpansions == 0) {
                        throw new Fail(); // a pack used as a type outside a pack expansion
                    }
                    subs.add(result);
                    if (peek() == 'I') {
                        if (!(result instanceof DemangleNode.Name || result instanceof DemangleNode.Nested
                                || result instanceof DemangleNode.StdAbbrev)) {
                            throw new Fail(); // only a template can take template arguments
                        }
                        result = node(new DemangleNode.Template(result, parseTemplateArgs(false)));
                    } else {
                        return result;
                    }
                    break;
                }
                case 'S': {
                    if (peek(1) == 't') {
                        result = parseClassName();
                        break;
                    }
                    DemangleNode sub = parseSubstitution();
                    if (peek() != 'I') return sub;
                    result = node(new DemangleNode.Template(sub, parseTemplateArgs(false)));
                    break;
                }
                case 'D':
                    result = parseDType();
                    if (result instanceof DemangleNode.Name) return result; // builtins are no candidates
                    break;
                case 'u': {
                    pos++;
                    result = parseSourceName();
                    break;
                }
                case 'N': case 'Z':
                    result = parseClassName();
                    break;
                default:
                    if (Character.isDigit(c)) {
                        result = parseClassName();
                        break;
                    }
                    throw new Fail();
            }
            subs.add(result);
            return result;
        }

        private DemangleNode parseClassName() {
            return parseName(new NameState(), false);
        }

        private DemangleNode parseDType() {
            char d = peek(1);
            String builtin = D_BUILTINS.get(d);
            if (builtin != null) {
                pos += 2;
                return node(new DemangleNode.Name(builtin));
            }
            if (d == 'F') {
                pos += 2;
                long bits = number();
                String name = "_Float" + bits;
                if (eat('x')) name += "x";
                else expect('_');
                return node(new DemangleNode.Name(name));
            }
            if (d == 'p') {
                pos += 2;
                packExpansions++;
                try {
                    return node(new DemangleNode.PackExpansion(parseType()));
                } finally {
                    packExpansions--;
                }
            }
            if (d == 'v') {
                pos += 2;
                long n = number();
                expect('_');
                DemangleNode elem = parseType();
                return node(new DemangleNode.Postfix(elem, " __vector(" + n + ")"));
            }
            throw new Fail();
        }

        private DemangleNode parseFunctionType() {
            expect('F');
            eat('Y');
            DemangleNode ret = parseType();
            List<DemangleNode> params = new ArrayList<>();
            String ref = "";
            while (!eat('E')) {
                if (pos >= s.length()) throw new Fail();
                if (peek() == 'R' && peek(1) == 'E') {
                    pos++;
                    ref = " &";
                    continue;
                }
                if (peek() == 'O' && peek(1) == 'E') {
                    pos++;
                    ref = " &&";
                    continue;
                }
                params.add(parseType());
            }
            if (params.isEmpty()) throw new Fail(); // no parameters is spelled 'v'
            if (params.size() == 1 && params.get(0) instanceof DemangleNode.Name
                    && ((DemangleNode.Name) params.get(0)).text().equals("void")) {
                params.clear();
            }
            return node(new DemangleNode.Function(ret, params, "", ref));
        }

        private DemangleNode parseArrayType() {
            expect('A');
            String dim = "";
            if (Character.isDigit(peek())) {
                dim = Long.toString(number());
            } else if (peek() != '_') {
                DemangleNode e = parseExpression();
                dim = DemangleNode.print(e, MAX_OUTPUT);
            }
            expect('_');
            return node(new DemangleNode.Array(parseType(), dim));
        }
    }
}
