package dev.crosslens.parsers.resolve;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A folder that stands for {@code /} of a target system. Paths inside it are resolved component by component,
 * following symlinks by hand so that nothing escapes it: an absolute link target is re-rooted at the sysroot,
 * {@code ..} stops at the sysroot, and a chain of more than 40 links is refused (as the kernel's ELOOP).
 */
public final class Sysroot {
    private static final int MAX_LINKS = 40;
    private static final int MAX_CONF_FILES = 64;
    private static final int MAX_CONF_DIRS = 256;
    private final Path root;

    public Sysroot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * The file or folder that target path {@code targetPath} (absolute, as the target sees it) names inside the
     * sysroot, or null when it does not exist there.
     */
    public Path resolve(String targetPath) {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, targetPath);
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (!done.isEmpty()) done.remove(done.size() - 1);
                continue;
            }
            Path p = host(done).resolve(c);
            if (Files.isSymbolicLink(p)) {
                if (++links > MAX_LINKS) return null;
                String target;
                try {
                    target = Files.readSymbolicLink(p).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    return null;
                }
                if (target.startsWith("/")) done.clear();
                push(todo, target);
                continue;
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return null;
            done.add(c);
        }
        return host(done);
    }

    /** The target's view of a host path inside the sysroot ({@code /usr/lib/libc.so.6}). */
    public String targetPath(Path hostPath) {
        Path rel = root.relativize(hostPath.toAbsolutePath().normalize());
        return "/" + rel.toString().replace('\\', '/');
    }

    public boolean contains(Path hostPath) {
        return hostPath.toAbsolutePath().normalize().startsWith(root);
    }

    private Path host(List<String> parts) {
        Path p = root;
        for (String s : parts) p = p.resolve(s);
        return p;
    }

    /** Pushes the components of {@code path} in front of what is left to walk. */
    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) todo.addFirst(parts[i]);
    }

    /**
     * The folders {@code /etc/ld.so.conf} lists, with its {@code include} files (globs relative to the including
     * file's folder), in order, as target paths. Empty when there is no such file. {@code hwcap} lines are
     * ignored; the walk is capped at 64 files and 256 folders.
     */
    public List<String> ldSoConfDirs() {
        Set<String> dirs = new LinkedHashSet<>();
        Set<Path> seen = new LinkedHashSet<>();
        readConf("/etc/ld.so.conf", dirs, seen);
        return new ArrayList<>(dirs);
    }

    private void readConf(String targetFile, Set<String> dirs, Set<Path> seen) {
        Path f = resolve(targetFile);
        if (f == null || !Files.isRegularFile(f) || seen.size() >= MAX_CONF_FILES || !seen.add(f)) return;
        List<String> lines;
        try {
            if (Files.size(f) > 1 << 20) return;
            lines = Files.readAllLines(f);
        } catch (IOException e) {
            return;
        }
        String folder = targetFile.substring(0, Math.max(1, targetFile.lastIndexOf('/')));
        for (String raw : lines) {
            String line = raw.replaceAll("#.*", "").strip();
            if (line.isEmpty() || line.startsWith("hwcap")) continue;
            if (line.startsWith("include") && line.length() > 7 && Character.isWhitespace(line.charAt(7))) {
                for (String pattern : line.substring(8).strip().split("\\s+")) {
                    String abs = pattern.startsWith("/") ? pattern : folder + "/" + pattern;
                    for (String match : glob(abs)) readConf(match, dirs, seen);
                }
                continue;
            }
            for (String d : line.split("[:,\\s]+")) {
                if (d.startsWith("/") && dirs.size() < MAX_CONF_DIRS) dirs.add(d.replaceAll("/+$", ""));
            }
        }
    }

    /** Files matching a glob in its last component only ({@code /etc/ld.so.conf.d/*.conf}), sorted. */
    private List<String> glob(String pattern) {
        int slash = pattern.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : pattern.substring(0, slash);
        String name = pattern.substring(slash + 1);
        List<String> out = new ArrayList<>();
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            out.add(pattern);
            return out;
        }
        Path hostDir = resolve(dir);
        if (hostDir == null || !Files.isDirectory(hostDir)) return out;
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(hostDir)) {
            for (Path p : ds) {
                if (m.matches(p.getFileName()) && out.size() < MAX_CONF_FILES) {
                    out.add(dir + "/" + p.getFileName());
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }
}
