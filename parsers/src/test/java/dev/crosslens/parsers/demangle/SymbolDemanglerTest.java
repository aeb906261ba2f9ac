package dev.crosslens.parsers.demangle;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class SymbolDemanglerTest {
    private static Symbol sym(int i, String name) {
        return new Symbol(i, name, null, 0x1000 + i, 0, SymbolTable.SYMTAB, null, null, null, ".text", true, null,
                null, 0, null);
    }

    private static ImageCore core(BinaryFormat format, Arch arch, String... names) {
        List<Symbol> syms = new ArrayList<>();
        for (String n : names) syms.add(sym(syms.size(), n));
        return ImageCore.builder(format).arch(arch).symbols(syms).build();
    }

    @Test
    void fillsDemangledPerSchemeAndKeepsOrder() {
        ImageCore in = core(BinaryFormat.ELF, Arch.X86_64, "main", "_ZN5outer5inner5PointC2Eii",
                "_RNvCs1234_7mycrate3foo", "_ZN4core3fmt9Formatter3pad17h0123456789abcdefE", "_Z", "?f@@YAXXZ");
        List<Symbol> out = new SymbolDemangler().demangle(in).symbols();
        assertEquals(6, out.size());
        assertNull(out.get(0).demangled());
        assertEquals("outer::inner::Point::Point(int, int)", out.get(1).demangled());
        assertEquals("mycrate::foo", out.get(2).demangled());
        assertEquals("core::fmt::Formatter::pad", out.get(3).demangled());
        assertNull(out.get(4).demangled());
        assertEquals("void __cdecl f(void)", out.get(5).demangled());
        for (int i = 0; i < out.size(); i++) {
            assertEquals(in.symbols().get(i).name(), out.get(i).name());
            assertEquals(i, out.get(i).index());
        }
    }

    @Test
    void machONamesLoseTheirExtraUnderscore() {
        ImageCore in = core(BinaryFormat.MACHO, Arch.ARM64, "__ZN3foo3barEv", "_main");
        List<Symbol> out = new SymbolDemangler().demangle(in).symbols();
        assertEquals("foo::bar()", out.get(0).demangled());
        assertNull(out.get(1).demangled());
    }

    /** The readable form keeps what the decoration says: the convention and the bytes of arguments. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "_Add@8      | Add (stdcall, 8 bytes of arguments)",
            "_NoArgs@0   | NoArgs (stdcall, 0 bytes of arguments)",
            "@Fast@12    | Fast (fastcall, 12 bytes of arguments)",
            "Vec@@16     | Vec (vectorcall, 16 bytes of arguments)",
            "_MessageBoxA@16 | MessageBoxA (stdcall, 16 bytes of arguments)",
    })
    void decorationsKeepConventionAndArgumentBytes(String raw, String readable) {
        assertEquals(readable, new SymbolDemangler().demangle(core(BinaryFormat.PE, Arch.X86, raw))
                .symbols().get(0).demangled());
        assertEquals(readable, new SymbolDemangler().demangle(core(BinaryFormat.COFF, Arch.X86, raw))
                .symbols().get(0).demangled());
    }

    @Test
    void decorationsOnlyOnX86Windows() {
        assertNull(new SymbolDemangler().demangle(core(BinaryFormat.ELF, Arch.X86, "_Func@8"))
                .symbols().get(0).demangled());
        assertNull(new SymbolDemangler().demangle(core(BinaryFormat.PE, Arch.X86, "plain"))
                .symbols().get(0).demangled());
    }

    @Test
    void unchangedCoreWhenNothingDemangles() {
        ImageCore in = core(BinaryFormat.ELF, Arch.X86_64, "main", "printf");
        assertSame(in, new SymbolDemangler().demangle(in));
    }
}
