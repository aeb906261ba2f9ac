package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Arch;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.Library;
import dev.crosslens.model.Severity;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;

import java.util.ArrayList;
import java.util.List;
import dev.crosslens.parsers.demangle.Decorations;
import dev.crosslens.parsers.demangle.SymbolDemangler;

/** Rules about Windows PE images: ASLR/DEP flags, subsystem, bitness, ARM64, TLS callbacks, imports, debug info. */
final class PeRules {
    private static final Decorations DECORATIONS = new Decorations();

    private PeRules() {
    }

    static List<FindingRule> rules() {
        return List.of(
                Rule.of("pe.no-dynamic-base", Severity.WARNING, "No ASLR (DYNAMIC_BASE not set)",
                        "Without IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE Windows loads the image at its preferred "
                                + "base every time. GNU ld before 2.36 did not set it by default, and gcc's -pie does "
                                + "nothing for PE targets.",
                        "x86_64-w64-mingw32-gcc ... -Wl,--dynamicbase (Go: -buildmode=pie, the default since Go 1.15)",
                        PeRules::noDynamicBase),
                Rule.of("pe.no-high-entropy-va", Severity.WARNING, "64-bit image without high-entropy ASLR",
                        "A PE32+ image with DYNAMIC_BASE but without HIGH_ENTROPY_VA gets only 32-bit-range "
                                + "randomisation on 64-bit Windows.",
                        "-Wl,--high-entropy-va", PeRules::noHighEntropy),
                Rule.of("pe.no-nx-compat", Severity.WARNING, "Not marked NX compatible (no DEP)",
                        "Without IMAGE_DLLCHARACTERISTICS_NX_COMPAT data pages may be executable.",
                        "-Wl,--nxcompat", PeRules::noNx),
                Rule.of("pe.gui-subsystem", Severity.INFO, "GUI subsystem: no console",
                        "The image is marked for the Windows GUI subsystem (go build -ldflags=-H=windowsgui, "
                                + "gcc -mwindows): started from a console it detaches at once and anything written "
                                + "to stdout/stderr is lost.",
                        "Drop -H=windowsgui / -mwindows for a console program.", PeRules::guiSubsystem),
                Rule.of("pe.pe32", Severity.INFO, "32-bit PE (PE32)",
                        "A 32-bit Windows image runs on 64-bit Windows only through WOW64; a 64-bit-only Wine "
                                + "prefix (wine64 without the 32-bit part) and Windows without WOW64 cannot run it.",
                        "Build for 64-bit: GOARCH=amd64 (or x86_64-w64-mingw32-gcc).", PeRules::pe32),
                Rule.of("pe.arm64", Severity.INFO, "ARM64 Windows image",
                        "ARM64 PE images run on Windows 10 on ARM (version 1709 and later; 1809+ for most "
                                + "toolchains' output) and Windows 11 on ARM only: not on x64 Windows.",
                        "Ship an amd64 build as well (GOARCH=amd64).", PeRules::arm64),
                Rule.of("pe.tls-callbacks", Severity.INFO, "TLS callbacks of the program's own run before the entry point",
                        "TLS callbacks run before main and on every thread start and exit. The mingw-w64 runtime "
                                + "registers two of its own in every executable (__dyn_tls_init and __dyn_tls_dtor, from "
                                + "its tlssup.c); any other callback is code of the program (or of something injected "
                                + "into it) that runs before the entry point: worth a look.",
                        "Check what each callback does; the runtime's own two need nothing.", PeRules::tlsCallbacks),
                Rule.of("pe.stdcall-imports", Severity.WARNING, "Imports with stdcall-, fastcall- or vectorcall-decorated names",
                        "Imported names like _Foo@12 (stdcall), @Foo@8 (fastcall) or Foo@@16 (vectorcall) carry the "
                                + "calling convention and the bytes of arguments: the DLL must export exactly that "
                                + "decorated name, which most DLLs do not (a .def/--kill-at mismatch), and the program "
                                + "then fails to start with 'entry point not found'.",
                        "Link against an import library generated from the DLL's .def file "
                                + "(dlltool -k / -Wl,--kill-at) so imports use undecorated names.",
                        PeRules::stdcallImports),
                Rule.of("pe.no-debug-directory", Severity.INFO, "No debug directory / PDB",
                        "There is no debug directory: crash dumps and debuggers cannot find symbols for it.",
                        "MSVC: /DEBUG; mingw: -g with -Wl,--build-id (or keep DWARF).", PeRules::noDebug),
                Rule.of("pe.no-pdb", Severity.INFO, "Debug directory without a PDB reference",
                        "The debug directory has entries (POGO, VC feature, repro, ...) but no CodeView one: no PDB "
                                + "path or GUID/age is recorded, so debuggers and symbol servers cannot find symbols "
                                + "for the image.",
                        "MSVC/lld-link: /DEBUG (keep the PDB); mingw: -g -Wl,--pdb= with lld, or ship DWARF.",
                        PeRules::noPdb),
                Rule.of("pe.unsigned", Severity.INFO, "Not Authenticode-signed",
                        "The image carries no Authenticode signature: SmartScreen and some endpoint policies warn "
                                + "about or block unsigned downloads.",
                        "signtool sign /fd SHA256 /a FILE (or osslsigncode)", PeRules::unsigned));
    }

