package dev.crosslens.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A file on disk and what was read from it.
 *
 * @param path   the path as given
 * @param sha256 lower-case hex digest of the whole file
 */
public record BinaryFile(String path, long size, String sha256, BinaryImage image) {

    /** Every diagnostic of the image and of the images inside it (fat slices, archive members). */
    public List<Diagnostic> allDiagnostics() {
        List<Diagnostic> out = new ArrayList<>();
        collect(image, out);
        return out;
    }

    private static void collect(BinaryImage img, List<Diagnostic> out) {
        out.addAll(img.core().diagnostics());
        for (BinaryImage child : img.children()) {
            collect(child, out);
        }
    }
}
