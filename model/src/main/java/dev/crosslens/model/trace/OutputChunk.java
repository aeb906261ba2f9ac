package dev.crosslens.model.trace;

/** A piece of the program's stdout or stderr, as it arrived. */
public record OutputChunk(Stream stream, long timeMicros, String text) {
    public enum Stream { STDOUT, STDERR }

    public OutputChunk {
        text = text == null ? "" : text;
    }
}
