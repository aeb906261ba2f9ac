package dev.crosslens.parsers.macho;

import dev.crosslens.model.MachOImage;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.macho.MachOBinding;
import dev.crosslens.model.macho.MachOChainedFixup;
import dev.crosslens.model.macho.MachOChainedFixups;
import dev.crosslens.model.macho.MachOExport;
import dev.crosslens.model.macho.MachORebase;
import dev.crosslens.model.macho.MachOSection;
import dev.crosslens.model.macho.MachOSegment;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.testing.Corpus;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dyld tables against LLVM 14, run in the test (skipped when llvm-objdump is absent).
 * <ul>
 *   <li>LC_DYLD_INFO images (corpus darwin binaries, go-cross darwin fixtures): export trie, rebase, bind, weak
 *   bind and lazy bind, line for line against {@code llvm-objdump --macho --exports-trie/--rebase/--bind/...}.</li>
 *   <li>LC_DYLD_CHAINED_FIXUPS images (the macOS dylibs shipped inside the jazzer jar on the test classpath,
 *   x86_64 and arm64, linked by Apple's ld64): LLVM 14 cannot dump chained fixups or LC_DYLD_EXPORTS_TRIE, so
 *   the exports are compared with {@code llvm-nm --extern-only --defined-only}, the binds with the indirect
 *   symbol table of every pointer section ({@code llvm-objdump --macho --indirect-symbols}), every rebase
 *   target must fall inside a section, and each __interpose pair is (rebase to a function llvm-nm names, bind).</li>
 * </ul>
 */
class MachODyldCrossCheckTest {
    private static final String[] CORPUS = {"esbuild-0.17.19-darwin-arm64", "esbuild-0.17.19-darwin-x64",
            "esbuild-0.28.2-darwin-arm64", "esbuild-0.28.2-darwin-x64", "rollup-4.67.4-darwin-arm64"};
    private static final String JAZZER = "com/code_intelligence/jazzer/";
    static final String[] CHAINED = {
            "driver/jazzer_driver_macos_aarch64/libjazzer_driver.dylib",
            "driver/jazzer_driver_macos_x86_64/libjazzer_driver.dylib",
            "driver/jazzer_fuzzed_data_provider_macos_aarch64/libjazzer_fuzzed_data_provider.dylib",
            "driver/jazzer_fuzzed_data_provider_macos_x86_64/libjazzer_fuzzed_data_provider.dylib",
            "driver/jazzer_signal_handler_macos_aarch64/libjazzer_signal_handler.dylib",
            "driver/jazzer_signal_handler_macos_x86_64/libjazzer_signal_handler.dylib",
            "jazzer_preload_macos_aarch64/libjazzer_preload.dylib",
            "jazzer_preload_macos_x86_64/libjazzer_preload.dylib"};

    static Stream<String> dyldInfoFiles() {
        List<String> out = new ArrayList<>();
        for (String id : CORPUS) out.add("corpus:" + id);
        out.add("fixture:darwin-amd64");
        out.add("fixture:darwin-arm64");
        return out.stream();
    }

    static Stream<String> chainedFiles() {
        return Stream.of(CHAINED);
    }

    private static Path file(String spec) {
        if (spec.startsWith("corpus:")) return Corpus.require(spec.substring(7));
        return Fixtures.file("go-cross", spec.substring(8));
    }

    /** A jazzer dylib copied from the test classpath into target/, so the llvm tools can read it. */
    static Path chainedFile(String rel) throws IOException {
        Path out = Fixtures.projectRoot().resolve("target/fixtures/jazzer-dylibs").resolve(rel.replace('/', '_'));
        if (!Files.isRegularFile(out)) {
            try (InputStream in = MachODyldCrossCheckTest.class.getClassLoader().getResourceAsStream(JAZZER + rel)) {
                Assumptions.assumeTrue(in != null, "jazzer jar with " + rel + " is not on the classpath");
                Files.createDirectories(out.getParent());
                Path tmp = Files.createTempFile(out.getParent(), "dylib", ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return out;
    }

    private static String tool(String name) {
        for (String candidate : List.of(name + "-14", name)) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(dir, candidate))) return Path.of(dir, candidate).toString();
            }
        }
        Assumptions.abort(name + " is not installed");
        return null;
    }

    static List<String> run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.set(0, tool(args[0]));
        Path log = Files.createTempFile("llvm", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "llvm tool timed out");
            assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed");
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static MachOImage parse(Path file) throws IOException {
        return new MachOParser().parse(BinaryReader.of(Files.readAllBytes(file)), ParseOptions.defaults());
    }

    private static final Pattern HEX = Pattern.compile("^0x[0-9A-Fa-f]+$");

    /** The table lines after llvm-objdump's title and column header lines, as "address symbol" or "address type". */
    private static List<String> llvmTable(List<String> lines, String title, boolean withSymbol) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith(title)) {
                in = true;
                continue;
            }
            if (!in || line.isBlank() || line.startsWith("segment")) continue;
            String[] t = line.trim().split("\\s+");
            int a = 0;
            while (a < t.length && !HEX.matcher(t[a]).matches()) a++;
            if (a == t.length) continue;
            long address = Long.parseUnsignedLong(t[a].substring(2), 16);
            String rest;
            if (withSymbol) {
                int last = t.length - 1;
                if (t[last].equals("(weak_import)")) last--;
                rest = t[last];
            } else {
                rest = String.join(" ", List.of(t).subList(a + 1, t.length));
            }
            out.add(Long.toHexString(address) + " " + rest);
        }
        return out;
    }

    private static List<String> ours(MachOImage image, String table) {
        List<String> out = new ArrayList<>();
        for (MachOBinding b : image.macho().bindings()) {
            if (b.table().equals(table)) out.add(Long.toHexString(b.address()) + " " + b.symbol());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dyldInfoFiles")
    void dyldInfoTablesMatchLlvmObjdump(String spec) throws Exception {
        Path f = file(spec);
        MachOImage image = parse(f);

        // export trie: "0x%08llX  name" or "[re-export] name", in trie order
        List<String> llvmExports = new ArrayList<>();
        for (String line : run("llvm-objdump", "--macho", "--exports-trie", f.toString())) {
            String t = line.trim();
            if (t.startsWith("[re-export] ")) {
                llvmExports.add("re-export " + t.split("\\s+")[1]);
            } else if (t.startsWith("0x")) {
                String[] w = t.split("\\s+");
                llvmExports.add(Long.toHexString(Long.parseUnsignedLong(w[0].substring(2), 16)) + " " + w[1]);
            }
        }
        long base = textBase(image);
        List<String> ourExports = new ArrayList<>();
        for (MachOExport e : image.macho().exports()) {
            ourExports.add(e.reexport() ? "re-export " + e.name() : Long.toHexString(base + e.address()) + " " + e.name());
        }
        assertEquals(llvmExports, ourExports, "exports of " + spec);
        long unified = image.core().symbols().stream().filter(s -> s.table() == SymbolTable.MACHO_EXPORTS).count();
        assertEquals(ourExports.size(), unified, "every export is a unified symbol");

        List<String> llvmRebases = llvmTable(run("llvm-objdump", "--macho", "--rebase", f.toString()),
                "Rebase table:", false);
        List<String> ourRebases = new ArrayList<>();
        for (MachORebase rb : image.macho().rebases()) ourRebases.add(Long.toHexString(rb.address()) + " " + rb.typeName());
        assertEquals(llvmRebases, ourRebases, "rebases of " + spec);

        assertEquals(llvmTable(run("llvm-objdump", "--macho", "--bind", f.toString()), "Bind table:", true),
                ours(image, "bind"), "binds of " + spec);
        assertEquals(llvmTable(run("llvm-objdump", "--macho", "--weak-bind", f.toString()), "Weak bind table:", true),
                ours(image, "weak_bind"), "weak binds of " + spec);
        assertEquals(llvmTable(run("llvm-objdump", "--macho", "--lazy-bind", f.toString()), "Lazy bind table:", true),
                ours(image, "lazy_bind"), "lazy binds of " + spec);
        assertTrue(image.core().diagnostics().stream().noneMatch(d -> d.code().startsWith("macho.rebase")
                || d.code().startsWith("macho.exports") || d.code().startsWith("macho.bind")),
                image.core().diagnostics().toString());
        System.out.printf("%s: %d exports, %d rebases, %d binds, %d weak binds, %d lazy binds match llvm-objdump%n",
                spec, ourExports.size(), ourRebases.size(), ours(image, "bind").size(),
                ours(image, "weak_bind").size(), ours(image, "lazy_bind").size());
    }

    private static long textBase(MachOImage image) {
        for (MachOSegment s : image.macho().segments()) {
            if (s.fileoff() == 0 && s.filesize() != 0) return s.vmaddr();
        }
        return 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chainedFiles")
    void chainedFixupsAndExportsTrieMatchLlvm(String rel) throws Exception {
        Path f = chainedFile(rel);
        MachOImage image = parse(f);
        MachOChainedFixups cf = image.macho().chainedFixups();
        assertNotNull(cf, "LC_DYLD_CHAINED_FIXUPS read");
        assertTrue(image.core().diagnostics().stream().noneMatch(d -> d.code().startsWith("macho.fixups")
                || d.code().startsWith("macho.exports")), image.core().diagnostics().toString());
        long base = textBase(image);

        // exports (LC_DYLD_EXPORTS_TRIE) == llvm-nm's external defined symbols, by name and address
        Set<String> nm = new HashSet<>();
        Map<Long, String> nmByAddress = new HashMap<>();
        for (String line : run("llvm-nm", "--extern-only", "--defined-only", f.toString())) {
            String[] w = line.trim().split("\\s+");
            if (w.length < 3) continue;
            long v = Long.parseUnsignedLong(w[0], 16);
            nm.add(Long.toHexString(v) + " " + w[2]);
        }
        for (String line : run("llvm-nm", "--defined-only", f.toString())) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 3) nmByAddress.put(Long.parseUnsignedLong(w[0], 16), w[2]);
        }
        Set<String> exports = new HashSet<>();
        for (MachOExport e : image.macho().exports()) exports.add(Long.toHexString(base + e.address()) + " " + e.name());
        assertEquals(nm, exports, "exports trie vs llvm-nm of " + rel);
        assertFalse(exports.isEmpty());

        Map<Long, MachOChainedFixup> byAddress = new HashMap<>();
        for (MachOChainedFixup x : cf.fixups()) assertEquals(null, byAddress.put(x.address(), x), "one fixup per slot");

        // binds: every pointer-section slot of the indirect symbol table is a fixup; named ones bind that name,
        // LOCAL ones are rebases
        Pattern header = Pattern.compile("^Indirect symbols for \\((\\w+),(\\w+)\\) (\\d+) entries");
        String section = null;
        int slotsChecked = 0;
        int bindsChecked = 0;
        for (String line : run("llvm-objdump", "--macho", "--indirect-symbols", f.toString())) {
            Matcher m = header.matcher(line);
            if (m.find()) {
                section = m.group(2);
                continue;
            }
            if (section == null || section.equals("__stubs") || section.equals("__auth_stubs")) continue;
            String[] w = line.trim().split("\\s+");
            if (w.length < 2 || !w[0].startsWith("0x")) continue;
            long address = Long.parseUnsignedLong(w[0].substring(2), 16);
            MachOChainedFixup x = byAddress.get(address);
            assertNotNull(x, rel + ": no fixup at " + section + " slot 0x" + Long.toHexString(address));
            slotsChecked++;
            if (w[1].matches("\\d+") && w.length >= 3) {
                assertTrue(x.bind(), rel + ": " + w[2] + " slot is not a bind");
                assertEquals(w[2], x.symbol(), rel + " bind at 0x" + Long.toHexString(address));
                bindsChecked++;
            } else if (w[1].equals("LOCAL")) {
                assertFalse(x.bind(), rel + ": LOCAL slot 0x" + Long.toHexString(address) + " is a bind");
            }
        }
        assertTrue(bindsChecked > 0, "some binds are cross-checked");

        // rebases land inside a section; __interpose pairs are (rebase to a named function, bind)
        List<MachOSection> sections = image.macho().sections();
        int interposeChecked = 0;
        for (MachOChainedFixup x : cf.fixups()) {
            if (x.bind()) {
                assertNotNull(x.symbol(), "bind names an import");
                continue;
            }
            long target = x.target() & 0x00ffffffffffffffL;
            assertTrue(sections.stream().anyMatch(s -> Long.compareUnsigned(target - s.address(), s.size()) < 0),
                    rel + ": rebase at 0x" + Long.toHexString(x.address()) + " to 0x" + Long.toHexString(target)
                            + " lies outside every section");
        }
        MachOSection interpose = sections.stream().filter(s -> s.name().equals("__interpose")).findFirst().orElse(null);
        if (interpose != null) {
            for (long a = interpose.address(); a < interpose.address() + interpose.size(); a += 16) {
                MachOChainedFixup replacement = byAddress.get(a);
                MachOChainedFixup original = byAddress.get(a + 8);
                assertNotNull(replacement);
                assertNotNull(original);
                assertFalse(replacement.bind());
                assertNotNull(nmByAddress.get(replacement.target()), "interpose replacement 0x"
                        + Long.toHexString(replacement.target()) + " is a symbol llvm-nm names");
                assertTrue(original.bind());
                interposeChecked++;
            }
        }
        long unified = image.core().symbols().stream().filter(s -> s.table() == SymbolTable.MACHO_EXPORTS).count();
        assertEquals(image.macho().exports().size(), unified);
        System.out.printf(Locale.ROOT, "%s: %s, %d fixups (%d binds, %d rebases); %d/%d indirect slots, %d binds, "
                        + "%d interpose pairs and %d exports match llvm%n", rel,
                cf.starts().isEmpty() ? "-" : cf.starts().get(0).pointerFormatName(), cf.fixups().size(),
                cf.bindCount(), cf.rebaseCount(), slotsChecked, slotsChecked, bindsChecked, interposeChecked,
                exports.size());
    }
}
