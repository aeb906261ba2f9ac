package dev.crosslens.parsers.analysis;

/** Dotted version numbers ({@code 2.36}, {@code 10.15}, {@code go1.21.3}, {@code GLIBC_2.14}) compared numerically. */
public final class Versions {
    private Versions() {
    }

    /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
    public static int compare(String a, String b) {
        int[] x = parts(a);
        int[] y = parts(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int u = i < x.length ? x[i] : 0;
            int v = i < y.length ? y[i] : 0;
            if (u != v) return Integer.compare(u, v);
        }
        return 0;
    }

    /** The numeric parts of a version, skipping any prefix ({@code go}, {@code GLIBC_}) and suffix ({@code rc1}). */
    static int[] parts(String s) {
        if (s == null) return new int[0];
        int start = 0;
        while (start < s.length() && !Character.isDigit(s.charAt(start))) start++;
        String[] raw = s.substring(start).split("\\.");
        int[] out = new int[raw.length];
        int n = 0;
        for (String r : raw) {
            int end = 0;
            while (end < r.length() && Character.isDigit(r.charAt(end))) end++;
            if (end == 0) break;
            out[n++] = Integer.parseInt(r.substring(0, Math.min(end, 9)));
            if (end < r.length()) break; // "1rc1": stop after the number
        }
        int[] trimmed = new int[n];
        System.arraycopy(out, 0, trimmed, 0, n);
        return trimmed;
    }

    /** {@code go1.21.3} -> {@code 1.21}; null when it is not a Go version. */
    public static String goMinor(String goVersion) {
        if (goVersion == null) return null;
        int[] p = parts(goVersion);
        if (p.length < 2) return null;
        return p[0] + "." + p[1];
    }
}
