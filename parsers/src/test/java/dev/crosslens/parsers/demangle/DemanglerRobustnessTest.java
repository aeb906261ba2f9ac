package dev.crosslens.parsers.demangle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile names end in bounded time and depth with null, never an exception or a StackOverflowError: deep
 * nesting, huge lengths, back-reference cycles, and every reference name truncated and mutated.
 */
class DemanglerRobustnessTest {
    private final ItaniumDemangler itanium = new ItaniumDemangler();
    private final RustDemangler rust = new RustDemangler();
    private final MsvcDemangler msvc = new MsvcDemangler();

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void deepNestingGivesNull() {
        assertNull(itanium.demangle("_Z1fP" + repeat("P", 100_000) + "i"));
        assertNull(itanium.demangle("_Z1f" + repeat("PFv", 5_000) + repeat("E", 5_000)));
        assertNull(itanium.demangle("_Z" + repeat("N1a", 5_000) + "1fEv"));
        assertNull(itanium.demangle("_Z1fI" + repeat("I", 5_000) + "iE"));
        assertNull(rust.demangle("_R" + repeat("RR", 50_000) + "u"));
        assertNull(rust.demangle("_RNv" + repeat("Nv", 5_000) + "C1a1f"));
        assertNull(msvc.demangle("?f@@YAX" + repeat("PEA", 5_000) + "H@Z"));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void hugeLengthsGiveNull() {
        assertNull(itanium.demangle("_Z999999999999999999f"));
        assertNull(itanium.demangle("_Z2147483647f"));
        assertNull(itanium.demangle("_ZN1aS999999999_E"));
        assertNull(rust.demangle("_ZN99999999999a17h0123456789abcdefE"));
        assertNull(rust.demangle("_RNvC999999999999a1f"));
        assertNull(rust.demangle("_RNvCsZZZZZZZZZZZZZZZZZZZZZZZZZZ_1a1f"));
        assertNull(msvc.demangle("?f@@YAXY" + "PPPPPPPPPPPPPPPPPPPPPPP@" + "H@Z"));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void backReferenceCyclesAndBlowUpsGiveNull() {
        assertNull(rust.demangle("_RB_"));
        assertNull(rust.demangle("_RNvB0_1f"));
        assertNull(rust.demangle("_RINvC1a1fB8_E")); // points at itself
        assertNull(itanium.demangle("_Z1fS_"));
        assertNull(itanium.demangle("_Z1fT_"));
        assertNull(msvc.demangle("?f@@YAX9@Z"));
        // each substitution doubles the printed size: must stop at the output cap, quickly
        StringBuilder sb = new StringBuilder("_Z1fIiEvPFvT_");
        for (int i = 0; i < 60; i++) sb.append("S").append(i == 0 ? "" : Integer.toString(i - 1, 36).toUpperCase())
                .append("_");
        String r = itanium.demangle(sb.toString());
        assertTrue(r == null || r.length() <= 64 * 1024 + 100);
        StringBuilder doubling = new StringBuilder("_Z1fIiEv");
        doubling.append("FvT_E");
        for (int i = 0; i < 40; i++) {
            String prev = i == 0 ? "S_" : "S" + Integer.toString(i - 1, 36).toUpperCase() + "_";
            doubling.append("FvT_").append(prev).append(prev).append("E");
        }
        String d = itanium.demangle(doubling.toString());
        assertTrue(d == null || d.length() <= 64 * 1024 + 100);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyTruncationAndMutationOfTheReferenceNamesEndsQuietly() {
        List<String> names = new ArrayList<>();
        for (String list : List.of("itanium.tsv", "itanium-libstdcxx.tsv", "rust-legacy.tsv", "rust-v0.tsv", "msvc.tsv")) {
            for (DemanglerReferenceTest.Entry e : DemanglerReferenceTest.load(list)) names.add(e.mangled());
        }
        SymbolDemangler all = new SymbolDemangler();
        UnaryOperator<String> any = n -> all.readable(n, false, true);
        Random random = new Random(0x5eed);
        String alphabet = "_ZNRSTIEJLKPVDCFAB0123456789abcdefghijklmnopqrstuvwxyz$@?.";
        int calls = 0;
        for (String name : names) {
            for (int cut = 0; cut < name.length(); cut++) {
                any.apply(name.substring(0, cut));
                calls++;
            }
            for (int k = 0; k < 20; k++) {
                char[] c = name.toCharArray();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                any.apply(new String(c));
                String dup = name.substring(0, random.nextInt(name.length())) + name;
                any.apply(dup);
                calls += 2;
            }
        }
        assertTrue(calls > 10_000, "ran " + calls + " hostile names");
    }
}
