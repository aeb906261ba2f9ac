package dev.crosslens.parsers.go;

/**
 * Package paths of Go symbol names, by the rules of Go's {@code debug/gosym.Sym.PackageName}: what
 * {@code GoPclntab.functionsPerPackage} counts, for views that list the functions of one package.
 */
public final class GoPackages {
    private GoPackages() {
    }

    /**
     * The package path of a function name: generic instantiation brackets are dropped, then the path runs up to
     * the last '/' and from there to the first '.'. {@code net/http.(*Client).Do} is {@code net/http};
     * compiler-generated names ({@code go:}, {@code type:}, {@code go.}, {@code type.}) have none: "".
     */
    public static String packageOf(String name) {
        return packageOf(name, null);
    }

    /**
     * As {@link #packageOf(String)}, returning {@code previous} itself when the name is in that package: the
     * function table lists a package's functions together, so counting them this way makes no new string for
     * most of them.
     */
    static String packageOf(String name, String previous) {
        String n = withoutInstantiation(name);
        if (n.startsWith("go:") || n.startsWith("type:") || n.startsWith("go.") || n.startsWith("type.")) {
            return "";
        }
        int slash = n.lastIndexOf('/');
        int from = Math.max(slash, 0);
        int dot = n.indexOf('.', from);
        if (dot < 0) return "";
        if (previous != null && previous.length() == dot && n.startsWith(previous)) return previous;
        return n.substring(0, dot);
    }

    /** {@code pkg.F[go.shape.int]} -> {@code pkg.F}; the brackets may hold paths with '/' and '.'. */
    static String withoutInstantiation(String name) {
        int open = name.indexOf('[');
        if (open < 0) return name;
        int close = name.lastIndexOf(']');
        if (close < open) return name;
        return name.substring(0, open) + name.substring(close + 1);
    }
}
