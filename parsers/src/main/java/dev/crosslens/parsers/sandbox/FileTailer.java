package dev.crosslens.parsers.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Follows a file another process is writing (strace -o) and hands over complete lines, until told the writer is
 * done and everything written has been read. Reads at most {@code maxBytes}; the rest is counted.
 */
final class FileTailer implements Runnable {
    private final Path file;
    private final Consumer<String> lines;
    private final long maxBytes;
    private volatile boolean writerDone;
    private long read;
    private long skipped;

    FileTailer(Path file, long maxBytes, Consumer<String> lines) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.lines = lines;
    }

    void writerDone() {
        writerDone = true;
    }

    long bytesSkipped() {
        return skipped;
    }

    @Override
    public void run() {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        byte[] pending = new byte[0];
        FileChannel ch = null;
        try {
            while (true) {
                boolean done = writerDone;
                if (ch == null && Files.exists(file)) ch = FileChannel.open(file, StandardOpenOption.READ);
                int n = 0;
                if (ch != null) {
                    buf.clear();
                    n = ch.read(buf, read + skipped);
                    if (n > 0) {
                        if (read >= maxBytes) {
                            skipped += n;
                        } else {
                            read += n;
                            pending = split(pending, buf.array(), n);
                        }
                        continue;
                    }
                }
                if (done) break;
                Thread.sleep(25);
            }
            if (pending.length > 0) lines.accept(new String(pending, StandardCharsets.UTF_8));
        } catch (IOException e) {
            lines.accept("crosslens: cannot read " + file + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // read-only channel: nothing to lose
                }
            }
        }
    }

    private byte[] split(byte[] pending, byte[] data, int n) {
        int start = 0;
        byte[] carry = pending;
        for (int i = 0; i < n; i++) {
            if (data[i] == '\n') {
                String line;
                if (carry.length > 0) {
                    byte[] all = new byte[carry.length + i - start];
                    System.arraycopy(carry, 0, all, 0, carry.length);
                    System.arraycopy(data, start, all, carry.length, i - start);
                    line = new String(all, StandardCharsets.UTF_8);
                    carry = new byte[0];
                } else {
                    line = new String(data, start, i - start, StandardCharsets.UTF_8);
                }
                lines.accept(line);
                start = i + 1;
            }
        }
        if (start < n) {
            byte[] rest = new byte[carry.length + n - start];
            System.arraycopy(carry, 0, rest, 0, carry.length);
            System.arraycopy(data, start, rest, carry.length, n - start);
            return rest;
        }
        return carry;
    }
}
