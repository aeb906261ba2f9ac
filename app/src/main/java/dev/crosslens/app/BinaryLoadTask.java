package dev.crosslens.app;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.parsers.analysis.FileBytes;
import dev.crosslens.parsers.analysis.FindingsEngine;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseMonitor;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;
import dev.crosslens.parsers.io.UnsupportedFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import javafx.concurrent.Task;

/**
 * Opens one file off the FX thread: parses it through the engine and keeps its bytes for the hex view. A file
 * that cannot be opened is a {@link LoadFailure} result, not an exception.
 */
public final class BinaryLoadTask extends Task<BinaryLoadTask.Result> {
    /** Files up to this size are copied to the heap, larger ones are mapped read-only. */
    static final long HEAP_COPY_LIMIT = 64L << 20;
    private static final int AROUND = 64;

    /** Either a file and its bytes, or why not. */
    public record Result(BinaryFile file, ByteBuffer bytes, List<Finding> findings, LoadFailure failure) {
    }

    private final Path path;
    private final ParseOptions options;

    public BinaryLoadTask(Path path, ParseOptions options) {
        this.path = path;
        this.options = options;
        updateTitle(path.getFileName() == null ? path.toString() : path.getFileName().toString());
    }

    @Override
    protected Result call() throws Exception {
        StagedProgress bar = new StagedProgress();
        ParseMonitor monitor = new ParseMonitor() {
            @Override
            public void progress(String stage, long done, long total) {
                updateMessage(stage);
                updateProgress(bar.report(stage, done, total), 1.0);
            }

            @Override
            public boolean isCancelled() {
                return BinaryLoadTask.this.isCancelled();
            }
        };
        updateMessage("Reading " + path.getFileName());
        try {
            BinaryFile file = Binaries.open(path, options.withMonitor(monitor));
            if (isCancelled()) return null;
            updateMessage("Checking findings");
            updateProgress(bar.advanceTo(StagedProgress.ENGINE_END), 1.0);
            List<Finding> findings;
            try (FileBytes bytes = FileBytes.open(path)) {
                findings = FindingsEngine.standard().run(file, null, null, bytes);
            }
            if (isCancelled()) return null;
            updateMessage("Loading bytes");
            updateProgress(bar.advanceTo(0.95), 1.0);
            Result done = new Result(file, readBytes(path), findings, null);
            updateMessage("Loaded");
            updateProgress(1.0, 1.0);
            return done;
        } catch (ParseCancelledException e) {
            cancel(false);
            return null;
        } catch (MalformedBinaryException e) {
            long at = Math.max(0, e.offset() - AROUND / 2) & ~15L;
            return new Result(null, null, List.of(), new LoadFailure("malformed", "Malformed binary", e.getMessage(),
                    e.offset(), at, around(at)));
        } catch (UnsupportedFormatException e) {
            return new Result(null, null, List.of(), new LoadFailure("not-a-binary", "Not a binary: " + e.what(),
                    e.getMessage(), -1, 0, around(0)));
        } catch (NoSuchFileException e) {
            return new Result(null, null, List.of(), new LoadFailure("io", "File not found", "no such file: " + path,
                    -1, 0, new byte[0]));
        } catch (IOException e) {
            return new Result(null, null, List.of(), new LoadFailure("io", "Could not read the file",
                    e.getClass().getSimpleName() + ": " + e.getMessage(), -1, 0, around(0)));
        }
    }

    private byte[] around(long offset) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (offset >= size) return new byte[0];
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(AROUND, size - offset));
            while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                // keep reading until full or EOF
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static ByteBuffer readBytes(Path path) throws IOException {
        long size = Files.size(path);
        if (size <= HEAP_COPY_LIMIT) {
            return ByteBuffer.wrap(Files.readAllBytes(path)).asReadOnlyBuffer();
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE));
        }
    }
}
