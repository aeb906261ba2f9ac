package dev.crosslens.app.cli;

import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.UnsupportedFormatException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

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
}
