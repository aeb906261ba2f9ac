package dev.crosslens.parsers.analysis;

import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Segment;
import dev.crosslens.model.Severity;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.finding.Evidence;
import dev.crosslens.model.finding.Finding;

import java.util.ArrayList;
import java.util.List;

/** Rules about ELF programs and libraries: the glibc floor, PIE, stack, RELRO, RPATH, unresolved symbols. */
final class ElfRules {
    private static final List<String> SYSTEM_LIB_DIRS = List.of("/lib", "/lib64", "/lib32", "/usr/lib", "/usr/lib64",
            "/usr/lib32", "/usr/local/lib", "/usr/local/lib64");

    private ElfRules() {
    }

    static List<FindingRule> rules() {
        return List.of(
                Rule.of("elf.glibc-floor", Severity.INFO, "Oldest glibc (and libstdc++) this binary runs with",
                        "Every versioned glibc symbol a binary uses sets a floor: the target's glibc must be at "
                                + "least the highest GLIBC_x.y version needed (likewise GLIBCXX_/CXXABI_ for "
                                + "libstdc++). Older systems fail at start with 'version GLIBC_x.y not found'.",
                        "Build on (or against a sysroot of) the oldest distribution you support, use zig cc "
                                + "-target <arch>-linux-gnu.2.17, or link statically with musl.",
                        ElfRules::glibcFloor),
                Rule.of("elf.no-pie", Severity.WARNING, "Executable is not position independent",
                        "An ET_EXEC executable loads at a fixed address, so ASLR cannot move its code: exploits "
                                + "of memory bugs get easier.",
                        "gcc -fPIE -pie (for static: -static-pie)", ElfRules::noPie),
                Rule.of("elf.execstack", Severity.WARNING, "Stack is executable",
                        "PT_GNU_STACK is missing or has the execute bit: the kernel maps the stack (and on some "
                                + "architectures all readable memory) executable. Usually one assembly object without "
                                + "a .note.GNU-stack section causes it.",
                        "-Wl,-z,noexecstack (and add .section .note.GNU-stack,\"\",@progbits to .S files)",
                        ElfRules::execStack),
                Rule.of("elf.no-relro", Severity.WARNING, "No RELRO",
                        "Without PT_GNU_RELRO the GOT and other relocated data stay writable after start-up.",
                        "-Wl,-z,relro,-z,now", ElfRules::noRelro),
                Rule.of("elf.rpath-absolute", Severity.WARNING, "RPATH/RUNPATH points into a build directory",
                        "An absolute RPATH/RUNPATH outside the system library directories names a directory of "
                                + "the build machine: on the target it is missing (libraries not found) or, worse, "
                                + "writable by someone else.",
                        "-Wl,-rpath,'$ORIGIN/../lib' (or patchelf --set-rpath '$ORIGIN/../lib' FILE)",
                        ElfRules::rpathAbsolute),
                Rule.of("elf.static-undefined", Severity.ERROR, "Static binary with unresolved symbols",
                        "A statically linked executable has no loader and no libraries, yet some symbols are "
                                + "still undefined: calls to them jump to address 0 and crash.",
                        "Link the missing library (-l...) and drop --unresolved-symbols=ignore-all / "
                                + "-Wl,--warn-unresolved-symbols.", ElfRules::staticUndefined));
    }

    private static boolean programOrLibrary(ImageCore c) {
        return Facts.isElf(c) && (c.kind().isExecutable() || c.kind() == BinaryKind.SHARED_LIBRARY);
    }

    private static List<Finding> glibcFloor(RuleContext ctx, RuleInfo self) {
        ImageCore c = ctx.core();
        if (!programOrLibrary(c)) return List.of();
        Facts.VersionedNeed glibc = Facts.highest(Facts.versionedNeeds(c, "GLIBC_"));
        Facts.VersionedNeed cxx = Facts.highest(Facts.versionedNeeds(c, "GLIBCXX_"));
        Facts.VersionedNeed abi = Facts.highest(Facts.versionedNeeds(c, "CXXABI_"));
        if (glibc == null && cxx == null && abi == null) return List.of();
        List<Evidence> ev = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (Facts.VersionedNeed n : new Facts.VersionedNeed[]{glibc, cxx, abi}) {
            if (n == null) continue;
            parts.add(n.version());
            ev.add(Evidence.of("symbol", "needs " + n.version(), n.label(), n.extent()));
        }
        String title = "Needs " + String.join(", ", parts);
        String because = glibc != null ? " (" + glibc.label() + " sets the glibc floor)" : "";
        return List.of(Rule.finding(self, title,
                "The highest versioned symbols this file uses: " + String.join(", ", parts) + because
                        + ". A target with an older glibc/libstdc++ refuses to load it.",
                ev, self.fix()));
    }

