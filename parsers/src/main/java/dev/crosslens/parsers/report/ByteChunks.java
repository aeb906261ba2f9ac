package dev.crosslens.parsers.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes collected in fixed-size chunks: a worker serializes a document part into it and another thread writes it
 * out, without the copy into one array (or one String) that a growing buffer needs at the end.
 */
final class ByteChunks extends OutputStream {
    private static final int CHUNK = 1 << 18;
    private final List<byte[]> full = new ArrayList<>();
    private byte[] current = new byte[CHUNK];
    private int used;

    @Override
    public void write(int b) {
        if (used == current.length) next();
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (used == current.length) next();
            int n = Math.min(len, current.length - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void next() {
        full.add(current);
        current = new byte[CHUNK];
        used = 0;
    }

    void writeTo(OutputStream out) throws IOException {
        for (byte[] chunk : full) out.write(chunk);
        out.write(current, 0, used);
    }
}
