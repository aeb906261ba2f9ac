package dev.crosslens.parsers.demangle;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.TargetOs;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills in {@link Symbol#demangled()} for every symbol of an image whose name follows a scheme it reads: Rust v0
 * ({@code _R}), Rust legacy ({@code _ZN...17h<hash>E}), Itanium C++ ({@code _Z}), MSVC ({@code ?}), and on 32-bit
 * x86 Windows the stdcall/fastcall/vectorcall decorations. Mach-O names lose their extra leading underscore
 * first. Symbols keep their order; a name no scheme reads keeps {@code demangled} null.
 */
public final class SymbolDemangler {
    private final ItaniumDemangler itanium = new ItaniumDemangler();
    private final RustDemangler rust = new RustDemangler();
    private final MsvcDemangler msvc = new MsvcDemangler();
    private final Decorations decorations = new Decorations();

    public ImageCore demangle(ImageCore core) {
        boolean machO = core.format() == BinaryFormat.MACHO;
        boolean x86Windows = core.arch() == Arch.X86
                && (core.format() == BinaryFormat.PE || core.format() == BinaryFormat.COFF
                || core.format() == BinaryFormat.ARCHIVE && core.os() == TargetOs.WINDOWS);
        List<Symbol> out = new ArrayList<>(core.symbols().size());
        boolean changed = false;
        for (Symbol s : core.symbols()) {
            String readable = s.demangled() == null ? readable(s.name(), machO, x86Windows) : null;
            if (readable != null) {
                out.add(s.withDemangled(readable));
                changed = true;
            } else {
                out.add(s);
            }
        }
        return changed ? core.withSymbols(out) : core;
    }

    /**
     * The readable form of one name, or null.
     *
     * @param machO      the name comes from Mach-O, where every C-level name has an extra leading underscore
     * @param x86Windows the name comes from 32-bit x86 PE/COFF, where stdcall-style decorations apply
     */
    public String readable(String name, boolean machO, boolean x86Windows) {
        if (name == null || name.isEmpty()) return null;
        String n = machO && name.startsWith("_") ? name.substring(1) : name;
        if (n.startsWith("_R")) return rust.demangle(n);
        if (n.startsWith("_ZN") && rust.isLegacy(n)) return rust.demangle(n);
        if (n.startsWith("_Z")) return itanium.demangle(n);
        if (n.startsWith("?")) return msvc.demangle(n);
        if (x86Windows) {
            Decorations.Decoration d = decorations.decode(name);
            if (d != null) {
                String inner = d.name().startsWith("?") ? msvc.demangle(d.name()) : null;
                return decorated(inner != null ? inner : d.name(), d);
            }
        }
        return null;
    }

    /**
     * The readable form of a decorated name: the plain name with the convention and the bytes of arguments the
     * callee pops, which the decoration carries and a mismatched declaration gets wrong
     * ({@code _Add@8} is {@code Add (stdcall, 8 bytes of arguments)}).
     */
    public static String decorated(String plain, Decorations.Decoration d) {
        return plain + " (" + d.convention().label() + ", " + d.argumentBytes() + " byte"
                + (d.argumentBytes() == 1 ? "" : "s") + " of arguments)";
    }
}
