package dev.crosslens.parsers.go;

import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Section;
import dev.crosslens.model.Segment;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the bytes of an image lie: the file-backed sections (and segments) with their virtual addresses, so Go
 * pointers can be followed to file offsets and back. Offsets are relative to the image's reader window. PE
 * section addresses are RVAs, so for PE the image base (read from the optional header) is added.
 */
final class GoImageMap {
    /** A file-backed range: {@code fileOffset} is window-relative, {@code address} a virtual address. */
    record Region(String name, long address, long fileOffset, long fileSize, boolean executable,
                  boolean writable) {
        long fileEnd() {
            return fileOffset + fileSize;
        }
    }

    private final List<Region> sections;
    private final List<Region> segments;
    private final long imageBase;

    private GoImageMap(List<Region> sections, List<Region> segments, long imageBase) {
        this.sections = List.copyOf(sections);
        this.segments = List.copyOf(segments);
        this.imageBase = imageBase;
    }

    static GoImageMap of(ImageCore core, BinaryReader reader) {
        long base = core.format() == BinaryFormat.PE ? peImageBase(reader) : 0;
        List<Region> secs = new ArrayList<>();
        for (Section s : core.sections()) {
            if (s.fileSize() <= 0 || s.type().equals("NOBITS") || s.type().startsWith("S_ZEROFILL")
                    || !reader.inBounds(s.fileOffset(), s.fileSize())) {
                continue;
            }
            long size = s.fileSize();
            if (core.format() == BinaryFormat.PE && s.memorySize() > 0) {
                size = Math.min(size, s.memorySize()); // raw data is padded to FileAlignment
            }
            secs.add(new Region(s.name(), base + s.address(), s.fileOffset(), size, s.permissions().execute(),
                    s.permissions().write()));
        }
        List<Region> segs = new ArrayList<>();
        for (Segment s : core.segments()) {
            if (s.fileSize() <= 0 || !reader.inBounds(s.fileOffset(), s.fileSize())) continue;
            if (core.format() == BinaryFormat.ELF && !s.type().equals("LOAD")) continue;
            segs.add(new Region(s.type(), s.address(), s.fileOffset(), s.fileSize(), s.permissions().execute(),
                    s.permissions().write()));
        }
        return new GoImageMap(secs, segs, base);
    }

    /** For tests: a map from explicit regions. */
    static GoImageMap of(List<Region> sections) {
        return new GoImageMap(sections, List.of(), 0);
    }

    List<Region> sections() {
        return sections;
    }

    boolean hasSections() {
        return !sections.isEmpty();
    }

    long imageBase() {
        return imageBase;
    }

    Region section(String... names) {
        for (String n : names) {
            for (Region r : sections) {
                if (r.name().equals(n)) return r;
            }
        }
        return null;
    }

    /** Window-relative file offset of {@code size} bytes at virtual address {@code address}, or -1. */
    long offsetOf(long address, long size) {
        for (List<Region> list : List.of(sections, segments)) {
            for (Region r : list) {
                long delta = address - r.address();
                if (Long.compareUnsigned(address, r.address()) >= 0 && Long.compareUnsigned(delta, r.fileSize()) < 0
                        && size <= r.fileSize() - delta) {
                    return r.fileOffset() + delta;
                }
            }
        }
        return -1;
    }

    /** Virtual address of a window-relative file offset, or -1 when no region holds it. */
    long addressOf(long offset) {
        for (List<Region> list : List.of(sections, segments)) {
            for (Region r : list) {
                if (offset >= r.fileOffset() && offset < r.fileEnd()) {
                    return r.address() + (offset - r.fileOffset());
                }
            }
        }
        return -1;
    }

    /** The region holding a window-relative file offset, or null. */
    Region regionAt(long offset) {
        for (Region r : sections) {
            if (offset >= r.fileOffset() && offset < r.fileEnd()) return r;
        }
        return null;
    }

    /** The optional header's ImageBase of a PE image, 0 when it cannot be read. */
    private static long peImageBase(BinaryReader r) {
        try {
            long lfanew = r.u32(0x3c);
            if (r.u32(lfanew) != 0x00004550L) return 0;
            long opt = lfanew + 24;
            int magic = r.u16(opt);
            if (magic == 0x20b) return r.u64(opt + 24);
            if (magic == 0x10b) return r.u32(opt + 28);
            return 0;
        } catch (MalformedBinaryException e) {
            return 0;
        }
    }
}
