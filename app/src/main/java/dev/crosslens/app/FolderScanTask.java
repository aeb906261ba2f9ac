package dev.crosslens.app;

import dev.crosslens.parsers.detect.DetectedFormat;
import dev.crosslens.parsers.detect.FormatDetector;
import dev.crosslens.parsers.io.BinaryReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javafx.concurrent.Task;

/**
 * Expands dropped or opened paths off the FX thread: a file stays as it is (so a non-binary gets its error
 * panel), a folder becomes the binaries inside it (up to {@link #MAX_DEPTH} levels, {@link #MAX_FILES} files),
 * told by their magic numbers.
 */
public final class FolderScanTask extends Task<List<Path>> {
    static final int MAX_DEPTH = 3;
    static final int MAX_FILES = 200;
    private final List<Path> paths;

    public FolderScanTask(List<Path> paths) {
        this.paths = List.copyOf(paths);
    }

    @Override
    protected List<Path> call() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            updateMessage("Scanning " + p);
            try (Stream<Path> s = Files.walk(p, MAX_DEPTH)) {
                for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                    if (isCancelled() || out.size() >= MAX_FILES) break;
                    if (isBinary(f)) out.add(f);
                }
            }
        }
        return out;
    }

    static boolean isBinary(Path f) {
        byte[] head;
        try (InputStream in = Files.newInputStream(f)) {
            head = in.readNBytes(4096);
        } catch (IOException e) {
            return false; // unreadable files in a folder are skipped, as a file manager would
        }
        return new FormatDetector().detect(BinaryReader.of(head)) != DetectedFormat.NOT_BINARY;
    }
}
