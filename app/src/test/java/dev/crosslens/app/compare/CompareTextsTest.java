package dev.crosslens.app.compare;

import dev.crosslens.model.HardeningState;
import dev.crosslens.model.Severity;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.FindingChange;
import dev.crosslens.model.diff.HardeningChange;
import dev.crosslens.model.diff.LibraryChange;
import dev.crosslens.model.diff.SizeTotals;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The compare view's words: plurals that read right, and signed numbers. */
class CompareTextsTest {
    private static BuildDiff diff(int libraries, int hardening, int findings) {
        List<LibraryChange> libs = java.util.stream.IntStream.range(0, libraries)
                .mapToObj(i -> new LibraryChange(ChangeKind.ADDED, "lib" + i + ".so", List.of("f"), List.of())).toList();
        List<HardeningChange> hard = java.util.stream.IntStream.range(0, hardening)
                .mapToObj(i -> new HardeningChange("h" + i, "H" + i, HardeningState.ENABLED, HardeningState.DISABLED,
                        i == 0)).toList();
        List<FindingChange> finds = java.util.stream.IntStream.range(0, findings)
                .mapToObj(i -> new FindingChange(ChangeKind.ADDED, "r" + i, Severity.WARNING, "t")).toList();
        return new BuildDiff("a", "b", List.of(), List.of(), List.of(), List.of(), new SizeTotals(10, 12, 20, 20),
                libs, List.of(), List.of(), List.of(), hard, finds, List.of(), List.of());
    }

    @Test
    void oneOfAThingIsSingular() {
        assertThat(CompareTexts.deltaPhrases(diff(1, 1, 1))).contains("1 library changed",
                "1 hardening change (1 regression)", "1 finding new or gone");
        assertThat(CompareTexts.deltaPhrases(diff(2, 2, 3))).contains("2 libraries changed",
                "2 hardening changes (1 regression)", "3 findings new or gone");
        assertThat(CompareTexts.count(1_204, "symbol", "symbols")).isEqualTo("1,204 symbols");
        assertThat(CompareTexts.count(0, "symbol", "symbols")).isEqualTo("0 symbols");
    }

    @Test
    void importsOfALibraryCountOnlyWhatMoved() {
        assertThat(CompareTexts.imports(new LibraryChange(ChangeKind.ADDED, "l", List.of("a"), List.of())))
                .isEqualTo("+1 import");
        assertThat(CompareTexts.imports(new LibraryChange(ChangeKind.ADDED, "l", List.of("a", "b"), List.of())))
                .isEqualTo("+2 imports");
        assertThat(CompareTexts.imports(new LibraryChange(ChangeKind.CHANGED, "l", List.of(), List.of("a"))))
                .isEqualTo("\u22121 import");
        assertThat(CompareTexts.imports(new LibraryChange(ChangeKind.CHANGED, "l", List.of("a"), List.of("b"))))
                .isEqualTo("+1 \u22121 imports");
        assertThat(CompareTexts.imports(new LibraryChange(ChangeKind.REMOVED, "l", List.of(), List.of()))).isEmpty();
    }

    @Test
    void signedNumbersUseARealMinusAndSeparators() {
        assertThat(CompareTexts.signed(2_330_736)).isEqualTo("+2,330,736");
        assertThat(CompareTexts.signed(-371_906)).isEqualTo("\u2212371,906");
        assertThat(CompareTexts.signed(0)).isEqualTo("0");
        assertThat(CompareTexts.deltaPhrases(diff(0, 0, 0))).contains("file 10 \u2192 12 bytes (+2)")
                .noneMatch(p -> p.startsWith("memory"));
    }
}
