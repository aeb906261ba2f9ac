package dev.crosslens.parsers.io;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only memory mapping of a file, in chunks of 1 GiB so files past 2 GiB map too. Reads that straddle a
 * chunk boundary are assembled byte by byte.
 */
public final class MappedByteSource implements ByteSource {
    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK = 1L << CHUNK_SHIFT;
    private final MappedByteBuffer[] chunks;
    private final long size;

    private MappedByteSource(MappedByteBuffer[] chunks, long size) {
        this.chunks = chunks;
        this.size = size;
    }

    public static MappedByteSource map(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            int n = (int) ((size + CHUNK - 1) >>> CHUNK_SHIFT);
            MappedByteBuffer[] chunks = new MappedByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long start = (long) i << CHUNK_SHIFT;
                chunks[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(CHUNK, size - start));
            }
            return new MappedByteSource(chunks, size);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte get(long offset) {
        return chunks[(int) (offset >>> CHUNK_SHIFT)].get((int) (offset & (CHUNK - 1)));
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int len) {
        int done = 0;
        while (done < len) {
            long pos = offset + done;
            MappedByteBuffer chunk = chunks[(int) (pos >>> CHUNK_SHIFT)];
            int inChunk = (int) (pos & (CHUNK - 1));
            int n = Math.min(len - done, chunk.limit() - inChunk);
            chunk.get(inChunk, dst, dstOffset + done, n);
            done += n;
        }
    }
}
