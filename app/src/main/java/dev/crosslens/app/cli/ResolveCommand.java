package dev.crosslens.app.cli;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.resolve.LibraryResolution;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.model.resolve.ResolutionState;
import dev.crosslens.model.resolve.SymbolResolution;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.report.JsonSupport;
import dev.crosslens.parsers.resolve.ResolveOptions;
import dev.crosslens.parsers.resolve.Resolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code crosslens resolve FILE}: every library and imported symbol, resolved against a sysroot (ELF) or a folder
 * of DLLs (PE). Exit 0 when everything resolves (weak references may be missing), 1 when something does not,
 * 2 on error.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Resolve what a binary imports: ELF against a sysroot (ld.so's rules, symbol versions), "
                + "PE against a folder of DLLs (Wine's by default; forwarders, API sets), Mach-O to its dylibs.")
final class ResolveCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--sysroot", paramLabel = "DIR",
            description = "ELF: the target's / (default: this machine's /); PE: a folder of DLLs (default: Wine's)")
    Path sysroot;

    @Option(names = "--pretty", description = "with --json: indent the document for people (default: one line)")
    boolean pretty;

    @Option(names = "--json", description = "print the crosslens.resolution JSON document")
    boolean json;

    @Option(names = "--all", description = "list resolved symbols too (default: only what is not resolved)")
    boolean all;

    @Option(names = "--max-depth", defaultValue = "8", description = "dependency tree depth (default ${DEFAULT-VALUE})")
    int maxDepth;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (sysroot != null && !java.nio.file.Files.isDirectory(sysroot)) {
            err.println("crosslens resolve: --sysroot " + sysroot + ": no such directory");
            return CrosslensCli.EXIT_USAGE;
        }
        Resolution r;
        try {
            BinaryFile f = Binaries.open(file, ParseOptions.defaults().withGoAnalysis(false));
            r = new Resolver().resolve(f, ResolveOptions.defaults().withSysroot(sysroot).withMaxDepth(maxDepth));
        } catch (IOException e) {
            err.println("crosslens resolve: " + CliErrors.describe(e));
            return CrosslensCli.EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println("crosslens resolve: " + e.getMessage());
            return CrosslensCli.EXIT_USAGE;
        }
        try {
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("schema", "crosslens.resolution");
                doc.put("schemaVersion", 1);
                doc.put("resolution", r);
                JsonSupport.write(out, doc, pretty);
            } else {
                print(r, out, all);
            }
        } catch (IOException e) {
            err.println("crosslens resolve: cannot write: " + e.getMessage());
            return CrosslensCli.EXIT_USAGE;
        }
        out.flush();
        return r.hasErrors() ? CrosslensCli.EXIT_FAILED : CrosslensCli.EXIT_OK;
    }

    static void print(Resolution r, PrintWriter out, boolean all) {
        out.println(r.binary() + " (" + r.format() + ")" + (r.sysroot().isEmpty() ? "" : " resolved against "
                + r.sysroot()));
        out.println();
        out.println("Libraries (" + r.libraries().size() + ")");
        for (LibraryResolution l : r.libraries()) {
            out.printf("  %-11s %-32s %s%n", state(l.state()), l.name(),
                    l.state() == ResolutionState.RESOLVED ? l.path() : l.reason());
        }
        out.println();
        out.printf("Symbols (%d): %d resolved, %d unresolved, %d weak and missing, %d not checked%n",
                r.symbols().size(), r.count(ResolutionState.RESOLVED), r.count(ResolutionState.UNRESOLVED),
                r.count(ResolutionState.WEAK_MISSING), r.count(ResolutionState.UNCHECKED));
        int width = 24;
        for (SymbolResolution s : r.symbols()) width = Math.max(width, Math.min(48, s.label().length()));
        String fmt = "  %-11s %-" + width + "s %-8s %-22s %5s  %s%n";
        out.printf(fmt, "STATE", "SYMBOL", "BINDING", "PROVIDER", "RELOC", "DETAIL");
        for (SymbolResolution s : r.symbols()) {
            if (!all && s.state() == ResolutionState.RESOLVED) continue;
            String detail = !s.reason().isEmpty() ? s.reason() : s.target() != null ? "-> " + s.target() : "";
            out.printf(fmt, state(s.state()), s.label(), s.binding(), s.provider() == null ? "-" : s.provider(),
                    s.relocationCount(), detail);
        }
        if (!all && r.count(ResolutionState.RESOLVED) > 0) {
            out.println("  (" + r.count(ResolutionState.RESOLVED) + " resolved symbols not listed: --all)");
        }
        if (!r.notes().isEmpty()) {
            out.println();
            for (String n : r.notes()) out.println("note: " + n);
        }
    }

    private static String state(ResolutionState s) {
        return switch (s) {
            case RESOLVED -> "resolved";
            case UNRESOLVED -> "UNRESOLVED";
            case WEAK_MISSING -> "weak-miss";
            case UNCHECKED -> "unchecked";
        };
    }
}
