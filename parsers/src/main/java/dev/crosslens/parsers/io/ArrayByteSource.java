package dev.crosslens.parsers.io;

/** A byte array as a source: for tests, archive members held in memory and small files. */
public final class ArrayByteSource implements ByteSource {
    private final byte[] data;

    public ArrayByteSource(byte[] data) {
        this.data = data;
    }

    @Override
    public long size() {
        return data.length;
    }

    @Override
    public byte get(long offset) {
        return data[(int) offset];
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int len) {
        System.arraycopy(data, (int) offset, dst, dstOffset, len);
    }
}
