package dev.crosslens.app.cli;

import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.UnsupportedFormatException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** One wording for file errors across the CLI commands. */
final class CliErrors {
    private CliErrors() {
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) return n.getFile() + ": no such file";
        if (e instanceof AccessDeniedException d) return d.getFile() + ": permission denied";
        if (e instanceof MalformedBinaryException m) return "malformed binary: " + m.getMessage();
        if (e instanceof UnsupportedFormatException u) return u.getMessage();
        return String.valueOf(e.getMessage());
    }

    /** The result of work done on another thread, with its I/O error (or bug) as if it had been done here. */
    static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new IllegalStateException(e.getCause());
        }
    }
}
