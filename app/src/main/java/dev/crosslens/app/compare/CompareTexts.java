package dev.crosslens.app.compare;

import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.FieldChange;
import dev.crosslens.model.diff.HardeningChange;
import dev.crosslens.model.diff.LibraryChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words of the compare view: counts with the right plural, deltas, values. Pure functions, no JavaFX. */
final class CompareTexts {
    static final String ARROW = "\u2192";
    static final String MINUS = "\u2212";

    private CompareTexts() {
    }

    /** {@code 1 library}, {@code 2 libraries}: the count (with thousands separators) and the word that fits it. */
    static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d ", n) + (n == 1 ? one : many);
    }

    /** The delta phrases of the summary, each one whole (the view never breaks a phrase across lines). */
    static List<String> deltaPhrases(BuildDiff d) {
        List<String> out = new ArrayList<>();
        for (FieldChange f : d.identity()) out.add(f.field() + " " + value(f.oldValue()) + " " + ARROW + " " + value(f.newValue()));
        out.add(String.format(Locale.ROOT, "file %,d %s %,d bytes (%s)", d.totals().oldFile(), ARROW,
                d.totals().newFile(), signed(d.totals().fileDelta())));
        if (d.totals().vmDelta() != 0) {
            out.add(String.format(Locale.ROOT, "memory %s bytes", signed(d.totals().vmDelta())));
        }
        out.add(String.format(Locale.ROOT, "symbols +%,d %s%,d ~%,d", d.count(ChangeKind.ADDED), MINUS,
                d.count(ChangeKind.REMOVED), d.count(ChangeKind.CHANGED)));
        if (!d.libraries().isEmpty()) out.add(count(d.libraries().size(), "library", "libraries") + " changed");
        if (!d.hardening().isEmpty()) {
            long lost = d.hardening().stream().filter(HardeningChange::regression).count();
            out.add(count(d.hardening().size(), "hardening change", "hardening changes")
                    + (lost == 0 ? "" : " (" + count(lost, "regression", "regressions") + ")"));
        }
        if (!d.findings().isEmpty()) out.add(count(d.findings().size(), "finding", "findings") + " new or gone");
        return out;
    }

    /** A library row: {@code +33 imports}, {@code −2 imports}, {@code +1 −1 imports}, or nothing when none moved. */
    static String imports(LibraryChange l) {
        int add = l.importsAdded().size();
        int del = l.importsRemoved().size();
        if (add == 0 && del == 0) return "";
        String word = add + del == 1 ? "import" : "imports";
        if (del == 0) return "+" + String.format(Locale.ROOT, "%,d", add) + " " + word;
        if (add == 0) return MINUS + String.format(Locale.ROOT, "%,d", del) + " " + word;
        return String.format(Locale.ROOT, "+%,d %s%,d %s", add, MINUS, del, word);
    }

    /** A value of a field: {@code (absent)} when a side has none, {@code (empty)} for an empty string. */
    static String value(String s) {
        return s == null ? "(absent)" : s.isEmpty() ? "(empty)" : s;
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code +1,024}, {@code −512} (a real minus sign), {@code 0}. */
    static String signed(long n) {
        if (n == 0) return "0";
        return (n > 0 ? "+" : MINUS) + String.format(Locale.ROOT, "%,d", Math.abs(n));
    }
}
