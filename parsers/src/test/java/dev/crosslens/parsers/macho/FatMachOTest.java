package dev.crosslens.parsers.macho;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.FatImage;
import dev.crosslens.model.FatSlice;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.Section;
import dev.crosslens.model.TargetOs;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Universal files built by the macho-fat recipe: fat_arch and fat_arch_64 headers, slices as full images. */
class FatMachOTest {

    private static FatImage parse(byte[] bytes) throws IOException {
        return assertInstanceOf(FatImage.class, Binaries.parse(bytes, "fat", ParseOptions.defaults()).image());
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Fixtures.file("macho-fat", name));
    }

    /** Offset of fat entry {@code i}'s field at {@code field} (fat_arch: 20 bytes, fat_arch_64: 32 bytes). */
    private static int entry(boolean fat64, int i) {
        return 8 + i * (fat64 ? 32 : 20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"universal", "universal64"})
    void slicesAreFullImagesAtTheirOffsets(String name) throws IOException {
        FatImage fat = parse(fixture(name));
        assertEquals(name.endsWith("64"), fat.fat64());
        assertEquals(BinaryFormat.FAT_MACHO, fat.core().format());
        assertEquals(BinaryKind.UNIVERSAL, fat.core().kind());
        assertEquals(Arch.MULTI, fat.core().arch());
        assertEquals(TargetOs.MACOS, fat.core().os());
        assertTrue(fat.core().diagnostics().isEmpty(), fat.core().diagnostics().toString());
        assertEquals(List.of(Arch.X86_64, Arch.ARM64), fat.slices().stream().map(FatSlice::arch).toList());
        String[] thin = {"darwin-amd64", "darwin-arm64"};
        for (int i = 0; i < 2; i++) {
            FatSlice s = fat.slices().get(i);
            assertEquals(14, s.align());
            assertEquals(0, s.offset() % (1 << 14));
            MachOImage image = assertInstanceOf(MachOImage.class, s.image());
            assertEquals(s.arch(), image.core().arch());
            assertEquals(s.offset(), image.core().extent().offset());
            assertEquals(s.size(), image.core().extent().size());
            MachOImage alone = assertInstanceOf(MachOImage.class, Binaries.open(
                    Fixtures.file("macho-fat", thin[i]), ParseOptions.defaults()).image());
            assertEquals(alone.core().entry(), image.core().entry());
            assertEquals(alone.core().symbols().size(), image.core().symbols().size());
            assertEquals(alone.macho().bindings().size(), image.macho().bindings().size());
            Section text = image.core().section("__text");
            Section textAlone = alone.core().section("__text");
            assertEquals(textAlone.extent().offset() + s.offset(), text.extent().offset(), "extents are absolute");
        }
        assertEquals(2, fat.children().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"universal", "universal64"})
    void aBrokenSliceIsADiagnosticAndANullImage(String name) throws IOException {
        byte[] bytes = fixture(name);
        FatImage good = parse(bytes);
        long second = good.slices().get(1).offset();
        for (int k = 0; k < 4; k++) bytes[(int) second + k] = 0;
        FatImage fat = parse(bytes);
        assertNotNull(fat.slices().get(0).image());
        assertNull(fat.slices().get(1).image());
        assertTrue(codes(fat).contains("fat.slice.parse"), codes(fat).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"universal", "universal64"})
    void overlappingAndOutOfRangeSlicesAreDiagnostics(String name) throws IOException {
        boolean fat64 = name.endsWith("64");
        byte[] bytes = fixture(name);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long first = good(bytes).slices().get(0).offset();
        // slice 1 now starts where slice 0 does
        if (fat64) b.putLong(entry(true, 1) + 8, first); else b.putInt(entry(false, 1) + 8, (int) first);
        FatImage overlapping = parse(bytes.clone());
        assertTrue(codes(overlapping).contains("fat.slice.overlap"), codes(overlapping).toString());
        // slice 1 runs past the end of the file
        if (fat64) b.putLong(entry(true, 1) + 16, bytes.length); else b.putInt(entry(false, 1) + 12, bytes.length);
        FatImage outside = parse(bytes);
        assertTrue(codes(outside).contains("fat.slice.range"), codes(outside).toString());
        assertNull(outside.slices().get(1).image());
        assertNotNull(outside.slices().get(0).image());
    }

    private static FatImage good(byte[] bytes) throws IOException {
        return parse(bytes.clone());
    }

    private static List<String> codes(FatImage fat) {
        return fat.core().diagnostics().stream().map(Diagnostic::code).toList();
    }
}
