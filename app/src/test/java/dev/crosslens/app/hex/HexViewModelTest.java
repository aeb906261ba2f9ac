package dev.crosslens.app.hex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.crosslens.model.Extent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HexViewModelTest {
    private final byte[] data = "\u007fELF\u0002\u0001\u0001 hello, crosslens!! tail and more".getBytes(StandardCharsets.ISO_8859_1);
    private final HexViewModel vm = new HexViewModel(ByteBuffer.wrap(data));

    @Test
    void linesAreFormattedOnDemand() {
        assertEquals(3, vm.lineCount());
        assertEquals("00000000", vm.offsetText(0));
        assertEquals("00000010", vm.offsetText(1));
        assertEquals("7f 45 4c 46 02 01 01 20  68 65 6c 6c 6f 2c 20 63 ", vm.hexText(0, 0, 16));
        assertEquals(".ELF... hello, c", vm.asciiText(0, 0, 16));
                assertEquals(8, vm.lineLength(2));
        assertEquals("61 6e 64 20 6d 6f 72 65  " + "   ".repeat(8), vm.hexText(2, 0, 16));
        assertEquals("and more", vm.asciiText(2, 0, 16));
    }

    @Test
    void selectionIsCutPerLineAndMovesTheTarget() {
        vm.selectionProperty().set(Extent.of(14, 4));
        assertArrayEquals(new int[] {14, 16}, vm.selectedRange(0));
        assertArrayEquals(new int[] {0, 2}, vm.selectedRange(1));
        assertNull(vm.selectedRange(2));
        assertEquals(0, vm.targetLineProperty().get());
        vm.selectionProperty().set(Extent.of(33, 1));
        assertEquals(2, vm.targetLineProperty().get());
    }

    @Test
    void goToParsesHexAndDecimalAndRejectsOutside() {
        assertEquals(0x1f, vm.parseOffset("0x1f"));
        assertEquals(0x1f, vm.parseOffset("1fh"));
        assertEquals(20, vm.parseOffset("#20"));
        assertEquals(20, vm.parseOffset("20"));
        assertEquals(-1, vm.parseOffset("0x1000"));
        assertEquals(-1, vm.parseOffset("zz"));
        assertEquals(Extent.of(0x10, 1), vm.goToExtent("0x10"));
    }
}
