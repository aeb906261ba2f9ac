package dev.crosslens.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes into a {@link Writer}: how a command that writes bytes (the analysis JSON) reaches a caller that gave
 * the CLI writers instead of the process's stdout. A character split across two writes is kept until it is whole.
 */
final class DecodingOutputStream extends OutputStream {
    private final Writer out;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(1 << 13);
    private final CharBuffer chars = CharBuffer.allocate(1 << 13);

    DecodingOutputStream(Writer out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, pending.remaining());
            pending.put(b, off, n);
            off += n;
            len -= n;
            drain(false);
        }
    }

    private void drain(boolean endOfInput) throws IOException {
        pending.flip();
        while (true) {
            var result = decoder.decode(pending, chars, endOfInput);
            out.write(chars.array(), 0, chars.position());
            chars.clear();
            if (result.isUnderflow()) break;
        }
        pending.compact(); // a partial character stays for the next write
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
