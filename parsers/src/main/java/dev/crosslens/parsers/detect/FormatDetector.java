package dev.crosslens.parsers.detect;

import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Tells a format by its magic numbers, and says in words what a file that is none of them looks like. */
public final class FormatDetector {
    /** COFF machine numbers accepted for a headerless object file. */
    private static final Set<Integer> COFF_MACHINES = Set.of(0x14c, 0x8664, 0xaa64, 0x1c0, 0x1c2, 0x1c4, 0x200,
            0x5032, 0x5064, 0xa641, 0xa64e, 0x166, 0x169, 0x1f0, 0x1f1, 0xebc);
    private static final Set<Long> FAT_CPU_TYPES = Set.of(7L, 0x01000007L, 12L, 0x0100000cL, 0x0200000cL, 18L,
            0x01000012L, 0x10L, 0x01000010L);

    public DetectedFormat detect(BinaryReader r) {
        long size = r.size();
        try {
            if (size >= 4 && r.u8(0) == 0x7f && r.u8(1) == 'E' && r.u8(2) == 'L' && r.u8(3) == 'F') {
                return DetectedFormat.ELF;
            }
            if (size >= 8 && startsWith(r, "!<arch>\n") || size >= 8 && startsWith(r, "!<thin>\n")) {
                return DetectedFormat.ARCHIVE;
            }
            if (size >= 2 && r.u8(0) == 'M' && r.u8(1) == 'Z') {
                return DetectedFormat.PE;
            }
            if (size >= 4) {
                long beMagic = r.withOrder(java.nio.ByteOrder.BIG_ENDIAN).u32(0);
                if (beMagic == 0xfeedfaceL || beMagic == 0xfeedfacfL || beMagic == 0xcefaedfeL
                        || beMagic == 0xcffaedfeL) {
                    return DetectedFormat.MACHO;
                }
                if ((beMagic == 0xcafebabeL || beMagic == 0xcafebabfL) && size >= 12) {
                    BinaryReader be = r.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
                    long n = be.u32(4);
                    if (n >= 1 && n <= 32 && FAT_CPU_TYPES.contains(be.u32(8))) {
                        return DetectedFormat.FAT_MACHO;
                    }
                }
            }
            if (size >= 20) {
                int sig1 = r.u16(0);
                int sig2 = r.u16(2);
                if (sig1 == 0 && sig2 == 0xffff) {
                    int version = r.u16(4);
                    return version == 0 ? DetectedFormat.COFF_IMPORT : DetectedFormat.COFF_OBJECT;
                }
                if (COFF_MACHINES.contains(sig1) && r.u16(16) == 0) {
                    long nsects = r.u16(2);
                    long symPtr = r.u32(8);
                    if (nsects <= 96 && symPtr <= size && (nsects > 0 || symPtr > 0)) {
                        return DetectedFormat.COFF_OBJECT;
                    }
                }
            }
        } catch (MalformedBinaryException e) {
            // cannot happen: every read above is guarded by a size test
            throw new IllegalStateException(e);
        }
        return DetectedFormat.NOT_BINARY;
    }

    /** What a file that is not a binary looks like, in a few words ("ZIP archive", "text (shell script)"). */
    public String describeNonBinary(BinaryReader r) {
        long size = r.size();
        if (size == 0) return "empty file";
        try {
            byte[] head = r.bytes(0, (int) Math.min(size, 512));
            if (has(head, 0x50, 0x4b, 0x03, 0x04)) return "ZIP archive (zip, jar, apk, whl, nupkg)";
            if (has(head, 0x1f, 0x8b)) return "gzip-compressed data";
            if (has(head, 0xfd, '7', 'z', 'X', 'Z', 0)) return "xz-compressed data";
            if (has(head, 'B', 'Z', 'h')) return "bzip2-compressed data";
            if (has(head, 0x28, 0xb5, 0x2f, 0xfd)) return "zstd-compressed data";
            if (has(head, '%', 'P', 'D', 'F')) return "PDF document";
            if (has(head, 0x89, 'P', 'N', 'G')) return "PNG image";
            if (has(head, 0xca, 0xfe, 0xba, 0xbe)) return "Java class file";
            if (has(head, 0, 'a', 's', 'm')) return "WebAssembly module";
            if (has(head, 'd', 'e', 'x', '\n')) return "Android DEX file";
            if (has(head, '#', '!')) {
                String first = new String(head, StandardCharsets.UTF_8).lines().findFirst().orElse("#!");
                return "script (" + first.strip() + ")";
            }
            if (isText(head)) return "text";
            if (size < 4) return "too short to be a binary (" + size + " bytes)";
            return "data of unknown format (starts with " + hex(head, 8) + ")";
        } catch (MalformedBinaryException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean startsWith(BinaryReader r, String magic) throws MalformedBinaryException {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        return r.inBounds(0, m.length) && java.util.Arrays.equals(r.bytes(0, m.length), m);
    }

    private static boolean has(byte[] head, int... magic) {
        if (head.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) return false;
        }
        return true;
    }

    private static boolean isText(byte[] head) {
        for (byte b : head) {
            int c = b & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b)) return false;
        }
        return true;
    }

    private static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }
}
