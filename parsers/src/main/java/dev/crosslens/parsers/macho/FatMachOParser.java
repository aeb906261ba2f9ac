package dev.crosslens.parsers.macho;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Endianness;
import dev.crosslens.model.Extent;
import dev.crosslens.model.FatImage;
import dev.crosslens.model.FatSlice;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.TargetOs;
import dev.crosslens.parsers.ImageOpener;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a universal (fat) Mach-O file: the big-endian fat_header with fat_arch (FAT_MAGIC) or fat_arch_64
 * (FAT_MAGIC_64) entries, and opens every slice as a full image through the {@link ImageOpener}. A slice that is
 * out of range, overlaps another or fails to parse is a diagnostic; a slice that fails keeps its entry with a null
 * image.
 */
public final class FatMachOParser {
    private static final long FAT_MAGIC = 0xcafebabeL;
    private static final long FAT_MAGIC_64 = 0xcafebabfL;
    /** More architectures than any universal file has ever held; past it the header is not a fat header. */
    private static final int MAX_ARCHS = 64;

    public FatImage parse(BinaryReader reader, ParseOptions options, ImageOpener nested) throws IOException {
        BinaryReader r = reader.withOrder(ByteOrder.BIG_ENDIAN);
        if (r.size() < 8) {
            throw new MalformedBinaryException(r.base(), "fat header needs 8 bytes, file has " + r.size());
        }
        long magic = r.u32(0);
        if (magic != FAT_MAGIC && magic != FAT_MAGIC_64) {
            throw new MalformedBinaryException(r.base(), "not a fat magic: 0x" + Long.toHexString(magic));
        }
        boolean fat64 = magic == FAT_MAGIC_64;
        int entSize = fat64 ? 32 : 20;
        long nfat = r.u32(4);
        List<Diagnostic> diagnostics = new ArrayList<>();
        long fitting = Math.min(nfat, (r.size() - 8) / entSize);
        if (nfat > MAX_ARCHS) {
            throw new MalformedBinaryException(r.absolute(4), "nfat_arch " + nfat + " exceeds " + MAX_ARCHS);
        }
        if (fitting < nfat) {
            diagnostics.add(Diagnostic.error("fat.header.truncated", "nfat_arch " + nfat + " entries of " + entSize
                    + " bytes run past the end; reading " + fitting, r.extent(0, r.size())));
        }
        long headerEnd = 8 + fitting * entSize;
        List<long[]> ranges = new ArrayList<>();
        List<FatSlice> slices = new ArrayList<>();
        for (int i = 0; i < fitting; i++) {
            options.checkCancelled();
            long e = 8 + (long) i * entSize;
            long cpuType = r.u32(e);
            long cpuSubtype = r.u32(e + 4);
            long offset = fat64 ? r.u64(e + 8) : r.u32(e + 8);
            long size = fat64 ? r.u64(e + 16) : r.u32(e + 12);
            long align = r.u32(fat64 ? e + 24 : e + 16);
            Extent headerExtent = r.extent(e, entSize);
            Arch arch = MachONames.arch(cpuType);
            String label = "slice " + i + " (" + MachONames.cpuType(cpuType) + ")";
            BinaryImage image = null;
            if (!r.inBounds(offset, size) || size == 0) {
                diagnostics.add(Diagnostic.error("fat.slice.range", label + " at 0x" + Long.toHexString(offset) + "+"
                        + Long.toUnsignedString(size) + " lies outside the file (" + r.size() + " bytes)", headerExtent));
            } else if (offset < headerEnd) {
                diagnostics.add(Diagnostic.error("fat.slice.overlap", label + " at 0x" + Long.toHexString(offset)
                        + " overlaps the fat header", headerExtent));
            } else {
                for (int k = 0; k < ranges.size(); k++) {
                    long[] o = ranges.get(k);
                    if (offset < o[1] && o[0] < offset + size) {
                        diagnostics.add(Diagnostic.error("fat.slice.overlap", label + " overlaps slice " + o[2],
                                headerExtent));
                    }
                }
                ranges.add(new long[] {offset, offset + size, i});
                if (align > 30) {
                    diagnostics.add(Diagnostic.warning("fat.slice.align", label + " has align 2^" + align, headerExtent));
                } else if (offset % (1L << align) != 0) {
                    diagnostics.add(Diagnostic.warning("fat.slice.align", label + " offset 0x" + Long.toHexString(offset)
                            + " is not aligned to 2^" + align, headerExtent));
                }
                image = openSlice(r, nested, offset, size, label, headerExtent, diagnostics);
                if (image != null && image.core().rawMachine() != cpuType) {
                    diagnostics.add(Diagnostic.warning("fat.slice.cputype", label + " holds a "
                            + image.core().machineName() + " image", headerExtent));
                }
            }
            slices.add(new FatSlice(arch, cpuType, cpuSubtype, offset, size, align, image, headerExtent));
        }
        ImageCore core = ImageCore.builder(BinaryFormat.FAT_MACHO)
                .arch(Arch.MULTI)
                .rawMachine(0)
                .machineName("universal")
                .bits(0)
                .endianness(Endianness.BIG)
                .os(commonOs(slices))
                .kind(BinaryKind.UNIVERSAL)
                .diagnostics(diagnostics)
                .extent(r.extent(0, r.size()))
                .build();
        return new FatImage(core, fat64, slices);
    }

    private static BinaryImage openSlice(BinaryReader r, ImageOpener nested, long offset, long size, String label,
                                         Extent headerExtent, List<Diagnostic> diagnostics) throws IOException {
        try {
            return nested.open(r.slice(offset, size).withOrder(ByteOrder.LITTLE_ENDIAN));
        } catch (ParseCancelledException e) {
            throw e;
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error("fat.slice.parse", label + " could not be read: " + e.getMessage(),
                    headerExtent));
            return null;
        }
    }

    private static TargetOs commonOs(List<FatSlice> slices) {
        TargetOs os = null;
        for (FatSlice s : slices) {
            if (s.image() == null) continue;
            TargetOs o = s.image().core().os();
            if (os == null) {
                os = o;
            } else if (os != o) {
                return TargetOs.UNKNOWN;
            }
        }
        return os == null ? TargetOs.UNKNOWN : os;
    }
}
