package dev.crosslens.parsers.resolve;

import dev.crosslens.model.BinaryImage;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Opens each library once (by its real path) with a light parse: no relocation entries, no Go analysis, no
 * demangling. Counts the files opened and refuses past the cap, so a hostile sysroot cannot make a resolution
 * open thousands of files. Honours interruption.
 */
final class LibraryCache {
    private final Map<Path, BinaryImage> images = new HashMap<>();
    private final Map<Path, String> failures = new HashMap<>();
    private final int maxFiles;
    private final ParseOptions parseOptions = ParseOptions.defaults().withRelocationEntries(false)
            .withGoAnalysis(false).withDemangle(false);
    private int opened;

    LibraryCache(int maxFiles) {
        this.maxFiles = maxFiles;
    }

    /** The parsed image, or null with {@link #failure(Path)} saying why. */
    BinaryImage open(Path path) throws ParseCancelledException {
        checkCancelled();
        Path key = path.toAbsolutePath().normalize();
        BinaryImage cached = images.get(key);
        if (cached != null || failures.containsKey(key)) return cached;
        if (opened >= maxFiles) {
            failures.put(key, "not opened: the limit of " + maxFiles + " files was reached");
            return null;
        }
        opened++;
        try {
            BinaryImage img = Binaries.open(key, parseOptions).image();
            images.put(key, img);
            return img;
        } catch (ParseCancelledException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            failures.put(key, "cannot read " + key.getFileName() + ": " + e.getMessage());
            return null;
        }
    }

    String failure(Path path) {
        return failures.getOrDefault(path.toAbsolutePath().normalize(), "");
    }

    int opened() {
        return opened;
    }

    static void checkCancelled() throws ParseCancelledException {
        if (Thread.currentThread().isInterrupted()) throw new ParseCancelledException();
    }
}
