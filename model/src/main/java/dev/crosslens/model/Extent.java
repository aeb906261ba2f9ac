package dev.crosslens.model;

/**
 * Where a structure came from in its file: a byte offset and a length. Every record that was read from bytes
 * carries one, so that a click on a row can select its bytes in the hex view and the section map.
 */
public record Extent(long offset, long size) {
    public static final Extent NONE = new Extent(-1, 0);

    public Extent {
        if (offset < -1) throw new IllegalArgumentException("offset " + offset);
        if (size < 0) throw new IllegalArgumentException("size " + size);
    }

    public static Extent of(long offset, long size) {
        return new Extent(offset, size);
    }

    public boolean isKnown() {
        return offset >= 0;
    }

    /** Exclusive end offset. */
    public long end() {
        return offset + size;
    }

    public boolean contains(long position) {
        return isKnown() && position >= offset && position - offset < size;
    }

    @Override
    public String toString() {
        return isKnown() ? "0x" + Long.toHexString(offset) + "+" + size : "(no extent)";
    }
}
