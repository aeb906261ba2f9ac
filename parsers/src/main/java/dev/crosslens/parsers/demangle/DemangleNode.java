package dev.crosslens.parsers.demangle;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a demangled C++ name, printed in two halves as declarators need ({@code int (*)(char)}: the pointer
 * sits between the return type and the parameters). Nodes are immutable and may be shared (substitutions), so
 * printing is capped in depth and output length and throws {@link TooLong} past either.
 */
abstract class DemangleNode {
    /** Printing went past the output or depth cap. */
    static final class TooLong extends RuntimeException {
        TooLong() {
            super(null, null, false, false);
        }
    }

    /** Output buffer with caps and the pack index of each pack being expanded. */
    static final class Printer {
        final StringBuilder out = new StringBuilder();
        final int max;
        int depth;
        int steps;
        final Map<ArgPack, Integer> packIndex = new IdentityHashMap<>();

        Printer(int max) {
            this.max = max;
        }

        /** The last character appended, which removing an empty pack's separator does not restore (c++filt's way). */
        char lastAppended;

        Printer add(String text) {
            out.append(text);
            if (!text.isEmpty()) lastAppended = text.charAt(text.length() - 1);
            if (out.length() > max) throw new TooLong();
            return this;
        }

        char last() {
            return out.length() == 0 ? '\0' : out.charAt(out.length() - 1);
        }

        void print(DemangleNode n) {
            left(n);
            right(n);
        }

        void left(DemangleNode n) {
            step();
            if (++depth > ItaniumDemangler.MAX_DEPTH * 4) throw new TooLong();
            n.printLeft(this);
            depth--;
        }

        void right(DemangleNode n) {
            step();
            if (++depth > ItaniumDemangler.MAX_DEPTH * 4) throw new TooLong();
            n.printRight(this);
            depth--;
        }

        /** Counts work: shared nodes could otherwise make printing exponential without output growing. */
        void step() {
            if (++steps > 1_000_000) throw new TooLong();
        }

        /** Prints {@code items} joined with ", ", leaving out items that print nothing (empty packs). */
        void list(List<DemangleNode> items) {
            boolean first = true;
            for (DemangleNode item : items) {
                int mark = out.length();
                if (!first) add(", ");
                int after = out.length();
                print(item);
                if (out.length() == after) {
                    out.setLength(mark);
                } else {
                    first = false;
                }
            }
        }
    }

    static String print(DemangleNode n, int max) {
        Printer p = new Printer(max);
        p.print(n);
        return p.out.toString();
    }

    abstract void printLeft(Printer p);

    void printRight(Printer p) {
    }

    boolean hasRight() {
        return false;
    }

    boolean isFunction() {
        return false;
    }

    boolean isArray() {
        return false;
    }

    /** The children, for finding the pack a pack expansion expands. */
    List<DemangleNode> children() {
        return List.of();
    }

    /** The plain name a constructor or destructor of {@code scope} takes, or null. */
    static String baseName(DemangleNode scope) {
        for (int i = 0; i < 64 && scope != null; i++) {
            if (scope instanceof Name) {
                String text = ((Name) scope).text;
                boolean operator = text.startsWith("operator")
                        && (text.length() == 8 || !Character.isJavaIdentifierPart(text.charAt(8)));
                return operator || text.startsWith("{") ? null : text;
            }
            if (scope instanceof StdAbbrev) return ((StdAbbrev) scope).base;
            if (scope instanceof Template) scope = ((Template) scope).name;
            else if (scope instanceof Nested) scope = ((Nested) scope).name;
            else if (scope instanceof AbiTag) scope = ((AbiTag) scope).inner;
            else return null;
        }
        return null;
    }

    static final class Name extends DemangleNode {
        private final String text;

        Name(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }

        @Override
        void printLeft(Printer p) {
            p.add(text);
        }
    }

    /** {@code Sa}, {@code Ss} and friends: the spelling, and the name their constructors take. */
    static final class StdAbbrev extends DemangleNode {
        private final String text;
        private final String base;

        StdAbbrev(String text, String base) {
            this.text = text;
            this.base = base;
        }

        @Override
        void printLeft(Printer p) {
            p.add(text);
        }
    }

    static final class Nested extends DemangleNode {
        private final DemangleNode scope;
        private final DemangleNode name;

        Nested(DemangleNode scope, DemangleNode name) {
            this.scope = scope;
            this.name = name;
        }

        @Override
        void printLeft(Printer p) {
            p.print(scope);
            p.add("::");
            p.print(name);
        }

        @Override
        List<DemangleNode> children() {
            return List.of(scope, name);
        }
    }

    static final class Template extends DemangleNode {
        private final DemangleNode name;
        private final List<DemangleNode> args;

        Template(DemangleNode name, List<DemangleNode> args) {
            this.name = name;
            this.args = List.copyOf(args);
        }

        @Override
        void printLeft(Printer p) {
            p.print(name);
            p.add(p.last() == '<' ? " <" : "<");
            p.list(args);
            p.add(p.lastAppended == '>' ? " >" : ">");
        }

        @Override
        List<DemangleNode> children() {
            return args;
        }
    }

