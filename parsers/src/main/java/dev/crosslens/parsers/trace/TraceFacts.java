package dev.crosslens.parsers.trace;

import dev.crosslens.model.trace.TraceCategory;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSource;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an event touched, read from its printed arguments: a path, a network endpoint, a started program. */
public final class TraceFacts {
    private static final Pattern INET = Pattern.compile(
            "sin_port=htons\\((\\d+)\\), ?sin_addr=inet_addr\\(\"([^\"]+)\"\\)");
    private static final Pattern INET6 = Pattern.compile(
            "sin6_port=htons\\((\\d+)\\).*?inet_pton\\(AF_INET6, \"([^\"]+)\"");
    private static final Pattern UNIX = Pattern.compile("sun_path=(@?\"[^\"]*\")");
    private static final Pattern WINE_ADDR = Pattern.compile("address ([0-9a-fA-F.:]+), port (\\d+)");
    private static final Set<String> EXEC = Set.of("execve", "execveat");

    private TraceFacts() {
    }

    /** The file path an event names (first quoted argument of a file call, or a Wine L"..." path). */
    public static String path(TraceEvent e) {
        if (e.source() == TraceSource.WINDOWS_API) {
            for (String a : e.arguments()) {
                int l = a.indexOf("L\"");
                if (l >= 0) return TraceArgs.firstQuoted(a.substring(l + 1)).replace("\\\\", "\\");
            }
            return null;
        }
        if (!PATH_CALLS.contains(e.name())) return null;
        for (String a : e.arguments()) {
            if (!a.isEmpty() && a.charAt(0) == '"') {
                String p = TraceArgs.firstQuoted(a);
                return p == null || p.isEmpty() ? null : p;
            }
        }
        return null;
    }

    /** Syscalls whose first quoted argument is a path (read/write buffers are quoted too, and are not). */
    private static final Set<String> PATH_CALLS = Set.of("open", "openat", "openat2", "creat", "stat", "lstat",
            "newfstatat", "fstatat64", "stat64", "lstat64", "statx", "access", "faccessat", "faccessat2", "unlink",
            "unlinkat", "rename", "renameat", "renameat2", "mkdir", "mkdirat", "rmdir", "chmod", "fchmodat", "chown",
            "fchownat", "lchown", "readlink", "readlinkat", "execve", "execveat", "truncate", "symlink", "symlinkat",
            "link", "linkat", "chdir", "utimensat", "inotify_add_watch", "mknod", "mknodat", "statfs", "statfs64",
            "getxattr", "lgetxattr", "setxattr", "lsetxattr", "listxattr", "llistxattr", "chroot", "mount", "umount2",
            "uselib", "swapon", "acct");

    /** "127.0.0.1:80", "[::1]:80", "unix:/path"; null when the event names no endpoint. */
    public static String endpoint(TraceEvent e) {
        if (e.category() != TraceCategory.NETWORK) return null;
        for (String a : e.arguments()) {
            if (a.indexOf('{') < 0 && a.indexOf("address") < 0) continue;
            Matcher m = INET.matcher(a);
            if (m.find()) return m.group(2) + ":" + m.group(1);
            m = INET6.matcher(a);
            if (m.find()) return "[" + m.group(2) + "]:" + m.group(1);
            m = UNIX.matcher(a);
            if (m.find()) return "unix:" + TraceArgs.firstQuoted(m.group(1));
            m = WINE_ADDR.matcher(a);
            if (m.find()) return m.group(1) + ":" + m.group(2);
        }
        return null;
    }

    /** The program an exec or CreateProcess starts, null for other events. */
    public static String startedProgram(TraceEvent e) {
        if (e.source() != TraceSource.WINDOWS_API && EXEC.contains(e.name())) {
            String p = path(e);
            // wine64 PROGRAM: the Windows program is argv[1]
            if (p != null && (p.endsWith("/wine64") || p.endsWith("/wine")) && e.arguments().size() > 1) {
                java.util.List<String> argv = TraceArgs.split(stripBrackets(e.argument(1)));
                if (argv.size() > 1) return TraceArgs.firstQuoted(argv.get(1));
            }
            return p;
        }
        if (e.source() == TraceSource.WINDOWS_API) {
            String bare = TraceMapping.bareApiName(e.name());
            if (bare.startsWith("CreateProcess") || bare.equals("NtCreateUserProcess") || bare.startsWith("ShellExecute")
                    || bare.equals("WinExec")) {
                for (String a : e.arguments()) {
                    int l = a.indexOf("L\"");
                    if (l >= 0) return TraceArgs.firstQuoted(a.substring(l + 1)).replace("\\\\", "\\");
                }
            }
        }
        return null;
    }

    private static final Set<String> WINE_LOADERS = Set.of("wine", "wine64", "wine-preloader", "wine64-preloader",
            "wineserver", "wineserver32", "wineserver64");

    /** An exec of one of Wine's own binaries (its loader, preloader or server). */
    public static boolean isWineLoaderExec(TraceEvent e) {
        if (e.source() == TraceSource.WINDOWS_API || !EXEC.contains(e.name())) return false;
        String p = path(e);
        return p != null && WINE_LOADERS.contains(baseName(p));
    }

    static String stripBrackets(String s) {
        if (s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') return s.substring(1, s.length() - 1);
        return s;
    }

    /** Last path element, for display ("/usr/bin/ls" -> "ls", "C:\\x\\a.exe" -> "a.exe"). */
    public static String baseName(String p) {
        if (p == null) return "";
        int i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        return i >= 0 ? p.substring(i + 1) : p;
    }
}
