package dev.crosslens.parsers.go;

import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Finds and reads Go build info, as {@code debug/buildinfo} does: a 32-byte header starting with
 * {@code "\xff Go buildinf:"} on a 16-byte boundary, then either two pointers to Go string headers (before
 * Go 1.18: byte 14 is the pointer size, flag 0x1 of byte 15 says big-endian) or, with flag 0x2 of byte 15,
 * two varint-length strings right after the header (1.18+). The module text is framed by 16-byte sentinels.
 */
final class GoBuildInfoReader {
    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    static final int HEADER_SIZE = 32;
    static final int ALIGN = 16;
    static final int FLAG_BIG_ENDIAN = 0x1;
    static final int FLAG_INLINE = 0x2;
    private static final int MAX_STRING = 16 << 20;

    /** Finds the header and reads it; null when the image has none. */
    GoBuildInfo read(BinaryReader r, GoImageMap map, BinaryFormat format, ParseOptions options,
                     List<Diagnostic> diagnostics) throws ParseCancelledException {
        long at = locate(r, map, format, options);
        if (at < 0) return null;
        return readAt(r, map, at, diagnostics);
    }

    /** Window-relative offset of the build-info header, or -1. */
    long locate(BinaryReader r, GoImageMap map, BinaryFormat format, ParseOptions options)
            throws ParseCancelledException {
        GoImageMap.Region named = map.section(".go.buildinfo", "__go_buildinfo");
        if (named != null) {
            long at = GoScan.find(r, MAGIC, named.fileOffset(), named.fileEnd(), ALIGN, named.fileOffset(), options);
            if (at >= 0) return at;
        }
        if (map.hasSections()) {
            // Go puts it at the start of the first writable data (ELF, Mach-O) or in the data sections (PE).
            for (GoImageMap.Region s : map.sections()) {
                if (s.executable() || (format != BinaryFormat.PE && !s.writable() && !s.name().contains("data"))) {
                    continue;
                }
                long at = GoScan.find(r, MAGIC, s.fileOffset(), s.fileEnd(), ALIGN, s.fileOffset(), options);
                if (at >= 0) return at;
            }
            return -1;
        }
        return GoScan.find(r, MAGIC, 0, r.size(), ALIGN, 0, options);
    }

    GoBuildInfo readAt(BinaryReader r, GoImageMap map, long at, List<Diagnostic> diagnostics) {
        Extent header = r.extent(at, HEADER_SIZE);
        try {
            r.check(at, HEADER_SIZE, "Go build info header");
            int ptrSize = r.u8(at + 14);
            int flags = r.u8(at + 15);
            String version;
            byte[] mb;
            String layout;
            Extent extent;
            if ((flags & FLAG_INLINE) != 0) {
                long p = at + HEADER_SIZE;
                long[] len = new long[2];
                byte[] v = varintString(r, p, len);
                p = len[0];
                byte[] m = varintString(r, p, len);
                version = new String(v, StandardCharsets.UTF_8);
                mb = m;
                layout = "inline";
                extent = r.extent(at, len[0] - at);
            } else {
                if (ptrSize != 4 && ptrSize != 8) {
                    diagnostics.add(Diagnostic.warning("go.buildinfo.bad-header",
                            "Go build info header gives pointer size " + ptrSize + " (expected 4 or 8)", header));
                    return null;
                }
                BinaryReader o = r.withOrder((flags & FLAG_BIG_ENDIAN) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                boolean is64 = ptrSize == 8;
                version = new String(pointedString(o, map, o.word(at + 16, is64), is64, "version"),
                        StandardCharsets.UTF_8);
                mb = pointedString(o, map, o.word(at + 16 + ptrSize, is64), is64, "module info");
                layout = "pointer";
                extent = header;
            }
            if (version.isEmpty()) {
                diagnostics.add(Diagnostic.warning("go.buildinfo.no-version",
                        "Go build info holds an empty Go version", header));
            }
            // The module text is framed by 16-byte sentinels; without them there is no module info.
            String modText = "";
            if (mb.length >= 33 && mb[mb.length - 17] == '\n') {
                modText = new String(mb, 16, mb.length - 32, StandardCharsets.UTF_8);
            } else if (mb.length > 0) {
                diagnostics.add(Diagnostic.warning("go.buildinfo.no-sentinels",
                        "Go module info (" + mb.length + " bytes) lacks its 16-byte sentinels; ignored", extent));
            }
            GoModInfoParser.ModInfo info = new GoModInfoParser().parse(modText, extent, diagnostics);
            return new GoBuildInfo(version, info.path(), info.main(), info.deps(), info.settings(), layout, extent);
        } catch (MalformedBinaryException e) {
            diagnostics.add(Diagnostic.warning("go.buildinfo.truncated",
                    "Go build info could not be read: " + e.getMessage(), header));
            return null;
        }
    }

    /** A uvarint length and that many bytes at {@code p}; {@code end[0]} receives the offset past them. */
    private static byte[] varintString(BinaryReader r, long p, long[] end) throws MalformedBinaryException {
        long value = 0;
        int shift = 0;
        long q = p;
        while (true) {
            int b = r.u8(q++);
            if (shift == 63 && b > 1) throw new MalformedBinaryException(r.absolute(p), "varint overflows 64 bits");
            value |= (long) (b & 0x7f) << shift;
            if (b < 0x80) break;
            shift += 7;
            if (shift > 63) throw new MalformedBinaryException(r.absolute(p), "varint longer than 10 bytes");
        }
        if (value < 0 || value > MAX_STRING) {
            throw new MalformedBinaryException(r.absolute(p), "string length " + Long.toUnsignedString(value)
                    + " is implausible");
        }
        byte[] b = r.bytes(q, (int) value);
        end[0] = q + value;
        return b;
    }

    /** A Go string whose header (data pointer, length) is at virtual address {@code address}. */
    private static byte[] pointedString(BinaryReader r, GoImageMap map, long address, boolean is64, String what)
            throws MalformedBinaryException {
        int ps = is64 ? 8 : 4;
        long hdr = map.offsetOf(address, 2L * ps);
        if (hdr < 0) {
            throw new MalformedBinaryException(r.base(), what + " string header at 0x" + Long.toHexString(address)
                    + " is not in any file-backed section");
        }
        long data = r.word(hdr, is64);
        long len = r.word(hdr + ps, is64);
        if (len < 0 || len > MAX_STRING) {
            throw new MalformedBinaryException(r.absolute(hdr + ps), what + " length " + len + " is implausible");
        }
        if (len == 0) return new byte[0];
        long off = map.offsetOf(data, len);
        if (off < 0) {
            throw new MalformedBinaryException(r.absolute(hdr), what + " bytes at 0x" + Long.toHexString(data)
                    + " are not in any file-backed section");
        }
        return r.bytes(off, (int) len);
    }
}
