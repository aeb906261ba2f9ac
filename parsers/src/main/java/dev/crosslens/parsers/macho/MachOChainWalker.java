package dev.crosslens.parsers.macho;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.macho.MachOChainedFixup;
import dev.crosslens.model.macho.MachOChainedImport;
import dev.crosslens.model.macho.MachOChainedStarts;
import dev.crosslens.model.macho.MachOSegment;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.util.List;

/**
 * Follows the pointer chains of LC_DYLD_CHAINED_FIXUPS: dyld_chained_starts_in_image, one
 * dyld_chained_starts_in_segment per segment, page_start per page, then the chain through the segment's bytes.
 * Decodes DYLD_CHAINED_PTR_64, _64_OFFSET, _ARM64E, _ARM64E_USERLAND, _ARM64E_USERLAND24 and _32; other formats
 * are named and reported, not walked. Bounded: a chain only moves forward inside its page, a page's chain starts
 * are capped by the page size, and fixups stop at {@link ParseOptions#maxFixups()}.
 */
final class MachOChainWalker {
    static final int PTR_ARM64E = 1;
    static final int PTR_64 = 2;
    static final int PTR_32 = 3;
    static final int PTR_64_OFFSET = 6;
    static final int PTR_ARM64E_USERLAND = 9;
    static final int PTR_ARM64E_USERLAND24 = 12;
    private static final int START_NONE = 0xFFFF;
    private static final int START_MULTI = 0x8000;
    private static final int START_LAST = 0x8000;

    private static final String[] FORMATS = {null, "DYLD_CHAINED_PTR_ARM64E", "DYLD_CHAINED_PTR_64",
            "DYLD_CHAINED_PTR_32", "DYLD_CHAINED_PTR_32_CACHE", "DYLD_CHAINED_PTR_32_FIRMWARE",
            "DYLD_CHAINED_PTR_64_OFFSET", "DYLD_CHAINED_PTR_ARM64E_KERNEL", "DYLD_CHAINED_PTR_64_KERNEL_CACHE",
            "DYLD_CHAINED_PTR_ARM64E_USERLAND", "DYLD_CHAINED_PTR_ARM64E_FIRMWARE",
            "DYLD_CHAINED_PTR_X86_64_KERNEL_CACHE", "DYLD_CHAINED_PTR_ARM64E_USERLAND24",
            "DYLD_CHAINED_PTR_ARM64E_SHARED_CACHE"};

    static String formatName(int format) {
        return format > 0 && format < FORMATS.length ? FORMATS[format] : "0x" + Integer.toHexString(format);
    }

    private final BinaryReader r;
    private final ParseOptions options;
    private final List<MachOSegment> segments;
    private final List<MachOChainedImport> imports;
    private final List<Diagnostic> diagnostics;
    private final long imageBase;
    private int brokenChains;

    MachOChainWalker(BinaryReader r, ParseOptions options, List<MachOSegment> segments,
                     List<MachOChainedImport> imports, List<Diagnostic> diagnostics) {
        this.r = r;
        this.options = options;
        this.segments = segments;
        this.imports = imports;
        this.diagnostics = diagnostics;
        long base = 0;
        for (MachOSegment s : segments) {
            if (s.fileoff() == 0 && s.filesize() != 0) {
                base = s.vmaddr();
                break;
            }
        }
        this.imageBase = base;
    }

    /**
     * Reads the starts at {@code startsOffset} of the fixups data {@code f}; fills {@code starts} and, when
     * {@code walk}, {@code fixups}.
     */
    void read(BinaryReader f, long startsOffset, boolean walk, List<MachOChainedStarts> starts,
              List<MachOChainedFixup> fixups) throws ParseCancelledException {
        long segCount;
        try {
            segCount = f.u32(startsOffset);
            f.checkTable(startsOffset + 4, segCount, 4, options.maxSegments(), "dyld_chained_starts_in_image");
        } catch (MalformedBinaryException e) {
            diagnostics.add(Diagnostic.error("macho.fixups.starts", "chained fixups starts: " + e.getMessage()
                    + "; no fixups read", f.extent(0, f.size())));
            return;
        }
        if (segCount > segments.size()) {
            diagnostics.add(Diagnostic.warning("macho.fixups.segments", "dyld_chained_starts_in_image lists "
                    + segCount + " segments, the load commands " + segments.size(), f.extent(startsOffset, 4)));
        }
        for (int i = 0; i < segCount; i++) {
            options.checkCancelled();
            try {
                long infoOffset = f.u32(startsOffset + 4 + 4L * i);
                if (infoOffset == 0) continue;
                readSegment(f, i, startsOffset + infoOffset, walk, starts, fixups);
            } catch (MalformedBinaryException e) {
                diagnostics.add(Diagnostic.error("macho.fixups.starts", "chained fixups of segment " + i + ": "
                        + e.getMessage() + "; that segment's fixups are skipped", f.extent(startsOffset, 4)));
            } catch (CapReached e) {
                diagnostics.add(Diagnostic.warning("macho.fixups.limit", "more than " + options.maxFixups()
                        + " chained fixups; the rest are not listed", f.extent(0, f.size())));
                break;
            }
        }
        if (brokenChains > 8) {
            diagnostics.add(Diagnostic.error("macho.fixups.chain", (brokenChains - 8) + " more broken chains",
                    f.extent(0, f.size())));
        }
    }