    static final class AbiTag extends DemangleNode {
        private final DemangleNode inner;
        private final String tag;

        AbiTag(DemangleNode inner, String tag) {
            this.inner = inner;
            this.tag = tag;
        }

        @Override
        void printLeft(Printer p) {
            p.print(inner);
            p.add("[abi:").add(tag).add("]");
        }
    }

    static final class Lambda extends DemangleNode {
        private final List<DemangleNode> params;
        private final long number;

        Lambda(List<DemangleNode> params, long number) {
            this.params = List.copyOf(params);
            this.number = number;
        }

        @Override
        void printLeft(Printer p) {
            p.add("{lambda(");
            p.list(params);
            p.add(")#").add(Long.toString(number)).add("}");
        }
    }

    static final class Conversion extends DemangleNode {
        private final DemangleNode type;

        Conversion(DemangleNode type) {
            this.type = type;
        }

        @Override
        void printLeft(Printer p) {
            p.add("operator ");
            p.print(type);
        }
    }

    /** "vtable for X", "non-virtual thunk to f()". */
    static final class Prefixed extends DemangleNode {
        private final String text;
        private final DemangleNode inner;

        Prefixed(String text, DemangleNode inner) {
            this.text = text;
            this.inner = inner;
        }

        @Override
        void printLeft(Printer p) {
            p.add(text);
            p.print(inner);
        }
    }

    /** A function's encoding: {@code ret name(params) const &}. */
    static final class Encoding extends DemangleNode {
        private final DemangleNode ret;
        private final DemangleNode name;
        private final List<DemangleNode> params;
        private final String cv;
        private final String ref;

        Encoding(DemangleNode ret, DemangleNode name, List<DemangleNode> params, String cv, String ref) {
            this.ret = ret;
            this.name = name;
            this.params = List.copyOf(params);
            this.cv = cv;
            this.ref = ref;
        }

        Encoding withoutReturnType() {
            return ret == null ? this : new Encoding(null, name, params, cv, ref);
        }

        @Override
        void printLeft(Printer p) {
            if (ret != null) {
                p.left(ret);
                if (!ret.hasRight()) p.add(" ");
            }
            p.print(name);
        }

        @Override
        void printRight(Printer p) {
            p.add("(");
            p.list(params);
            p.add(")");
            if (ret != null) p.right(ret);
            p.add(cv).add(ref);
        }

        @Override
        boolean hasRight() {
            return true;
        }
    }

    static final class Qualified extends DemangleNode {
        private final DemangleNode inner;
        private final String quals;

        Qualified(DemangleNode inner, String quals) {
            this.inner = inner;
            this.quals = quals;
        }

        DemangleNode inner() {
            return inner;
        }

        String quals() {
            return quals;
        }

        @Override
        void printLeft(Printer p) {
            p.left(inner);
            if (!inner.isFunction()) p.add(quals);
        }

        @Override
        void printRight(Printer p) {
            p.right(inner);
            if (inner.isFunction()) p.add(quals);
        }

        @Override
        boolean hasRight() {
            return inner.hasRight();
        }

        @Override
        boolean isFunction() {
            return inner.isFunction();
        }

        @Override
        boolean isArray() {
            return inner.isArray();
        }

        @Override
        List<DemangleNode> children() {
            return List.of(inner);
        }
    }

    /** Pointer {@code *}, lvalue {@code &} or rvalue {@code &&} reference, with reference collapsing. */
    static final class Pointer extends DemangleNode {
        private final DemangleNode inner;
        private final String symbol;

        Pointer(DemangleNode inner, String symbol) {
            this.inner = inner;
            this.symbol = symbol;
        }

        private DemangleNode target(Printer p) {
            return collapse(p).inner;
        }

        /** {@code T& &&} is {@code T&}; {@code T&& &&} is {@code T&&}. */
        private Pointer collapse(Printer p) {
            Pointer cur = this;
            String sym = symbol;
            for (int i = 0; i < 64; i++) {
                DemangleNode in = resolvePack(cur.inner, p);
                if (sym.equals("*") || !(in instanceof Pointer) || ((Pointer) in).symbol.equals("*")) break;
                Pointer next = (Pointer) in;
                sym = sym.equals("&") || next.symbol.equals("&") ? "&" : "&&";
                cur = next;
            }
            return cur == this && sym.equals(symbol) ? this : new Pointer(cur.inner, sym);
        }

        @Override
        void printLeft(Printer p) {
            Pointer c = collapse(p);
            DemangleNode in = c.inner;
            p.left(in);
            if (in.isArray()) p.add(" ");
            if (in.isArray() || in.isFunction()) p.add("(");
            p.add(c.symbol);
        }

        @Override
        void printRight(Printer p) {
            DemangleNode in = target(p);
            if (in.isArray() || in.isFunction()) p.add(")");
            p.right(in);
        }

        @Override
        boolean hasRight() {
            return inner.hasRight();
        }

        @Override
        List<DemangleNode> children() {
            return List.of(inner);
        }
    }

