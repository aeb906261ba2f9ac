package dev.crosslens.parsers.elf;

import dev.crosslens.model.Extent;
import dev.crosslens.model.elf.ElfNote;
import dev.crosslens.model.elf.ElfProgramHeader;
import dev.crosslens.model.elf.ElfSectionHeader;
import dev.crosslens.parsers.io.MalformedBinaryException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Notes from the SHT_NOTE sections (as {@code readelf -n} shows them), or from the PT_NOTE segments when there
 * are no section headers.
 */
final class ElfNotes {
    private static final int MAX_NOTES = 100_000;
    private static final int MAX_DESC_SUMMARY = 256;

    private ElfNotes() {
    }

    static List<ElfNote> read(ElfContext ctx) {
        List<ElfNote> out = new ArrayList<>();
        boolean core = ctx.header.type() == 4;
        boolean fromSections = false;
        for (ElfSectionHeader s : ctx.sections) {
            if (core || s.type() != ElfParser.SHT_NOTE) continue;
            fromSections = true;
            readArea(ctx, s.offset(), s.size(), s.addralign(), s.name(), s.headerExtent(), out);
        }
        if (!fromSections) {
            for (ElfProgramHeader p : ctx.segments) {
                if (p.type() != ElfParser.PT_NOTE) continue;
                readArea(ctx, p.offset(), p.filesz(), p.align(), "PT_NOTE[" + p.index() + "]", p.headerExtent(),
                        out);
            }
        }
        return out;
    }

    private static void readArea(ElfContext ctx, long offset, long size, long align, String source,
                                 Extent header, List<ElfNote> out) {
        if (size == 0) return;
        if (!ctx.r.inBounds(offset, size) || size > Integer.MAX_VALUE - 8) {
            ctx.error("elf.note.outside", "notes " + source + " at 0x" + Long.toHexString(offset) + "+"
                    + Long.toUnsignedString(size) + " are outside the file", header);
            return;
        }
        ByteBuffer b;
        try {
            b = ctx.r.buffer(offset, size);
        } catch (MalformedBinaryException e) {
            ctx.error("elf.note.outside", e);
            return;
        }
        int step = align == 8 ? 8 : 4;
        long pos = 0;
        while (pos + 12 <= size) {
            if (out.size() >= MAX_NOTES) {
                ctx.error("elf.note.count", "more than " + MAX_NOTES + " notes", ctx.r.extent(offset, size));
                return;
            }
            long namesz = ElfParser.u32(b, (int) pos);
            long descsz = ElfParser.u32(b, (int) pos + 4);
            long type = ElfParser.u32(b, (int) pos + 8);
            long nameAt = pos + 12;
            long descAt = alignUp(nameAt + namesz, step);
            long next = alignUp(descAt + descsz, step);
            if (namesz > size || descsz > size || descAt + descsz > size) {
                ctx.error("elf.note.truncated", "note in " + source + " at +" + pos + " (namesz " + namesz
                        + ", descsz " + descsz + ") runs past its " + size + " bytes", ctx.r.extent(offset + pos, 12));
                return;
            }
            String owner = name(b, (int) nameAt, (int) namesz);
            byte[] desc = new byte[(int) descsz];
            b.get((int) descAt, desc);
            boolean core = ctx.header.type() == 4;
            out.add(new ElfNote(owner, type, ElfNames.noteType(owner, type, core), summary(ctx, owner, type, desc),
                    source, ctx.r.extent(offset + pos, Math.min(next, size) - pos)));
            pos = next;
        }
    }

    private static String name(ByteBuffer b, int at, int length) {
        int n = length;
        while (n > 0 && b.get(at + n - 1) == 0) {
            n--;
        }
        byte[] raw = new byte[n];
        b.get(at, raw);
        return new String(raw, StandardCharsets.UTF_8);
    }

    private static long alignUp(long v, int step) {
        return (v + step - 1) & -step;
    }

    /** The descriptor for people: build id in hex, ABI tag as "Linux 3.2.0", Go build id as text. */
    private static String summary(ElfContext ctx, String owner, long type, byte[] desc) {
        ByteBuffer d = ByteBuffer.wrap(desc).order(ctx.r.order());
        if (owner.equals("GNU") && type == 3) return ElfParser.hex(desc);
        if (owner.equals("GNU") && type == 1 && desc.length >= 16) {
            String[] oses = {"Linux", "Hurd", "Solaris", "FreeBSD", "NetBSD", "Syllable", "NaCl"};
            int os = d.getInt(0);
            String name = os >= 0 && os < oses.length ? oses[os] : "OS " + os;
            return name + " " + d.getInt(4) + "." + d.getInt(8) + "." + d.getInt(12);
        }
        if (owner.equals("Go") && type == 4) {
            return new String(desc, StandardCharsets.UTF_8);
        }
        if ((owner.equals("FreeBSD") || owner.equals("NetBSD") || owner.equals("OpenBSD")
                || owner.equals("Android")) && type == 1 && desc.length >= 4) {
            return owner.equals("Android") ? "API level " + d.getInt(0) : "version " + d.getInt(0);
        }
        return ElfParser.hex(desc.length > MAX_DESC_SUMMARY ? java.util.Arrays.copyOf(desc, MAX_DESC_SUMMARY)
                : desc);
    }
}
