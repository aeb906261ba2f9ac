package dev.crosslens.model.finding;

/**
 * What the person meant to build, to compare with what the file says. Every field may be null (not stated).
 *
 * @param goos    {@code linux}, {@code windows}, {@code darwin} ...
 * @param goarch  {@code amd64}, {@code arm64}, {@code arm} ...
 * @param goarm   {@code 5}, {@code 6}, {@code 7} (optionally with {@code ,softfloat})
 * @param goamd64 {@code v1} .. {@code v4}
 * @param cgo     CGO_ENABLED as meant
 * @param staticLinked a fully static binary was meant (no interpreter, no shared libraries)
 */
public record BuildIntent(String goos, String goarch, String goarm, String goamd64, Boolean cgo,
                          Boolean staticLinked) {
    public static final BuildIntent NONE = new BuildIntent(null, null, null, null, null, null);

    public boolean isEmpty() {
        return goos == null && goarch == null && goarm == null && goamd64 == null && cgo == null
                && staticLinked == null;
    }

    /** {@code GOOS=linux,GOARCH=arm64,CGO=0,static}: the form the CLI takes. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        append(sb, "GOOS", goos);
        append(sb, "GOARCH", goarch);
        append(sb, "GOARM", goarm);
        append(sb, "GOAMD64", goamd64);
        if (cgo != null) append(sb, "CGO", cgo ? "1" : "0");
        if (staticLinked != null) {
            if (sb.length() > 0) sb.append(',');
            sb.append(staticLinked ? "static" : "dynamic");
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String key, String value) {
        if (value == null) return;
        if (sb.length() > 0) sb.append(',');
        sb.append(key).append('=').append(value);
    }
}
