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
        return m;
    }

    static Set<String> knownGaps() {
        Set<String> gaps = new HashSet<>();
        for (Entry e : load("known-gaps.tsv")) gaps.add(e.mangled());
        return gaps;
    }

    @TestFactory
    List<DynamicTest> everyReferenceNameDemanglesToTheToolsAnswer() {
        Set<String> gaps = knownGaps();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, UnaryOperator<String>> scheme : schemes().entrySet()) {
            tests.add(DynamicTest.dynamicTest(scheme.getKey(), () -> {
                List<Entry> entries = load(scheme.getKey() + ".tsv");
                assertTrue(entries.size() > 10, "list " + scheme.getKey() + " is too short");
                int ok = 0;
                List<String> wrong = new ArrayList<>();
                for (Entry e : entries) {
                    String got = scheme.getValue().apply(e.mangled());
                    if (e.expected().equals(got)) {
                        ok++;
                    } else if (!gaps.contains(e.mangled())) {
                        wrong.add(e.mangled() + "\n   expected: " + e.expected() + "\n   got:      " + got);
                    }
                }
                System.out.printf("%s: demangled %d of %d%n", scheme.getKey(), ok, entries.size());
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
