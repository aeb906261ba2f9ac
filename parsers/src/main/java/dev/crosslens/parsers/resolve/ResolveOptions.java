package dev.crosslens.parsers.resolve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where and how far to resolve.
 *
 * @param sysroot        ELF: the target's {@code /}; PE: the folder of DLLs; Mach-O: an SDK folder (unused yet).
 *                       Null picks the default: this machine's {@code /}, Wine's DLL folder for PE
 * @param maxDepth       depth of the dependency tree (the binary is depth 0)
 * @param maxFiles       libraries opened at most (across the tree and the global scope)
 * @param maxForwarders  PE export forwarder hops followed at most
 */
public record ResolveOptions(Path sysroot, int maxDepth, int maxFiles, int maxForwarders) {
    /** Where Debian's wine64 puts its PE DLLs. */
    public static final List<String> WINE_DLL_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu/wine/x86_64-windows", "/usr/lib/wine/x86_64-windows",
            "/usr/local/lib/wine/x86_64-windows", "/opt/wine-stable/lib64/wine/x86_64-windows");
    public static final List<String> WINE_DLL_DIRS_32 = List.of(
            "/usr/lib/i386-linux-gnu/wine/i386-windows", "/usr/lib/x86_64-linux-gnu/wine/i386-windows",
            "/usr/lib/wine/i386-windows", "/usr/local/lib/wine/i386-windows",
            "/opt/wine-stable/lib/wine/i386-windows");

    public static ResolveOptions defaults() {
        return new ResolveOptions(null, 8, 512, 8);
    }

    public ResolveOptions withSysroot(Path dir) {
        return new ResolveOptions(dir, maxDepth, maxFiles, maxForwarders);
    }

    public ResolveOptions withMaxDepth(int depth) {
        return new ResolveOptions(sysroot, depth, maxFiles, maxForwarders);
    }

    public ResolveOptions withMaxFiles(int files) {
        return new ResolveOptions(sysroot, maxDepth, files, maxForwarders);
    }

    /** Wine's DLL folder for 64-bit ({@code pe32Plus}) or 32-bit images on this machine, or null when absent. */
    public static Path wineDllDir(boolean pe32Plus) {
        for (String d : pe32Plus ? WINE_DLL_DIRS : WINE_DLL_DIRS_32) {
            Path p = Path.of(d);
            if (Files.isDirectory(p)) return p;
        }
        return null;
    }
}
