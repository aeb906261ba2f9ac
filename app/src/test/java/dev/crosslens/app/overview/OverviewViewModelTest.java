package dev.crosslens.app.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.TestImages;
import dev.crosslens.model.BinaryFile;
import org.junit.jupiter.api.Test;

class OverviewViewModelTest {
    @Test
    void verdictSaysWhatTheBinaryIs() {
        BinaryFile f = TestImages.file(TestImages.symbols(10, 2));
        OverviewViewModel vm = new OverviewViewModel(f, f.image());
        assertEquals("ELF 64-bit PIE executable, ARM64, Linux, dynamically linked to libc.so.6 + 2 libraries",
                vm.verdict());
        assertTrue(vm.identity().stream().anyMatch(x -> x.label().equals("Entry point") && x.value().equals("0x401000")));
        assertTrue(vm.sizes().stream().anyMatch(x -> x.label().equals("Symbols") && x.value().equals("10")));
        assertEquals(3, vm.hardening().size());
    }

    @Test
    void humanBytes() {
        assertEquals("512 B", OverviewViewModel.humanBytes(512));
        assertEquals("1.5 KiB", OverviewViewModel.humanBytes(1536));
        assertEquals("11.0 MiB", OverviewViewModel.humanBytes(11L << 20));
    }
}