    /** The fixup list is full. */
    private static final class CapReached extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private void readSegment(BinaryReader f, int segIndex, long at, boolean walk, List<MachOChainedStarts> starts,
                             List<MachOChainedFixup> fixups)
            throws MalformedBinaryException, ParseCancelledException, CapReached {
        long size = f.u32(at);
        f.check(at, Math.max(22, size), "dyld_chained_starts_in_segment");
        int pageSize = f.u16(at + 4);
        int format = f.u16(at + 6);
        long segmentOffset = f.u64(at + 8);
        long maxValidPointer = f.u32(at + 16);
        int pageCount = f.u16(at + 20);
        f.checkTable(at + 22, pageCount, 2, 0xffff, "page_start of segment " + segIndex);
        int used = 0;
        for (int p = 0; p < pageCount; p++) if (f.u16(at + 22 + 2L * p) != START_NONE) used++;
        Extent where = f.extent(at, Math.max(22, Math.min(size, f.size() - at)));
        starts.add(new MachOChainedStarts(segIndex, pageSize, format, formatName(format), segmentOffset,
                maxValidPointer, pageCount, used, where));
        if (!walk || used == 0) return;
        int stride = stride(format);
        if (stride < 0) {
            diagnostics.add(Diagnostic.warning("macho.fixups.format", "segment " + segIndex + " uses "
                    + formatName(format) + ", whose chains are not decoded", where));
            return;
        }
        if (segIndex >= segments.size()) {
            throw new MalformedBinaryException(f.absolute(at), "segment " + segIndex + " has no load command");
        }
        if (pageSize == 0) throw new MalformedBinaryException(f.absolute(at + 4), "page_size 0");
        MachOSegment seg = segments.get(segIndex);
        for (int p = 0; p < pageCount; p++) {
            if ((p & 255) == 0) options.checkCancelled();
            int start = f.u16(at + 22 + 2L * p);
            if (start == START_NONE) continue;
            if ((start & START_MULTI) != 0 && stride == 4 && format == PTR_32) {
                // 32-bit formats: an index into chain_starts, which follow page_start; the last has START_LAST
                int index = start & ~START_MULTI;
                for (int k = 0; k < pageSize / 4; k++) {
                    long e = at + 22 + 2L * pageCount + 2L * (index + k);
                    int s = f.u16(e);
                    walkChain(seg, segIndex, format, stride, pageSize, p, s & ~START_LAST, maxValidPointer, fixups);
                    if ((s & START_LAST) != 0) break;
                }
            } else {
                walkChain(seg, segIndex, format, stride, pageSize, p, start, maxValidPointer, fixups);
            }
        }
    }

    private static int stride(int format) {
        switch (format) {
            case PTR_ARM64E: case PTR_ARM64E_USERLAND: case PTR_ARM64E_USERLAND24: return 8;
            case PTR_64: case PTR_64_OFFSET: case PTR_32: return 4;
            default: return -1;
        }
    }

    private void broken(String message, Extent where) {
        if (++brokenChains <= 8) {
            diagnostics.add(Diagnostic.error("macho.fixups.chain", message + "; the rest of the chain is skipped",
                    where));
        }
    }

