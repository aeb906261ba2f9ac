package dev.crosslens.parsers.demangle;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every name of the reference lists (real symbols, answers from c++filt, llvm-cxxfilt, llvm-undname; see
 * {@code src/test/resources/demangle/README.md}) demangles to the tool's answer, except the entries of
 * {@code known-gaps.tsv}, which must still fail or give null so the list only shrinks.
 */
class DemanglerReferenceTest {
    record Entry(String mangled, String expected) {
    }

    static List<Entry> load(String resource) {
        try (InputStream in = DemanglerReferenceTest.class.getResourceAsStream("/demangle/" + resource)) {
            if (in == null) throw new IllegalStateException("missing test resource /demangle/" + resource);
            List<Entry> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split("\t", -1);
                if (parts.length < 2) throw new IllegalStateException("bad line in " + resource + ": " + line);
                out.add(new Entry(parts[parts.length - 2], parts[parts.length - 1]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, UnaryOperator<String>> schemes() {
        Map<String, UnaryOperator<String>> m = new LinkedHashMap<>();
        ItaniumDemangler itanium = new ItaniumDemangler();
        m.put("itanium", itanium::demangle);
        m.put("itanium-macho", itanium::demangle);
        m.put("itanium-libstdcxx", itanium::demangle);
        RustDemangler rust = new RustDemangler();
        m.put("rust-legacy", rust::demangle);
        m.put("rust-v0", rust::demangle);
        m.put("msvc", new MsvcDemangler()::demangle);
        return m;
    }

    /** Names where the reference tool is known to be wrong: scheme, mangled, the right answer, why. */
    static Map<String, String> toolQuirks() {
        Map<String, String> quirks = new LinkedHashMap<>();
        try (InputStream in = DemanglerReferenceTest.class.getResourceAsStream("/demangle/tool-quirks.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] p = line.split("\t", -1);
                quirks.put(p[1], p[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return quirks;
    }

    static Set<String> knownGaps() {
        Set<String> gaps = new HashSet<>();
        for (Entry e : load("known-gaps.tsv")) gaps.add(e.mangled());
        return gaps;
    }

    @TestFactory
    List<DynamicTest> everyReferenceNameDemanglesToTheToolsAnswer() {
        Set<String> gaps = knownGaps();
        Map<String, String> quirks = toolQuirks();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, UnaryOperator<String>> scheme : schemes().entrySet()) {
            tests.add(DynamicTest.dynamicTest(scheme.getKey(), () -> {
                List<Entry> entries = load(scheme.getKey() + ".tsv");
                assertTrue(entries.size() > 10, "list " + scheme.getKey() + " is too short");
                int ok = 0;
                List<String> wrong = new ArrayList<>();
                for (Entry e : entries) {
                    String got = scheme.getValue().apply(e.mangled());
                    String quirk = quirks.get(e.mangled());
                    if (quirk != null) {
                        // the tool's answer must still be the odd one, and ours the documented right one
                        if (!quirk.equals(got) || quirk.equals(e.expected())) {
                            wrong.add(e.mangled() + "\n   tool quirk no longer holds: tool says " + e.expected()
                                    + ", we say " + got + ", tool-quirks.tsv says " + quirk);
                        } else {
                            ok++;
                        }
                    } else if (e.expected().equals(got)) {
                        ok++;
                    } else if (!gaps.contains(e.mangled())) {
                        wrong.add(e.mangled() + "\n   expected: " + e.expected() + "\n   got:      " + got);
                    }
                }
                System.out.printf("%s: demangled %d of %d (%d known gaps)%n", scheme.getKey(), ok, entries.size(),
                        entries.stream().filter(x -> gaps.contains(x.mangled())).count());
                if (!wrong.isEmpty()) {
                    fail(wrong.size() + " wrong:\n" + String.join("\n", wrong.subList(0, Math.min(40, wrong.size()))));
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> knownGapsStillFailOrGiveNull() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, UnaryOperator<String>> schemes = schemes();
        try (InputStream in = getClass().getResourceAsStream("/demangle/known-gaps.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] p = line.split("\t", -1);
                UnaryOperator<String> d = schemes.get(p[0]);
                tests.add(DynamicTest.dynamicTest(p[0] + " " + p[1], () ->
                        assertNotEquals(p[2], d.apply(p[1]), "known gap now works: remove it from known-gaps.tsv")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tests;
    }
}