    private static Evidence dllChars(PeFacts pe, String value) {
        return Evidence.of("header", "DllCharacteristics", value, pe.dllCharacteristicsExtent().isKnown()
                ? pe.dllCharacteristicsExtent() : pe.headerExtent());
    }

    private static String hex(long v) {
        return String.format("0x%04x", v);
    }

    private static List<Finding> noDynamicBase(RuleContext ctx, RuleInfo self) {
        PeFacts pe = ctx.pe();
        if (pe == null || !Boolean.FALSE.equals(pe.has(PeFacts.DYNAMIC_BASE))) return List.of();
        String fix = ctx.isGoBinary() ? "go build -buildmode=pie . (the default for windows since Go 1.15)"
                : "x86_64-w64-mingw32-gcc ... -Wl,--dynamicbase  (gcc -pie is ignored for PE targets)";
        return List.of(Rule.finding(self, "DYNAMIC_BASE is not set",
                "DllCharacteristics " + hex(pe.dllCharacteristics()) + " lacks DYNAMIC_BASE (0x0040): no ASLR.",
                List.of(dllChars(pe, hex(pe.dllCharacteristics()))), fix));
    }

    private static List<Finding> noHighEntropy(RuleContext ctx, RuleInfo self) {
        PeFacts pe = ctx.pe();
        if (pe == null || !pe.pe32Plus() || !Boolean.TRUE.equals(pe.has(PeFacts.DYNAMIC_BASE))
                || !Boolean.FALSE.equals(pe.has(PeFacts.HIGH_ENTROPY_VA))) return List.of();
        return List.of(Rule.finding(self, "HIGH_ENTROPY_VA is not set",
                "DllCharacteristics " + hex(pe.dllCharacteristics()) + " has DYNAMIC_BASE but not HIGH_ENTROPY_VA "
                        + "(0x0020).", List.of(dllChars(pe, hex(pe.dllCharacteristics()))), self.fix()));
    }

    private static List<Finding> noNx(RuleContext ctx, RuleInfo self) {
        PeFacts pe = ctx.pe();
        if (pe == null || !Boolean.FALSE.equals(pe.has(PeFacts.NX_COMPAT))) return List.of();
        return List.of(Rule.finding(self, "NX_COMPAT is not set",
                "DllCharacteristics " + hex(pe.dllCharacteristics()) + " lacks NX_COMPAT (0x0100).",
                List.of(dllChars(pe, hex(pe.dllCharacteristics()))), self.fix()));
    }

