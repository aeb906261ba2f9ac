package dev.crosslens.parsers.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fixtures built from committed source: each folder {@code resources/fixtures/NAME/} holds sources and a
 * {@code recipe.sh} that is run as {@code recipe.sh OUTDIR} in that folder. Outputs go to
 * {@code target/fixtures/NAME/} at the project root and are rebuilt when any file of the folder changes
 * (a content hash is kept in {@code .recipe-hash}). A recipe that exits 77 means "a tool is missing here": the
 * test is skipped with the recipe's message; any other failure fails the test.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path projectRoot() {
        String prop = System.getProperty("project.root");
        Path p = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("resources/fixtures"))) {
            p = p.getParent();
        }
        if (p == null) throw new IllegalStateException("cannot find resources/fixtures above " + prop);
        return p;
    }

    /** Builds (if needed) and returns the output folder of fixture {@code name}. */
    public static synchronized Path dir(String name) {
        Path root = projectRoot();
        Path src = root.resolve("resources/fixtures").resolve(name);
        if (!Files.isRegularFile(src.resolve("recipe.sh"))) {
            throw new IllegalArgumentException("no recipe " + src.resolve("recipe.sh"));
        }
        Path out = root.resolve("target/fixtures").resolve(name);
        try {
            Files.createDirectories(out);
            try (FileChannel ch = FileChannel.open(root.resolve("target/fixtures").resolve(name + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                String hash = hash(src);
                Path stamp = out.resolve(".recipe-hash");
                if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(hash)) {
                    return out;
                }
                run(src, out);
                Files.writeString(stamp, hash);
                return out;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file built by fixture {@code name}; skips when the recipe says a tool is missing. */
    public static Path file(String name, String relative) {
        Path p = dir(name).resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("fixture " + name + " did not produce " + relative);
        }
        return p;
    }

    private static void run(Path src, Path out) throws IOException {
        Path log = out.resolve("recipe.log");
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", "recipe.sh", out.toAbsolutePath().toString()))
                .directory(src.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("recipe " + src + " took longer than 15 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + src, e);
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() == 77) {
            Assumptions.abort("fixture " + src.getFileName() + " cannot be built here: " + text.strip());
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("recipe " + src + " failed (" + p.exitValue() + "):\n" + text);
        }
    }

    private static String hash(Path src) throws IOException {
        try (Stream<Path> files = Files.walk(src)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                md.update(src.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