    private static List<Finding> noPie(RuleContext ctx, RuleInfo self) {
        ImageCore c = ctx.core();
        if (!Facts.isElf(c) || c.kind() != BinaryKind.EXECUTABLE || ctx.isGoBinary()) return List.of();
        return List.of(Rule.finding(self, "ET_EXEC: not a PIE",
                "The executable has type ET_EXEC and loads at a fixed address; ASLR cannot randomise its code.",
                List.of(Evidence.of("header", "e_type", "ET_EXEC", ctx.header().kind())),
                Facts.elfStatic(c) ? "gcc -static-pie (or -fPIE -pie)" : "gcc -fPIE -pie"));
    }

    private static List<Finding> execStack(RuleContext ctx, RuleInfo self) {
        ImageCore c = ctx.core();
        if (!programOrLibrary(c) || c.segments().isEmpty()) return List.of();
        Segment stack = Facts.segment(c, "GNU_STACK");
        if (stack != null && !stack.permissions().execute()) return List.of();
        if (stack == null && ctx.isGoBinary()) return List.of();
        Evidence ev = stack == null
                ? Evidence.of("segment", "PT_GNU_STACK", "missing from the program headers (the stack defaults to "
                        + "executable)", ctx.header().programHeaders())
                : Evidence.of("segment", "PT_GNU_STACK", stack.permissions().label(), stack.headerExtent());
        return List.of(Rule.finding(self, stack == null ? "No PT_GNU_STACK: executable stack"
                        : "PT_GNU_STACK is " + stack.permissions().label(),
                "The program header asks for an executable stack; code injected onto the stack can run.",
                List.of(ev), self.fix()));
    }

    private static List<Finding> noRelro(RuleContext ctx, RuleInfo self) {
        ImageCore c = ctx.core();
        if (!programOrLibrary(c) || ctx.isGoBinary() || c.segments().isEmpty()) return List.of();
        if (Facts.elfStatic(c) && c.kind() == BinaryKind.EXECUTABLE) return List.of();
        if (Facts.segment(c, "GNU_RELRO") != null) return List.of();
        Extent where = ctx.header().programHeaders().isKnown() ? ctx.header().programHeaders()
                : c.segments().get(0).headerExtent();
        return List.of(Rule.finding(self, "No PT_GNU_RELRO segment",
                "There is no RELRO segment, so relocated data (GOT, .init_array, .dynamic) stays writable.",
                List.of(Evidence.of("segment", "PT_GNU_RELRO", "missing from the program headers", where)),
                self.fix()));
    }

    private static List<Finding> rpathAbsolute(RuleContext ctx, RuleInfo self) {
        ImageCore c = ctx.core();
        if (!Facts.isElf(c) || c.rpaths().isEmpty()) return List.of();
        Extent where = ctx.elf() == null ? Extent.NONE
                : ctx.elf().rpathExtent().isKnown() ? ctx.elf().rpathExtent() : ctx.elf().dynamicExtent();
        List<Evidence> ev = new ArrayList<>();
        for (String rp : c.rpaths()) {
            for (String dir : rp.split(":")) {
                if (dir.startsWith("/") && !isSystemDir(dir)) ev.add(Evidence.of("rpath", "RPATH/RUNPATH", dir, where));
            }
        }
        if (ev.isEmpty()) return List.of();
        return List.of(Rule.finding(self, "Absolute RPATH " + ev.get(0).value(),
                "The loader searches " + ev.get(0).value() + " for libraries: a directory of the build machine. "
                        + "On the target it does not exist, or someone else controls it.",
                ev, self.fix()));
    }

    private static boolean isSystemDir(String dir) {
        String d = dir.endsWith("/") && dir.length() > 1 ? dir.substring(0, dir.length() - 1) : dir;
        for (String s : SYSTEM_LIB_DIRS) {
            if (d.equals(s) || (d.startsWith(s + "/") && !d.contains("/.."))) return true;
        }
        return false;
    }

    private static List<Finding> staticUndefined(RuleContext ctx, RuleInfo self) {
        ImageCore c = ctx.core();
        if (!Facts.isElf(c) || !c.kind().isExecutable() || !Facts.elfStatic(c)) return List.of();
        List<Evidence> ev = new ArrayList<>();
        for (Symbol s : c.symbols()) {
            if (s.defined() || s.name().isEmpty() || s.binding() == SymbolBinding.WEAK) continue;
            if (s.type() == SymbolType.SECTION || s.type() == SymbolType.FILE) continue;
            if (s.name().equals("_GLOBAL_OFFSET_TABLE_")) continue;
            ev.add(Facts.symbolEvidence(s));
            if (ev.size() >= 10) break;
        }
        if (ev.isEmpty()) return List.of();
        return List.of(Rule.finding(self, "Undefined in a static binary: " + ev.get(0).value(),
                "This executable has no interpreter and no NEEDED libraries, so nothing can provide "
                        + ev.get(0).value() + (ev.size() > 1 ? " and " + (ev.size() - 1) + " more" : "")
                        + "; a call to it crashes.",
                ev, self.fix()));
    }
}