    static DemangleNode resolvePack(DemangleNode n, Printer p) {
        if (n instanceof ArgPack) {
            Integer i = p.packIndex.get(n);
            List<DemangleNode> elems = ((ArgPack) n).elems;
            if (i != null && i < elems.size()) return elems.get(i);
        }
        return n;
    }

    static final class Function extends DemangleNode {
        private final DemangleNode ret;
        private final List<DemangleNode> params;
        private final String cv;
        private final String ref;

        Function(DemangleNode ret, List<DemangleNode> params, String cv, String ref) {
            this.ret = ret;
            this.params = List.copyOf(params);
            this.cv = cv;
            this.ref = ref;
        }

        @Override
        void printLeft(Printer p) {
            p.left(ret);
            p.add(" ");
        }

        @Override
        void printRight(Printer p) {
            p.add("(");
            p.list(params);
            p.add(")");
            p.right(ret);
            p.add(cv).add(ref);
        }

        @Override
        boolean hasRight() {
            return true;
        }

        @Override
        boolean isFunction() {
            return true;
        }

        @Override
        List<DemangleNode> children() {
            List<DemangleNode> all = new java.util.ArrayList<>(params);
            all.add(ret);
            return all;
        }
    }

    static final class Array extends DemangleNode {
        private final DemangleNode elem;
        private final String dim;

        Array(DemangleNode elem, String dim) {
            this.elem = elem;
            this.dim = dim;
        }

        @Override
        void printLeft(Printer p) {
            p.left(elem);
        }

        @Override
        void printRight(Printer p) {
            if (p.last() != ']') p.add(" ");
            p.add("[").add(dim).add("]");
            p.right(elem);
        }

        @Override
        boolean hasRight() {
            return true;
        }

        @Override
        boolean isArray() {
            return true;
        }

        @Override
        List<DemangleNode> children() {
            return List.of(elem);
        }
    }

    static final class MemberPointer extends DemangleNode {
        private final DemangleNode cls;
        private final DemangleNode member;

        MemberPointer(DemangleNode cls, DemangleNode member) {
            this.cls = cls;
            this.member = member;
        }

        @Override
        void printLeft(Printer p) {
            p.left(member);
            p.add(member.isArray() || member.isFunction() ? "(" : " ");
            p.print(cls);
            p.add("::*");
        }

        @Override
        void printRight(Printer p) {
            if (member.isArray() || member.isFunction()) p.add(")");
            p.right(member);
        }

        @Override
        boolean hasRight() {
            return member.hasRight();
        }

        @Override
        List<DemangleNode> children() {
            return List.of(cls, member);
        }
    }

    /** {@code T _Complex}, {@code float __vector(4)}. */
    static final class Postfix extends DemangleNode {
        private final DemangleNode inner;
        private final String text;

        Postfix(DemangleNode inner, String text) {
            this.inner = inner;
            this.text = text;
        }

        @Override
        void printLeft(Printer p) {
            p.print(inner);
            p.add(text);
        }
    }

    /** A literal of a type without a suffix: {@code (char)65}, {@code (Policy)2}. */
    static final class Cast extends DemangleNode {
        private final DemangleNode type;
        private final String value;

        Cast(DemangleNode type, String value) {
            this.type = type;
            this.value = value;
        }

        @Override
        void printLeft(Printer p) {
            p.add("(");
            p.print(type);
            p.add(")").add(value);
        }
    }

    /** A template argument pack ({@code J...E}). */
    static final class ArgPack extends DemangleNode {
        private final List<DemangleNode> elems;

        ArgPack(List<DemangleNode> elems) {
            this.elems = List.copyOf(elems);
        }

        @Override
        void printLeft(Printer p) {
            Integer i = p.packIndex.get(this);
            if (i != null) {
                if (i < elems.size()) p.left(elems.get(i));
            } else {
                p.list(elems);
            }
        }

        @Override
        void printRight(Printer p) {
            Integer i = p.packIndex.get(this);
            if (i != null && i < elems.size()) p.right(elems.get(i));
        }

        @Override
        List<DemangleNode> children() {
            return elems;
        }
    }

    /** {@code Dp}: the child once per element of the pack it names, or {@code child...} when it names none. */
    static final class PackExpansion extends DemangleNode {
        private final DemangleNode child;

        PackExpansion(DemangleNode child) {
            this.child = child;
        }

        @Override
        void printLeft(Printer p) {
            ArgPack pack = findPack(child, 0, p);
            if (pack == null) {
                throw new TooLong(); // an expansion of no pack: not a valid name, so no answer
            }
            boolean first = true;
            for (int i = 0; i < pack.elems.size(); i++) {
                if (!first) p.add(", ");
                first = false;
                p.packIndex.put(pack, i);
                p.print(child);
            }
            p.packIndex.remove(pack);
        }

        private static ArgPack findPack(DemangleNode n, int depth, Printer p) {
            if (depth > 64) throw new TooLong();
            p.step();
            if (n instanceof ArgPack) return p.packIndex.containsKey(n) ? null : (ArgPack) n;
            for (DemangleNode c : n.children()) {
                ArgPack found = findPack(c, depth + 1, p);
                if (found != null) return found;
            }
            return null;
        }
    }
}
