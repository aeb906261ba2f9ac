package dev.crosslens.app;

import java.util.HexFormat;

/**
 * Why a file could not be opened, with what was read where it failed.
 *
 * @param kind        {@code malformed}, {@code not-a-binary} or {@code io}
 * @param offset      the file offset the engine names, -1 when it names none
 * @param bytesOffset where {@code bytes} starts in the file
 * @param bytes       the bytes around the failing offset (up to 64), empty when the file could not be read
 */
public record LoadFailure(String kind, String title, String message, long offset, long bytesOffset, byte[] bytes) {
    public LoadFailure {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes as {@code offset: hex  ascii} lines, 16 a line. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < bytes.length; i += 16) {
            sb.append(String.format("%08x  ", bytesOffset + i));
            StringBuilder ascii = new StringBuilder();
            for (int j = 0; j < 16; j++) {
                if (i + j < bytes.length) {
                    int b = bytes[i + j] & 0xff;
                    sb.append(hex.toHexDigits((byte) b)).append(' ');
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    sb.append("   ");
                }
            }
            sb.append(' ').append(ascii).append('\n');
        }
        return sb.toString();
    }
}
