package dev.crosslens.app.compare;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.FatImage;
import dev.crosslens.model.FatSlice;
import dev.crosslens.model.archive.ArchiveMember;
import dev.crosslens.parsers.diff.DiffSide;

import java.nio.file.Path;

/**
 * One side of a comparison: the file as it was opened, the image that is compared (the file's own, or a fat
 * Mach-O slice or an archive member inside it) and where that image's bytes lie in the file.
 *
 * @param part   what the image is inside the file ({@code x86_64 slice}, {@code member foo.o}, nested ones joined
 *               by " / "), null when the whole file is compared
 * @param extent the image's bytes in the file: the whole file, or the slice / member
 */
public record CompareSide(BinaryFile file, BinaryImage image, String part, Extent extent) {

    /** The whole file (a fat file as it is: see {@link #pick}). */
    public static CompareSide whole(BinaryFile file) {
        return new CompareSide(file, file.image(), null, Extent.of(0, file.size()));
    }

    /** A slice of the fat image of {@code within} (the whole file, or a part of it). */
    public static CompareSide slice(CompareSide within, FatSlice slice) {
        return new CompareSide(within.file(), slice.image(), join(within.part(), slice.arch().label() + " slice"),
                Extent.of(slice.offset(), slice.size()));
    }

    /** A member of the archive image of {@code within}. */
    public static CompareSide member(CompareSide within, ArchiveMember member) {
        Extent data = member.dataExtent() != null && member.dataExtent().isKnown() ? member.dataExtent()
                : Extent.NONE;
        return new CompareSide(within.file(), member.image(), join(within.part(), "member " + member.name()), data);
    }

    /**
     * The part of {@code within} whose image is {@code image} (by identity), looking through fat slices and archive
     * members at any depth; {@code within} itself when it is that image, null when the image is not in it.
     */
    public static CompareSide find(CompareSide within, BinaryImage image) {
        if (within.image() == image) return within;
        if (within.image() instanceof FatImage fat) {
            for (FatSlice s : fat.slices()) {
                if (s.image() == null) continue;
                CompareSide found = find(slice(within, s), image);
                if (found != null) return found;
            }
        } else if (within.image() instanceof dev.crosslens.model.ArchiveImage ar) {
            for (ArchiveMember m : ar.members()) {
                if (m.image() == null) continue;
                CompareSide found = find(member(within, m), image);
                if (found != null) return found;
            }
        }
        return null;
    }

    /**
     * The side to compare against {@code other}, as the CLI picks it: a whole fat file becomes its slice of the
     * other side's arch (or its first readable slice); anything else stays as it is.
     *
     * @throws IllegalArgumentException when a fat file has no readable slice
     */
    public CompareSide against(BinaryImage other) {
        if (part != null || !(image instanceof FatImage)) return this;
        DiffSide picked = DiffSide.pick(file, null, other);
        CompareSide s = find(this, picked.image());
        return s == null ? this : s;
    }

    /** What the engine compares: the image, its name (the CLI's, {@code path [arch]} for a slice) and its size. */
    public DiffSide diffSide() {
        if (part == null) return new DiffSide(file.path(), image, file.size());
        String name = image != null && part.endsWith(" slice") && !part.contains(" / ")
                ? file.path() + " [" + image.core().arch().label() + "]"
                : file.path() + " (" + part + ")";
        return new DiffSide(name, image, size());
    }

    /** Bytes of the compared image: the file's size, or the slice's or member's. */
    public long size() {
        return part == null ? file.size() : Math.max(0, extent.size());
    }

    public boolean isWholeFile() {
        return part == null;
    }

    /** The file record narrowed to the compared image (its size too), as the findings engine checks it. */
    public BinaryFile imageFile() {
        return isWholeFile() ? file : new BinaryFile(file.path(), size(), file.sha256(), image);
    }

    /** The file's name without its folder. */
    public String fileName() {
        Path p = Path.of(file.path()).getFileName();
        return p == null ? file.path() : p.toString();
    }

    private static String join(String outer, String inner) {
        return outer == null ? inner : outer + " / " + inner;
    }
}
