package dev.crosslens.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.concurrent.Task;

/**
 * The sample binaries that ship inside the app's jar ({@code /samples}, listed by {@code samples.list}, built
 * from {@code resources/samples}). Help > Open samples copies them to a cache folder (once per content) and opens
 * them (rwxr-xr-x where the file system has POSIX permissions); this works the same from ./crosslens, the plain jar
 * and the jpackage image.
 */
public final class Samples {
    private final Path cacheDir;

    public Samples(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** ~/.cache/crosslens/samples (XDG_CACHE_HOME when set). */
    public static Samples userCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new Samples(base.resolve("crosslens").resolve("samples"));
    }

    /** The names the jar carries; empty when the build did not include them. */
    public static List<String> names() throws IOException {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/samples.list")) {
            if (in == null) return List.of();
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) out.add(line.trim());
            }
            return out;
        }
    }

    /** A task that copies the samples out and returns their paths. */
    public Task<List<Path>> extractTask() {
        return new Task<>() {
            @Override
            protected List<Path> call() throws IOException {
                return extract();
            }
        };
    }

    /** rwxr-xr-x, as a build leaves a program, so a sample can be run from a shell; a no-op off POSIX file systems. */
    static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private static void executable(Path p) throws IOException {
        if (!Files.getFileStore(p).supportsFileAttributeView(PosixFileAttributeView.class)) return;
        if (!Files.getPosixFilePermissions(p).equals(EXECUTABLE)) Files.setPosixFilePermissions(p, EXECUTABLE);
    }

    public List<Path> extract() throws IOException {
        List<String> names = names();
        if (names.isEmpty()) throw new IOException("this build carries no samples (/samples/samples.list missing)");
        Files.createDirectories(cacheDir);
        List<Path> out = new ArrayList<>();
        for (String n : names) {
            if (n.contains("/") || n.contains("\\") || n.startsWith(".")) continue;
            Path target = cacheDir.resolve(n);
            try (InputStream in = Samples.class.getResourceAsStream("/samples/" + n)) {
                if (in == null) throw new IOException("sample " + n + " listed but not in the jar");
                byte[] data = in.readAllBytes();
                if (!Files.isRegularFile(target) || Files.size(target) != data.length
                        || !java.util.Arrays.equals(Files.readAllBytes(target), data)) {
                    Path tmp = Files.createTempFile(cacheDir, n, ".part");
                    Files.write(tmp, data);
                    executable(tmp);
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    executable(target); // a copy made before the samples were made executable
                }
            }
            out.add(target);
        }
        return out;
    }
}
