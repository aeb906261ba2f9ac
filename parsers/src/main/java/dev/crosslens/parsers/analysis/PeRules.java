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
import java.util.regex.Pattern;

/** Rules about Windows PE images: ASLR/DEP flags, subsystem, bitness, ARM64, TLS callbacks, imports, debug info. */
final class PeRules {
    private static final Pattern STDCALL = Pattern.compile("^_?[A-Za-z_][A-Za-z0-9_]*@\\d+$");

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
                Rule.of("pe.tls-callbacks", Severity.INFO, "TLS callbacks run before the entry point",
                        "The image registers TLS callbacks: code that runs before main (and on every thread start). "
                                + "Normal for the mingw-w64 CRT; worth a look in anything else.",
                        "None needed for mingw-w64 CRT callbacks.", PeRules::tlsCallbacks),
                Rule.of("pe.stdcall-imports", Severity.WARNING, "Imports with stdcall-decorated names",
                        "Imported names like _Foo@12 are stdcall-decorated: the DLL must export exactly that "
                                + "decorated name, which most DLLs do not (a .def/--kill-at mismatch). The program "
                                + "then fails to start with 'entry point not found'.",
                        "Link against an import library generated from the DLL's .def file "
                                + "(dlltool -k / -Wl,--kill-at) so imports use undecorated names.",
                        PeRules::stdcallImports),
                Rule.of("pe.no-debug-directory", Severity.INFO, "No debug directory / PDB",
                        "There is no debug directory: crash dumps and debuggers cannot find symbols for it.",
                        "MSVC: /DEBUG; mingw: -g with -Wl,--build-id (or keep DWARF).", PeRules::noDebug),
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
                List.of(Evidence.of("header", "Magic", "PE32 (0x10b)", pe.headerExtent())), fix));
    }

    private static List<Finding> arm64(RuleContext ctx, RuleInfo self) {
        if (ctx.pe() == null || ctx.core().arch() != Arch.ARM64) return List.of();
        return List.of(Rule.finding(self, "ARM64 PE: Windows on ARM only",
                "Machine IMAGE_FILE_MACHINE_ARM64: needs Windows 10 on ARM (1809 or later) or Windows 11 on ARM.",
                List.of(Evidence.of("header", "Machine", ctx.core().machineName(), ctx.pe().headerExtent())),
                self.fix()));
    }

    private static List<Finding> tlsCallbacks(RuleContext ctx, RuleInfo self) {
        PeFacts pe = ctx.pe();
        if (pe == null || pe.tlsCallbacks() <= 0) return List.of();
        String callbacks = pe.tlsCallbacks() + (pe.tlsCallbacks() == 1 ? " callback" : " callbacks");
        return List.of(Rule.finding(self, pe.tlsCallbacks() + " TLS " + callbacks.substring(callbacks.indexOf(' ') + 1),
                "The TLS directory lists " + callbacks + " that run" + (pe.tlsCallbacks() == 1 ? "s" : "")
                        + " before the entry point.",
                List.of(Evidence.of("header", "TLS directory", callbacks, pe.tlsExtent())),
                self.fix()));
    }

    private static List<Finding> stdcallImports(RuleContext ctx, RuleInfo self) {
        if (ctx.pe() == null) return List.of();
        ImageCore c = ctx.core();
        List<Evidence> ev = new ArrayList<>();
        for (Library l : c.libraries()) {
            for (ImportedSymbol i : l.imports()) {
                if (i.name() != null && STDCALL.matcher(i.name()).matches()) {
                    ev.add(Evidence.of("symbol", "import from " + l.name(), i.name(), i.extent()));
                }
            }
        }
        if (ev.isEmpty()) return List.of();
        return List.of(Rule.finding(self, "Decorated import " + ev.get(0).value(),
                ev.size() + " import(s) use stdcall-decorated names; the DLL must export them decorated.",
                ev, self.fix()));
    }

    private static List<Finding> noDebug(RuleContext ctx, RuleInfo self) {
        PeFacts pe = ctx.pe();
        if (pe == null || !Boolean.FALSE.equals(pe.debugDirectory())) return List.of();
        return List.of(Rule.finding(self, "No debug directory",
                "The data directory has no debug entry, so no PDB or build id can be found for this image.",
                List.of(Evidence.of("header", "Debug directory", "absent", pe.headerExtent())), self.fix()));
    }

    private static List<Finding> unsigned(RuleContext ctx, RuleInfo self) {
        PeFacts pe = ctx.pe();
        if (pe == null || !Boolean.FALSE.equals(pe.signed()) || !Facts.isProgramOrLibrary(ctx.core())) {
            return List.of();
        }
        return List.of(Rule.finding(self, "No Authenticode signature",
                "The certificate table is empty.",
                List.of(Evidence.of("header", "Certificate table", "absent", pe.headerExtent())), self.fix()));
    }

}
