package dev.crosslens.app.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.TestImages;
import org.junit.jupiter.api.Test;

class SectionMapLayoutTest {
    @Test
    void fileColumnHasOneBlockPerSectionWithBytesGapsAndOverlaps() {
        SectionMapLayout l = new SectionMapLayout(SectionMapLayout.Space.FILE, TestImages.sections(), TestImages.segments());
        // NULL and .bss (NOBITS) have no file bytes
        assertEquals(5, l.sectionBlocks().size());
        assertTrue(l.blocks().stream().anyMatch(b -> b.kind() == SectionMapLayout.Kind.GAP && b.start() == 0x254));
        assertTrue(l.sectionBlocks().stream().filter(b -> b.section().name().equals(".odd")).findFirst().get().overlap());
        assertTrue(l.sectionBlocks().stream().filter(b -> b.section().name().equals(".rodata")).findFirst().get().overlap());
        assertFalse(l.sectionBlocks().stream().filter(b -> b.section().name().equals(".text")).findFirst().get().overlap());
        // a 28-byte section gets at least the minimum height; bigger sections are taller
        double interp = l.sectionBlocks().get(0).height();
        double text = l.sectionBlocks().get(1).height();
        assertTrue(interp >= SectionMapLayout.MIN_HEIGHT);
        assertTrue(text > interp);
        // blocks never overlap on screen: each starts where the previous ended
        double y = 0;
        for (SectionMapLayout.Block b : l.blocks()) {
            assertEquals(y, b.y(), 1e-9);
            y += b.height();
        }
    }

    @Test
    void memoryColumnShowsBssAndSegmentsSpanTheirSections() {
        SectionMapLayout l = new SectionMapLayout(SectionMapLayout.Space.MEMORY, TestImages.sections(), TestImages.segments());
        assertEquals(6, l.sectionBlocks().size());
        assertEquals(2, l.bands().size());
        SectionMapLayout.Block text = l.sectionBlocks().stream().filter(b -> b.section().name().equals(".text")).findFirst().get();
        SectionMapLayout.Band first = l.bands().get(0);
        assertTrue(first.y() <= text.y() && first.y() + first.height() >= text.y() + text.height());
        SectionMapLayout.Block bss = l.sectionBlocks().stream().filter(b -> b.section().name().equals(".bss")).findFirst().get();
        SectionMapLayout.Band second = l.bands().get(1);
        assertEquals(bss.y() + bss.height(), second.y() + second.height(), 1e-2);
    }
}
