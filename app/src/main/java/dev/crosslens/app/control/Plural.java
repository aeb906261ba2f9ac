package dev.crosslens.app.control;

/** Counted nouns for the views: "1 import", "2 imports", "0 imports". */
public final class Plural {
    private Plural() {
    }

    /** {@code n} and the noun that goes with it. */
    public static String of(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
