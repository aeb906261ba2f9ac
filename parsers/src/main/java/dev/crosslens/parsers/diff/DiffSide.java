package dev.crosslens.parsers.diff;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.FatImage;
import dev.crosslens.model.FatSlice;

/**
 * One side of a comparison: a thin image and what to call it.
 *
 * @param fileSize bytes of this image in its file (a fat slice's size, else the file's)
 */
public record DiffSide(String name, BinaryImage image, long fileSize) {

    public static DiffSide of(BinaryFile file) {
        return new DiffSide(file.path(), file.image(), file.size());
    }

    /**
     * The side to compare against {@code other}: for a fat file, the slice whose arch matches {@code other}'s
     * (or the slice named by {@code sliceArch}), so a universal binary compares with a single-arch one.
     *
     * @throws IllegalArgumentException when the requested slice is not there
     */
    public static DiffSide pick(BinaryFile file, String sliceArch, BinaryImage other) {
        if (!(file.image() instanceof FatImage fat)) {
            if (sliceArch != null) {
                throw new IllegalArgumentException(file.path() + " is not a universal binary; it has no slices");
            }
            return of(file);
        }
        String wanted = sliceArch != null ? sliceArch
                : other != null && !(other instanceof FatImage) ? other.core().arch().label() : null;
        for (FatSlice s : fat.slices()) {
            if (s.image() != null && (wanted == null || s.arch().label().equalsIgnoreCase(wanted))) {
                return new DiffSide(file.path() + " [" + s.arch().label() + "]", s.image(), s.size());
            }
        }
        throw new IllegalArgumentException(file.path() + " has no readable slice"
                + (wanted == null ? "" : " for " + wanted));
    }
}
