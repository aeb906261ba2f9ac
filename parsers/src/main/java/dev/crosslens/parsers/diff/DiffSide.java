package dev.crosslens.parsers.diff;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.FatImage;
import dev.crosslens.model.FatSlice;

import java.util.List;

/**
 * One side of a comparison: a thin image and what to call it.
 *
 * @param fileSize bytes of this image in its file (a fat slice's size, else the file's)
 * @param slices   the architectures of the universal file the image is a slice of; empty for a thin file
 */
public record DiffSide(String name, BinaryImage image, long fileSize, List<String> slices) {
    public DiffSide {
        slices = List.copyOf(slices);
    }

    public DiffSide(String name, BinaryImage image, long fileSize) {
        this(name, image, fileSize, List.of());
    }

    public static DiffSide of(BinaryFile file) {
        return new DiffSide(file.path(), file.image(), file.size());
    }

    /**
     * The side to compare against {@code other}: for a fat file, the slice named by {@code sliceArch}, else the
     * one whose arch matches {@code other}'s (the first arch both universal files have, when {@code other} is one
     * too), so a universal binary compares with a single-arch one and two universal ones compare like with like.
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
                : other instanceof FatImage otherFat ? firstCommonArch(fat, otherFat)
                : other != null ? other.core().arch().label() : null;
        List<String> archs = fat.slices().stream().map(s -> s.arch().label()).toList();
        for (FatSlice s : fat.slices()) {
            if (s.image() != null && (wanted == null || s.arch().label().equalsIgnoreCase(wanted))) {
                return new DiffSide(file.path() + " [" + s.arch().label() + "]", s.image(), s.size(), archs);
            }
        }
        throw new IllegalArgumentException(file.path() + " has no readable slice"
                + (wanted == null ? "" : " for " + wanted));
    }

    private static String firstCommonArch(FatImage fat, FatImage other) {
        for (FatSlice s : fat.slices()) {
            if (s.image() == null) continue;
            for (FatSlice o : other.slices()) {
                if (o.image() != null && o.arch().label().equalsIgnoreCase(s.arch().label())) return s.arch().label();
            }
        }
        return null;
    }
}
