package dev.crosslens.app.hex;

import dev.crosslens.model.Extent;
import java.nio.ByteBuffer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * A file's bytes as hex lines of 16, produced on demand for one line at a time: nothing is built for lines that
 * are not on screen, so an 11 MB file costs what 50 lines cost. Holds the selected extent and the line the view
 * should scroll to.
 */
public final class HexViewModel {
    public static final int BYTES_PER_LINE = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final ByteBuffer bytes;
    private final long size;
    private final int lineCount;
    private final ObjectProperty<Extent> selection = new SimpleObjectProperty<>(Extent.NONE);
    private final ReadOnlyIntegerWrapper targetLine = new ReadOnlyIntegerWrapper(-1);
    private final int offsetDigits;

    public HexViewModel(ByteBuffer bytes) {
        this.bytes = bytes.duplicate();
        this.size = bytes.limit();
        this.lineCount = (int) ((size + BYTES_PER_LINE - 1) / BYTES_PER_LINE);
        this.offsetDigits = Math.max(8, (64 - Long.numberOfLeadingZeros(Math.max(1, size)) + 3) / 4);
        selection.addListener((o, a, x) -> {
            if (x != null && x.isKnown() && x.offset() < size) {
                targetLine.set(-1);
                targetLine.set(lineOf(x.offset()));
            }
        });
    }

    public long size() {
        return size;
    }

    public int lineCount() {
        return lineCount;
    }

    public static int lineOf(long offset) {
        return (int) (offset / BYTES_PER_LINE);
    }

    public long lineOffset(int line) {
        return (long) line * BYTES_PER_LINE;
    }

    /** Bytes on this line (16, fewer on the last). */
    public int lineLength(int line) {
        return (int) Math.min(BYTES_PER_LINE, size - lineOffset(line));
    }

    public String offsetText(int line) {
        String h = Long.toHexString(lineOffset(line));
        StringBuilder sb = new StringBuilder(offsetDigits);
        for (int i = h.length(); i < offsetDigits; i++) sb.append('0');
        return sb.append(h).toString();
    }

    /** Hex of bytes [from, to) of the line, "xx " each with an extra space after the eighth. */
    public String hexText(int line, int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) * 3 + 1);
        int len = lineLength(line);
        long base = lineOffset(line);
        for (int i = from; i < to; i++) {
            if (i < len) {
                int b = bytes.get((int) (base + i)) & 0xff;
                sb.append(HEX[b >>> 4]).append(HEX[b & 15]);
            } else {
                sb.append("  ");
            }
            sb.append(i == 7 ? "  " : " ");
        }
        return sb.toString();
    }

    public String asciiText(int line, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        int len = Math.min(to, lineLength(line));
        long base = lineOffset(line);
        for (int i = from; i < len; i++) {
            int b = bytes.get((int) (base + i)) & 0xff;
            sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return sb.toString();
    }

    /** The selected byte range [from, to) within this line, or null when none of it is selected. */
    public int[] selectedRange(int line) {
        Extent x = selection.get();
        if (x == null || !x.isKnown() || x.size() == 0) return null;
        long ls = lineOffset(line);
        long le = ls + lineLength(line);
        long a = Math.max(ls, x.offset());
        long b = Math.min(le, x.end());
        if (a >= b) return null;
        return new int[] {(int) (a - ls), (int) (b - ls)};
    }

    public ObjectProperty<Extent> selectionProperty() {
        return selection;
    }

    /** The line the view should bring into sight (changes on every new selection). */
    public ReadOnlyIntegerProperty targetLineProperty() {
        return targetLine.getReadOnlyProperty();
    }

    /** Parses "0x1f00", "1f00h", "#7936" (decimal) or "7936"; returns -1 when it is no offset in the file. */
    public long parseOffset(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        if (t.isEmpty()) return -1;
        try {
            long v;
            if (t.startsWith("0x")) v = Long.parseUnsignedLong(t.substring(2), 16);
            else if (t.endsWith("h")) v = Long.parseUnsignedLong(t.substring(0, t.length() - 1), 16);
            else if (t.startsWith("#")) v = Long.parseLong(t.substring(1));
            else if (t.chars().allMatch(Character::isDigit)) v = Long.parseLong(t);
            else v = Long.parseUnsignedLong(t, 16);
            return v >= 0 && v < size ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The one byte at the offset typed into go-to (Ctrl+G), or null when it is no offset in the file. */
    public Extent goToExtent(String text) {
        long off = parseOffset(text);
        return off < 0 ? null : Extent.of(off, 1);
    }
}