    private static List<Finding> guiSubsystem(RuleContext ctx, RuleInfo self) {
        PeFacts pe = ctx.pe();
        if (pe == null || pe.subsystem() != PeFacts.SUBSYSTEM_WINDOWS_GUI || !ctx.core().kind().isExecutable()) {
            return List.of();
        }
        String fix = ctx.isGoBinary() ? "go build . (without -ldflags=-H=windowsgui) for a console program"
                : "link without -mwindows (or with -mconsole)";
        return List.of(Rule.finding(self, "IMAGE_SUBSYSTEM_WINDOWS_GUI: output to the console is lost",
                "Subsystem 2 (Windows GUI): Windows starts it without a console. Fine for a windowed program; a "
                        + "command-line tool built this way prints nothing.",
                List.of(Evidence.of("header", "Subsystem", "WINDOWS_GUI (2)", pe.subsystemExtent().isKnown()
                        ? pe.subsystemExtent() : pe.headerExtent())), fix));
    }

    private static List<Finding> pe32(RuleContext ctx, RuleInfo self) {
        PeFacts pe = ctx.pe();
        if (pe == null || pe.pe32Plus() || !Facts.isProgramOrLibrary(ctx.core())) return List.of();
        String fix = ctx.isGoBinary() ? "GOOS=windows GOARCH=amd64 go build ." : "x86_64-w64-mingw32-gcc (64-bit)";
        return List.of(Rule.finding(self, "PE32 (32-bit " + ctx.core().arch().label() + ")",
                "This is a 32-bit image: it needs WOW64 on 64-bit Windows, and a 64-bit-only Wine cannot run it.",
                List.of(Evidence.of("header", "Magic", "PE32 (0x10b)", pe.orHeader(pe.magicExtent()))), fix));
    }

    private static List<Finding> arm64(RuleContext ctx, RuleInfo self) {
        if (ctx.pe() == null || ctx.core().arch() != Arch.ARM64) return List.of();
        return List.of(Rule.finding(self, "ARM64 PE: Windows on ARM only",
                "Machine IMAGE_FILE_MACHINE_ARM64: needs Windows 10 on ARM (1809 or later) or Windows 11 on ARM.",
                List.of(Facts.machineEvidence(ctx)),
                self.fix()));
    }

    /** The TLS callbacks the mingw-w64 CRT (tlssup.c) registers in every executable (seen in win-clean.exe). */
    static final java.util.Set<String> CRT_TLS_CALLBACKS = java.util.Set.of("__dyn_tls_init", "__dyn_tls_dtor");
    /** How many callbacks that runtime registers. */
    static final int CRT_TLS_COUNT = 2;

    private static String callbacks(long n) {
        return n == 1 ? "1 callback" : n + " callbacks";
    }

    private static List<Finding> tlsCallbacks(RuleContext ctx, RuleInfo self) {
        PeFacts pe = ctx.pe();
        if (pe == null || pe.tlsCallbacks() <= 0) return List.of();
        List<String> names = pe.tlsCallbackNames();
        int unnamed = 0;
        List<String> own = new ArrayList<>();
        for (String n : names) {
            if (n.isEmpty()) unnamed++;
            else if (!CRT_TLS_CALLBACKS.contains(n) && !CRT_TLS_CALLBACKS.contains(n.startsWith("_") ? n.substring(1) : n)) {
                own.add(n);
            }
        }
        int crtNamed = names.size() - unnamed - own.size();
        String title;
        String explanation;
        if (unnamed == 0) {
            if (own.isEmpty()) return List.of(); // only the runtime's own pair
            title = (own.size() == 1 ? "1 TLS callback" : own.size() + " TLS callbacks") + " of the program's own: "
                    + String.join(", ", own);
            explanation = "The TLS directory lists " + callbacks(names.size()) + ": " + String.join(", ", own)
                    + (crtNamed > 0 ? " besides the runtime's " + crtNamed : "") + ". They run before the entry point "
                    + "and on every thread start.";
        } else {
            // Stripped: the mingw-w64 runtime registers two, so only a count above that proves callbacks of its own.
            if (pe.tlsCallbacks() <= CRT_TLS_COUNT) return List.of();
            title = pe.tlsCallbacks() + " TLS callbacks: more than the mingw-w64 runtime's " + CRT_TLS_COUNT;
            explanation = "The TLS directory lists " + pe.tlsCallbacks() + " callbacks and the image has no symbols "
                    + "to name them; the mingw-w64 runtime registers " + CRT_TLS_COUNT + " of its own, so at least "
                    + (pe.tlsCallbacks() - CRT_TLS_COUNT) + " run code of the program's own before the entry point.";
        }
        return List.of(Rule.finding(self, title, explanation,
                List.of(Evidence.of("header", "TLS directory", callbacks(pe.tlsCallbacks()), pe.tlsExtent())),
                self.fix()));
    }

