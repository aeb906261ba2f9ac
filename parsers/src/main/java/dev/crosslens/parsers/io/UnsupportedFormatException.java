package dev.crosslens.parsers.io;

import java.io.IOException;

/** The file is readable but is not a binary Crosslens reads; {@link #what()} says what it looks like instead. */
public class UnsupportedFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String what;

    public UnsupportedFormatException(String what) {
        super("not an ELF, PE/COFF, Mach-O or ar file: " + what);
        this.what = what;
    }

    public String what() {
        return what;
    }
}