    private void walkChain(MachOSegment seg, int segIndex, int format, int stride, int pageSize, int page,
                           int offsetInPage, long maxValidPointer, List<MachOChainedFixup> fixups)
            throws ParseCancelledException, CapReached {
        long pageOff = (long) page * pageSize;
        int offset = offsetInPage;
        boolean is32 = format == PTR_32;
        int width = is32 ? 4 : 8;
        long steps = 0;
        while (true) {
            if ((++steps & 1023) == 0) options.checkCancelled();
            if (offset + width > pageSize) {
                broken(seg.name() + " page " + page + ": chain reaches offset 0x" + Integer.toHexString(offset)
                        + ", past the page", seg.headerExtent());
                return;
            }
            long segOff = pageOff + offset;
            if (Long.compareUnsigned(segOff + width, seg.filesize()) > 0) {
                broken(seg.name() + ": fixup at segment offset 0x" + Long.toHexString(segOff)
                        + " lies past the segment's file bytes", seg.headerExtent());
                return;
            }
            long fileOff = seg.fileoff() + segOff;
            long raw;
            try {
                raw = is32 ? r.u32(fileOff) : r.u64(fileOff);
            } catch (MalformedBinaryException e) {
                broken(seg.name() + ": " + e.getMessage(), seg.headerExtent());
                return;
            }
            if (fixups.size() >= options.maxFixups()) throw new CapReached();
            Extent where = r.extent(fileOff, width);
            long address = seg.vmaddr() + segOff;
            MachOChainedFixup fx = decode(format, raw, address, segIndex, maxValidPointer, where);
            if (fx.bind() && (fx.importOrdinal() < 0 || fx.importOrdinal() >= imports.size())) {
                broken(seg.name() + ": bind at 0x" + Long.toHexString(address) + " names import "
                        + fx.importOrdinal() + " of " + imports.size(), where);
                fixups.add(fx);
                return;
            }
            fixups.add(fx);
            long next = next(format, raw);
            if (next == 0) return;
            offset += (int) (next * stride);
        }
    }

    private static long next(int format, long raw) {
        switch (format) {
            case PTR_32: return (raw >>> 26) & 0x1f;
            case PTR_64: case PTR_64_OFFSET: return (raw >>> 51) & 0xfff;
            default: return (raw >>> 51) & 0x7ff; // arm64e
        }
    }

    private MachOChainedFixup decode(int format, long raw, long address, int segIndex, long maxValidPointer,
                                     Extent where) {
        boolean bind;
        long target = -1;
        int ordinal = -1;
        long addend = 0;
        boolean auth = false;
        if (format == PTR_32) {
            bind = (raw >>> 31) != 0;
            if (bind) {
                ordinal = (int) (raw & 0xfffff);
                addend = (raw >>> 20) & 0x3f;
            } else {
                target = raw & 0x3ffffff; // a vmaddr; past max_valid_pointer a biased non-pointer value (dyld)
                if (maxValidPointer != 0 && target > maxValidPointer) {
                    target = target - (0x4000000L + maxValidPointer) / 2;
                }
            }
        } else if (format == PTR_64 || format == PTR_64_OFFSET) {
            bind = (raw >>> 63) != 0;
            if (bind) {
                ordinal = (int) (raw & 0xffffff);
                addend = (raw >>> 24) & 0xff;
            } else {
                long t = raw & 0xfffffffffL;
                long high8 = (raw >>> 36) & 0xff;
                target = (format == PTR_64_OFFSET ? imageBase + t : t) | (high8 << 56);
            }
        } else {
            auth = (raw >>> 63) != 0;
            bind = ((raw >>> 62) & 1) != 0;
            boolean wide = format == PTR_ARM64E_USERLAND24;
            if (bind) {
                ordinal = (int) (raw & (wide ? 0xffffff : 0xffff));
                if (!auth) {
                    long a = (raw >>> 32) & 0x7ffff;
                    addend = (a & 0x40000) != 0 ? a - 0x80000 : a; // 19-bit signed
                }
            } else if (auth) {
                target = imageBase + (raw & 0xffffffffL);
            } else {
                long t = raw & 0x7ffffffffffL;
                long high8 = (raw >>> 43) & 0xff;
                target = (format == PTR_ARM64E ? t : imageBase + t) | (high8 << 56);
            }
        }
        String symbol = bind && ordinal >= 0 && ordinal < imports.size() ? imports.get(ordinal).name() : null;
        return new MachOChainedFixup(address, segIndex, format, bind, target, ordinal, symbol, addend, auth, raw,
                where);
    }
}
