package dev.crosslens.parsers.io;

import java.io.InterruptedIOException;

/** The parse was cancelled (the thread was interrupted or the monitor said stop). */
public class ParseCancelledException extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    public ParseCancelledException() {
        super("parse cancelled");
    }
}
