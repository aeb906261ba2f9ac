package dev.crosslens.app.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PluralTest {
    @Test
    void oneIsSingularEverythingElsePlural() {
        assertEquals("1 import", Plural.of(1, "import", "imports"));
        assertEquals("0 imports", Plural.of(0, "import", "imports"));
        assertEquals("2 libraries", Plural.of(2, "library", "libraries"));
    }

    @Test
    void exportFiltersNameTheFormatInCapitals() {
        assertEquals("CSV (*.csv)", Tables.exportFilter("csv").getDescription());
        assertEquals(List.of("*.json"), Tables.exportFilter("json").getExtensions());
        assertEquals("JSON (*.json)", Tables.exportFilter("json").getDescription());
        assertEquals("SVG (*.svg)", Tables.exportFilter("svg").getDescription());
    }
}
