package dev.crosslens.model.diff;

/** Whole-image totals: the file-size rows of the section diff add up to {@code newFile - oldFile}. */
public record SizeTotals(long oldFile, long newFile, long oldVm, long newVm) {
    public long fileDelta() {
        return newFile - oldFile;
    }

    public long vmDelta() {
        return newVm - oldVm;
    }
}
