package dev.crosslens.parsers.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Wine prefix made once ({@code wineboot -i}, ~8 s, ~700 MB) under {@code ~/.cache/crosslens/wine-template}
 * and hard-linked into every run dir ({@code cp -al}, ~0.02 s). A hard link shares the file, so the template's
 * files are made read-only and the sandbox drops every capability ({@code --cap-drop ALL}): an in-place write to a
 * linked file fails, while Wine's own updates (registry saved to a temp file and renamed) make new files in the
 * run dir. A run without isolation gets a full copy instead ({@link #copyInto}): without dropped capabilities root
 * writes read-only files, and wineserver opens the registry files for writing in place. Creation holds a file
 * lock, so parallel first runs wait for one another.
 */
public final class WineTemplate {
    private static final String READY = ".crosslens-ready";
    private static final String READ_ONLY = "files read-only";
    private final Path dir;

    public WineTemplate(Path dir) {
        this.dir = dir;
    }

    public static WineTemplate defaultLocation() {
        return new WineTemplate(Path.of(System.getProperty("user.home"), ".cache", "crosslens", "wine-template"));
    }

    public Path prefix() {
        return dir.resolve("prefix");
    }

    public boolean ready() {
        return Files.isRegularFile(dir.resolve(READY)) && Files.isRegularFile(prefix().resolve("system.reg"));
    }

    private boolean readOnly() throws IOException {
        return ready() && Files.readString(dir.resolve(READY)).contains(READ_ONLY);
    }

    /** Makes the template when it is not there yet. */
    public synchronized Path ensure(HostTools tools) throws IOException, SandboxException {
        Files.createDirectories(dir);
        try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            if (readOnly()) return prefix();
            if (ready()) {
                makeReadOnly(prefix());
                Files.writeString(dir.resolve(READY), Files.readString(dir.resolve(READY)) + READ_ONLY + "\n");
                return prefix();
            }
            Path tmp = dir.resolve("prefix.tmp");
            deleteTree(tmp);
            deleteTree(prefix());
            Map<String, String> env = Map.of("WINEPREFIX", tmp.toString(), "WINEDEBUG", "-all",
                    "WINEDLLOVERRIDES", "mscoree,mshtml=", "HOME", System.getProperty("user.home"),
                    "PATH", "/usr/local/bin:/usr/bin:/bin");
            run(List.of(tools.wine64().toString(), "wineboot", "-i"), env, 120);
            run(List.of(tools.wineserver().toString(), "-w"), env, 60);
            if (!Files.isRegularFile(tmp.resolve("system.reg"))) {
                throw new SandboxException("wineboot did not create a prefix in " + tmp);
            }
            makeReadOnly(tmp);
            Files.move(tmp, prefix(), StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(dir.resolve(READY), "made by crosslens with " + tools.wine64() + "\n" + READ_ONLY + "\n");
            return prefix();
        }
    }

    private static void run(List<String> cmd, Map<String, String> env, int seconds) throws IOException, SandboxException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new SandboxException(cmd.get(0) + " " + cmd.get(1) + " took longer than " + seconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while making the wine template", e);
        }
    }

    /** Takes the write bits off every regular file (directories stay: runs get their own). */
    static void makeReadOnly(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(f);
                perms.remove(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
                perms.remove(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE);
                perms.remove(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
                Files.setPosixFilePermissions(f, perms);
            }
        }
    }

    /** {@code cp -al template target}: directories made, files hard-linked, symlinks copied as links. */
    public void linkInto(Path target) throws IOException {
        mirrorInto(target, (f, t) -> Files.createLink(t, f));
    }

    /** A full copy of the template (~700 MB, ~0.8 s from the page cache): shares no file with it. */
    public void copyInto(Path target) throws IOException {
        mirrorInto(target, (f, t) -> {
            Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
            // the copy is the run's own: writable by its owner, as a prefix wine made would be
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(t);
            perms.add(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            Files.setPosixFilePermissions(t, perms);
        });
    }

    /** What becomes of one regular file of the template at its place in the target. */
    private interface FileAction {
        void apply(Path templateFile, Path targetFile) throws IOException;
    }

    /** The template's directories made in {@code target}, its symlinks copied as links, its files given to {@code file}. */
    private void mirrorInto(Path target, FileAction file) throws IOException {
        Path src = prefix();
        Files.walkFileTree(src, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(target.resolve(src.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Path t = target.resolve(src.relativize(f).toString());
                if (a.isSymbolicLink()) {
                    Files.createSymbolicLink(t, Files.readSymbolicLink(f));
                } else if (a.isRegularFile()) {
                    file.apply(f, t);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }
}
