package dev.crosslens.parsers.diff;

import dev.crosslens.model.HardeningState;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.Consequence;
import dev.crosslens.model.diff.FieldChange;
import dev.crosslens.model.diff.GoModuleChange;
import dev.crosslens.model.diff.HardeningChange;
import dev.crosslens.model.diff.LibraryChange;
import dev.crosslens.model.diff.SizeChange;
import dev.crosslens.model.diff.SymbolChange;
import dev.crosslens.model.go.GoBuildInfo;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the changes that explain others: a cause (CGO switched, symbols stripped, arch or Go version changed,
 * a module bumped, linkage changed) and the effects it accounts for, counted.
 */
final class ConsequenceFinder {
    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.ROOT);

    List<Consequence> explain(BuildDiff d, ImageCore a, ImageCore b) {
        List<Consequence> out = new ArrayList<>();
        cgo(d, out);
        strip(d, a, b, out);
        arch(d, out);
        goVersion(d, out);
        buildInfo(d, a, b, out);
        modules(d, out);
        linkage(d, out);
        trimpath(d, out);
        return out;
    }

    private static void cgo(BuildDiff d, List<Consequence> out) {
        FieldChange c = setting(d, "CGO_ENABLED");
        if (c == null) return;
        boolean on = "1".equals(c.newValue());
        List<String> effects = new ArrayList<>();
        List<String> libs = d.libraries().stream()
                .filter(l -> l.kind() == (on ? ChangeKind.ADDED : ChangeKind.REMOVED)).map(LibraryChange::library)
                .toList();
        if (!libs.isEmpty()) effects.add(String.join(", ", libs) + (on ? " appeared" : " gone"));
        FieldChange interp = identity(d, "interpreter");
        if (interp != null) {
            effects.add(on ? "PT_INTERP " + interp.newValue() + " appeared"
                    : "PT_INTERP " + interp.oldValue() + " gone");
        }
        FieldChange linkage = identity(d, "linkage");
        if (linkage != null) effects.add("linkage " + linkage.oldValue() + " -> " + linkage.newValue());
        FieldChange os = identity(d, "os");
        if (os != null && ("sysv".equals(on ? os.oldValue() : os.newValue()))) {
            effects.add("OS " + os.oldValue() + " -> " + os.newValue() + " (libc's ABI note)");
        }
        long dyn = count(d, SymbolTable.DYNSYM, on ? ChangeKind.ADDED : ChangeKind.REMOVED);
        if (dyn > 0) effects.add(counted(dyn, "dynamic symbol") + " " + (on ? "added" : "removed"));
        long cgoFuncs = d.symbols().stream().filter(s -> s.table() == SymbolTable.GO_PCLNTAB
                && s.kind() == (on ? ChangeKind.ADDED : ChangeKind.REMOVED)
                && (s.name().startsWith("runtime/cgo.") || s.name().contains("_cgo_"))).count();
        if (cgoFuncs > 0) effects.add(counted(cgoFuncs, "cgo function") + " " + (on ? "added" : "removed"));
        add(out, "CGO_ENABLED " + c.oldValue() + " -> " + c.newValue(), effects);
    }

    private static void strip(BuildDiff d, ImageCore a, ImageCore b, List<Consequence> out) {
        if (a.stripped() == b.stripped()) return;
        boolean stripped = b.stripped();
        long n = count(d, SymbolTable.SYMTAB, stripped ? ChangeKind.REMOVED : ChangeKind.ADDED)
                + count(d, SymbolTable.MACHO_NLIST, stripped ? ChangeKind.REMOVED : ChangeKind.ADDED)
                + count(d, SymbolTable.COFF, stripped ? ChangeKind.REMOVED : ChangeKind.ADDED);
        List<String> effects = new ArrayList<>();
        if (n > 0) effects.add(counted(n, "symbol-table entry", "symbol-table entries") + " " + (stripped ? "removed" : "added"));
        List<String> secs = d.sections().stream()
                .filter(s -> s.kind() == (stripped ? ChangeKind.REMOVED : ChangeKind.ADDED))
                .map(SizeChange::name).filter(ConsequenceFinder::isSymbolOrDebugSection).toList();
        if (!secs.isEmpty()) effects.add("sections " + String.join(", ", secs) + (stripped ? " removed" : " added"));
        List<String> blind = d.hardening().stream().filter(h -> stripped
                        ? h.newState() == HardeningState.UNKNOWN : h.oldState() == HardeningState.UNKNOWN)
                .map(HardeningChange::label).toList();
        if (!blind.isEmpty()) {
            effects.add(String.join(", ", blind) + (stripped ? " can no longer be told (read from symbols)"
                    : " can be told again"));
        }
        FieldChange ld = setting(d, "-ldflags");
        String cause = stripped ? "symbols stripped" : "symbols kept";
        if (ld != null) cause += " (-ldflags " + quote(ld.oldValue()) + " -> " + quote(ld.newValue()) + ")";
        add(out, cause, effects);
    }

    private static boolean isSymbolOrDebugSection(String name) {
        return name.equals(".symtab") || name.equals(".strtab") || name.startsWith(".debug")
                || name.startsWith(".zdebug") || name.contains("__debug") || name.contains("__DWARF");
    }

    private static void arch(BuildDiff d, List<Consequence> out) {
        FieldChange arch = identity(d, "arch");
        if (arch == null) return;
        List<String> effects = new ArrayList<>();
        long changedSections = d.sections().stream().filter(s -> s.kind() == ChangeKind.CHANGED).count();
        if (changedSections > 0) effects.add(counted(changedSections, "section") + " resized");
        long sym = d.symbols().stream().filter(s -> s.kind() == ChangeKind.CHANGED).count();
        if (sym > 0) effects.add(counted(sym, "symbol") + " changed (sizes differ per instruction set)");
        FieldChange goarch = setting(d, "GOARCH");
        String cause = "arch " + arch.oldValue() + " -> " + arch.newValue()
                + (goarch != null ? " (GOARCH " + goarch.oldValue() + " -> " + goarch.newValue() + ")" : "");
        add(out, cause, effects);
    }

    private static void goVersion(BuildDiff d, List<Consequence> out) {
        FieldChange go = setting(d, "Go");
        if (go == null || go.oldValue() == null || go.newValue() == null) return;
        List<String> effects = new ArrayList<>();
        for (ChangeKind k : ChangeKind.values()) {
            long n = d.symbols().stream().filter(s -> s.table() == SymbolTable.GO_PCLNTAB && s.kind() == k
                    && s.name().startsWith("runtime.")).count();
            if (n > 0) effects.add(counted(n, "runtime function") + " " + k.name().toLowerCase(Locale.ROOT));
        }
        add(out, "Go " + go.oldValue() + " -> " + go.newValue(), effects);
    }

    private static void buildInfo(BuildDiff d, ImageCore a, ImageCore b, List<Consequence> out) {
        FieldChange bi = setting(d, "Go build info");
        if (bi == null) return;
        boolean lost = "absent".equals(bi.newValue());
        ImageCore with = lost ? a : b;
        GoBuildInfo info = with.go() == null ? null : with.go().buildInfo();
        if (info == null) return;
        int modules = info.deps().size() + (info.main() == null ? 0 : 1);
        List<String> effects = new ArrayList<>();
        effects.add(counted(modules, "module") + " and "
                + counted(info.settings().size(), "build setting") + " known only on the "
                + (lost ? "old" : "new") + " side, not compared");
        d.sections().stream().filter(s -> s.name().equals(".go.buildinfo") || s.name().endsWith("__go_buildinfo"))
                .filter(s -> s.kind() != ChangeKind.CHANGED).findFirst()
                .ifPresent(s -> effects.add("section " + s.name() + (s.kind() == ChangeKind.REMOVED ? " gone" : " appeared")));
        add(out, "Go build info " + bi.oldValue() + " -> " + bi.newValue(), effects);
    }

    private static void modules(BuildDiff d, List<Consequence> out) {
        for (GoModuleChange m : d.goModules()) {
            String prefix = m.path() + "/";
            String exact = m.path() + ".";
            long n = d.symbols().stream().filter(s -> s.table() == SymbolTable.GO_PCLNTAB
                    && (s.name().startsWith(prefix) || s.name().startsWith(exact))).count();
            if (n == 0) continue;
            String what = switch (m.kind()) {
                case ADDED -> "module " + m.path() + " " + m.newVersion() + " added";
                case REMOVED -> "module " + m.path() + " " + m.oldVersion() + " removed";
                case BUMPED -> "module " + m.path() + " " + m.oldVersion() + " -> " + m.newVersion();
                case REPLACED -> "module " + m.path() + " replaced by " + m.newReplacement();
            };
            add(out, what, List.of(COUNT.format(n) + " of its functions added, removed or changed"));
        }
    }

    private static void linkage(BuildDiff d, List<Consequence> out) {
        FieldChange l = identity(d, "linkage");
        if (l == null || setting(d, "CGO_ENABLED") != null) return; // explained by cgo above
        List<String> effects = new ArrayList<>();
        for (LibraryChange lc : d.libraries()) {
            if (lc.kind() != ChangeKind.CHANGED) {
                effects.add(lc.library() + " " + (lc.kind() == ChangeKind.ADDED ? "needed" : "no longer needed"));
            }
        }
        FieldChange interp = identity(d, "interpreter");
        if (interp != null) {
            effects.add(interp.oldValue() == null ? "PT_INTERP " + interp.newValue() + " appeared"
                    : interp.newValue() == null ? "PT_INTERP " + interp.oldValue() + " gone"
                    : "interpreter " + interp.oldValue() + " -> " + interp.newValue());
        }
        add(out, "linkage " + l.oldValue() + " -> " + l.newValue(), effects);
    }

    private static void trimpath(BuildDiff d, List<Consequence> out) {
        FieldChange t = setting(d, "-trimpath");
        if (t == null) return;
        List<String> effects = new ArrayList<>();
        long paths = d.noise().stream().filter(n -> n.field().equals("file symbol path")).count();
        if (paths > 0) {
            effects.add((paths == 1 ? "1 file path differs" : COUNT.format(paths) + " file paths differ")
                    + " only in their build directory");
        }
        d.sections().stream().filter(s -> s.name().equals(".gopclntab") || s.name().endsWith("__gopclntab"))
                .filter(s -> s.kind() == ChangeKind.CHANGED && s.fileDelta() != 0).findFirst()
                .ifPresent(s -> effects.add(s.name() + " " + signed(s.fileDelta()) + " bytes (source file paths "
                        + (s.fileDelta() < 0 ? "shortened" : "lengthened") + ")"));
        d.symbols().stream().filter(s -> s.name().startsWith("runtime.defaultGOROOT") && s.kind() != ChangeKind.CHANGED)
                .findFirst().ifPresent(s -> effects.add("GOROOT " + (s.kind() == ChangeKind.REMOVED
                        ? "no longer recorded" : "now recorded") + " (" + s.name() + ")"));
        FieldChange ld = setting(d, "-ldflags");
        if (ld != null && (ld.oldValue() == null || ld.newValue() == null)) {
            effects.add("-ldflags " + (ld.newValue() == null ? "no longer recorded" : "now recorded")
                    + " (Go leaves it out under -trimpath)");
        }
        add(out, "-trimpath " + quote(t.oldValue()) + " -> " + quote(t.newValue()), effects);
    }

    private static void add(List<Consequence> out, String cause, List<String> effects) {
        if (effects.isEmpty()) return;
        out.add(new Consequence(cause, cause + ": " + String.join(", ", effects), effects));
    }

    private static long count(BuildDiff d, SymbolTable t, ChangeKind k) {
        return d.symbols().stream().filter(s -> s.table() == t && s.kind() == k).count();
    }

    private static FieldChange setting(BuildDiff d, String key) {
        return d.goSettings().stream().filter(c -> c.field().equals(key)).findFirst().orElse(null);
    }

    private static FieldChange identity(BuildDiff d, String key) {
        return d.identity().stream().filter(c -> c.field().equals(key)).findFirst().orElse(null);
    }

    /** {@code "1 module"}, {@code "1,204 modules"}. */
    private static String counted(long n, String one) {
        return counted(n, one, one + "s");
    }

    private static String counted(long n, String one, String many) {
        return COUNT.format(n) + " " + (n == 1 ? one : many);
    }

    private static String signed(long v) {
        return (v > 0 ? "+" : "") + COUNT.format(v);
    }

    private static String quote(String v) {
        return v == null ? "(none)" : "\"" + v + "\"";
    }

}
