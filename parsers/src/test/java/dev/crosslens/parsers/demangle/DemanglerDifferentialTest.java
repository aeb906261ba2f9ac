package dev.crosslens.parsers.demangle;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential check against the real tools, where they are installed (skipped otherwise): the reference names
 * with one character changed are given to both; wherever we answer, the tool must give the same answer. "Null
 * when unsure" is allowed, a different answer is not. Seeds are fixed so a failure reproduces.
 */
class DemanglerDifferentialTest {
    record Scheme(String list, String alphabet, List<String> tool, boolean undname, UnaryOperator<String> ours) {
    }

    static List<Scheme> schemes() {
        ItaniumDemangler itanium = new ItaniumDemangler();
        RustDemangler rust = new RustDemangler();
        MsvcDemangler msvc = new MsvcDemangler();
        return List.of(
                new Scheme("itanium.tsv", "PRKSTIEJNZLvicjmd0123456789_", List.of("c++filt"), false,
                        itanium::demangle),
                new Scheme("itanium-libstdcxx.tsv", "PRKSTIEJNZLvicjmd0123456789_", List.of("c++filt"), false,
                        itanium::demangle),
                new Scheme("rust-v0.tsv", "NvCsIEBRQTphjlmu0123456789_", List.of("llvm-cxxfilt"), false,
                        rust::demangle),
                new Scheme("msvc.tsv", "PQAEBHXYZ0123456789@?$_VUW", List.of("llvm-undname"), true,
                        msvc::demangle));
    }

    @TestFactory
    List<DynamicTest> mutatedNamesAgreeWithTheToolWhenWeAnswer() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scheme s : schemes()) {
            tests.add(DynamicTest.dynamicTest(s.list() + " vs " + s.tool().get(0), () -> {
                Assumptions.assumeTrue(onPath(s.tool().get(0)), s.tool().get(0) + " is not installed");
                List<String> names = mutate(s, 4);
                List<String> answers = s.undname() ? undname(names) : filter(s.tool(), names);
                int same = 0;
                int unsure = 0;
                List<String> wrong = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    String ours = s.ours().apply(names.get(i));
                    String tool = answers.get(i);
                    if (ours == null) {
                        unsure++;
                    } else if (ours.equals(tool)) {
                        same++;
                    } else {
                        wrong.add(names.get(i) + "\n   tool: " + tool + "\n   ours: " + ours);
                    }
                }
                System.out.printf("%s: %d mutated names, %d agree, %d null, %d differ%n", s.list(), names.size(),
                        same, unsure, wrong.size());
                if (!wrong.isEmpty()) fail(String.join("\n", wrong.subList(0, Math.min(20, wrong.size()))));
            }));
        }
        return tests;
    }

    static List<String> mutate(Scheme s, int perName) {
        Random random = new Random(s.list().hashCode());
        List<String> out = new ArrayList<>();
        for (DemanglerReferenceTest.Entry e : DemanglerReferenceTest.load(s.list())) {
            String n = e.mangled();
            for (int k = 0; k < perName && n.length() > 3; k++) {
                char[] c = n.toCharArray();
                c[2 + random.nextInt(c.length - 2)] = s.alphabet().charAt(random.nextInt(s.alphabet().length()));
                out.add(new String(c));
            }
        }
        return out;
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** c++filt / llvm-cxxfilt: one line in, one line out; a name echoed unchanged is "cannot". */
    static List<String> filter(List<String> command, List<String> names) throws IOException, InterruptedException {
        Path in = Files.createTempFile("names", ".txt");
        try {
            Files.write(in, names, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(command).redirectInput(in.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            List<String> lines = List.of(new String(out, StandardCharsets.UTF_8).split("\n", -1));
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String a = lines.get(i);
                answers.add(a.equals(names.get(i)) ? null : a);
            }
            return answers;
        } finally {
            Files.deleteIfExists(in);
        }
    }

    /** llvm-undname NAME...: "name\nresult\n\n" per name, "name\n\n" when it cannot. */
    static List<String> undname(List<String> names) throws IOException, InterruptedException {
        List<String> answers = new ArrayList<>();
        for (int from = 0; from < names.size(); from += 200) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + 200));
            List<String> cmd = new ArrayList<>(List.of("llvm-undname"));
            cmd.addAll(batch);
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            int li = 0;
            for (String name : batch) {
                if (li >= lines.length || !lines[li].equals(name)) throw new IllegalStateException(
                        "llvm-undname output out of step at " + name);
                li++;
                if (lines[li].isEmpty()) {
                    answers.add(null);
                    li++;
                } else {
                    answers.add(lines[li]);
                    li += 2;
                }
            }
        }
        return answers;
    }
}
