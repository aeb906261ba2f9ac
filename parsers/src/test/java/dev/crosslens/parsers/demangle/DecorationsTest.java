package dev.crosslens.parsers.demangle;

import dev.crosslens.parsers.demangle.Decorations.Convention;
import dev.crosslens.parsers.demangle.Decorations.Decoration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DecorationsTest {
    private final Decorations decorations = new Decorations();

    @ParameterizedTest
    @CsvSource({
            "_Func@8, Func, 8, STDCALL",
            "_MessageBoxA@16, MessageBoxA, 16, STDCALL",
            "_NoArgs@0, NoArgs, 0, STDCALL",
            "@Fast@12, Fast, 12, FASTCALL",
            "Vec@@16, Vec, 16, VECTORCALL",
            "_with_under_score@4, with_under_score, 4, STDCALL",
    })
    void decodesTheThreeDecorations(String symbol, String name, int bytes, Convention convention) {
        assertEquals(new Decoration(name, bytes, convention), decorations.decode(symbol));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "_cdecl_only", "_Func@", "_Func@x", "_Func@-4", "_Func@007", "_Func@3",
            "@@8", "_@8", "?f@@YAXXZ", "_Func@99999999", "@", "Func@8", "_1abc@4"})
    void leavesEverythingElseAlone(String symbol) {
        assertNull(decorations.decode(symbol));
    }
}
