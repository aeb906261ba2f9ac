package dev.crosslens.parsers.io;

import java.io.Closeable;

/** Random-access read-only bytes: a memory-mapped file or an array. Offsets are checked by {@link BinaryReader}. */
public interface ByteSource extends Closeable {
    long size();

    byte get(long offset);

    /** Copies {@code len} bytes at {@code offset}; the caller has checked the range. */
    void read(long offset, byte[] dst, int dstOffset, int len);

    @Override
    default void close() {
    }
}