    /**
     * The decoration of an imported name. Besides the compilers' own forms ({@code _F@8}, {@code @F@8},
     * {@code F@@8}), a DLL that GNU ld linked without --kill-at exports stdcall names without the leading
     * underscore ({@code F@8}), and imports then carry that form.
     */
    static Decorations.Decoration decoration(String name) {
        Decorations.Decoration d = DECORATIONS.decode(name);
        if (d == null && !name.startsWith("_") && !name.startsWith("@") && !name.contains("@@")) {
            d = DECORATIONS.decode("_" + name);
        }
        return d;
    }

    private static List<Finding> stdcallImports(RuleContext ctx, RuleInfo self) {
        if (ctx.pe() == null) return List.of();
        ImageCore c = ctx.core();
        List<Evidence> ev = new ArrayList<>();
        List<String> conventions = new ArrayList<>();
        for (Library l : c.libraries()) {
            for (ImportedSymbol i : l.imports()) {
                Decorations.Decoration d = i.name() == null ? null : decoration(i.name());
                if (d == null) continue;
                ev.add(Evidence.of("symbol", "import from " + l.name(), i.name() + " = "
                        + SymbolDemangler.decorated(d.name(), d), i.extent()));
                if (!conventions.contains(d.convention().label())) conventions.add(d.convention().label());
            }
        }
        if (ev.isEmpty()) return List.of();
        return List.of(Rule.finding(self, "Decorated import " + ev.get(0).value(),
                (ev.size() == 1 ? "1 import uses " : ev.size() + " imports use ") + String.join("/", conventions)
                        + "-decorated names; the DLL must export them decorated exactly so.", ev, self.fix()));
    }

    private static List<Finding> noDebug(RuleContext ctx, RuleInfo self) {
        PeFacts pe = ctx.pe();
        if (pe == null || !Boolean.FALSE.equals(pe.debugDirectory())) return List.of();
        return List.of(Rule.finding(self, "No debug directory",
                "The data directory has no debug entry, so no PDB or build id can be found for this image.",
                List.of(Evidence.of("header", "Debug data directory", "empty", pe.orHeader(pe.debugExtent()))),
                self.fix()));
    }

    private static List<Finding> noPdb(RuleContext ctx, RuleInfo self) {
        PeFacts pe = ctx.pe();
        if (pe == null || !Boolean.TRUE.equals(pe.debugDirectory()) || pe.pdbPath() != null
                || pe.debugTypes().contains("CodeView")) {
            return List.of();
        }
        String types = String.join(", ", pe.debugTypes());
        return List.of(Rule.finding(self, "No CodeView entry in the debug directory (" + types + "): no PDB",
                "The debug directory lists " + pe.debugTypes().size() + " entr" + (pe.debugTypes().size() == 1 ? "y" : "ies")
                        + " (" + types + ") and none is CodeView, so the image names no PDB file and no GUID/age "
                        + "to fetch one by.", List.of(Evidence.of("header", "debug directory", types,
                        pe.orHeader(pe.debugExtent()))), self.fix()));
    }

    private static List<Finding> unsigned(RuleContext ctx, RuleInfo self) {
        PeFacts pe = ctx.pe();
        if (pe == null || !Boolean.FALSE.equals(pe.signed()) || !Facts.isProgramOrLibrary(ctx.core())) {
            return List.of();
        }
        return List.of(Rule.finding(self, "No Authenticode signature",
                "The certificate table is empty.",
                List.of(Evidence.of("header", "Certificate table data directory", "empty",
                        pe.orHeader(pe.certificateExtent()))), self.fix()));
    }

}
