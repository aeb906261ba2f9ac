package dev.crosslens.parsers.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the host's tools are (strace, bwrap, wine64, wineserver, qemu-*-static) and their versions. Looks on
 * PATH and in Debian's wine lib dir; nothing is cached across instances.
 */
public final class HostTools {
    private final List<Path> path;

    /** PATH plus /usr/bin and /usr/sbin. */
    public HostTools() {
        this(System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin") + ":/usr/bin:/usr/sbin");
    }

    /** Exactly these directories (a PATH-style list). */
    public HostTools(String pathVariable) {
        List<Path> p = new ArrayList<>();
        for (String s : pathVariable.split(":")) {
            if (!s.isEmpty()) p.add(Path.of(s));
        }
        this.path = p;
    }

    public Optional<Path> find(String name) {
        for (Path dir : path) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f) && Files.isExecutable(f)) return Optional.of(f);
        }
        return Optional.empty();
    }

    public Path require(String name, String aptPackage, String why) throws ToolMissingException {
        return find(name).orElseThrow(() -> new ToolMissingException(name, aptPackage, why));
    }

    public Path strace() throws ToolMissingException {
        return require("strace", "strace", "it records the system calls");
    }

    /** util-linux setsid: a run without isolation gets its own session and process group. */
    public Optional<Path> setsid() {
        return find("setsid");
    }

    public Path bwrap() throws ToolMissingException {
        return require("bwrap", "bubblewrap", "it isolates the run; --no-isolation runs without it");
    }

    /** The wine64 loader itself (not the {@code wine} wrapper, which warns about wine32 on every run). */
    public Path wine64() throws ToolMissingException {
        for (Path p : List.of(Path.of("/usr/lib/wine/wine64"), Path.of("/usr/lib64/wine/wine64"),
                Path.of("/opt/wine-stable/bin/wine64"))) {
            if (Files.isExecutable(p)) return p;
        }
        return require("wine64", "wine wine64", "it runs Windows x86-64 programs");
    }

    public Path wineserver() throws ToolMissingException {
        // the server binary itself where Debian has it (wineserver is a shell script picking it)
        for (Path p : List.of(Path.of("/usr/lib/wine/wineserver64"), Path.of("/usr/lib/wine/wineserver"),
                Path.of("/usr/lib64/wine/wineserver"))) {
            if (Files.isExecutable(p)) return p;
        }
        return require("wineserver", "wine wine64", "Wine's server does the real file and socket work");
    }

    /** A 32-bit wine loader, when one is installed (Debian's wine32 package); PE32 needs it. */
    public Optional<Path> wine32() {
        for (Path p : List.of(Path.of("/usr/lib/wine/wine"), Path.of("/usr/lib/i386-linux-gnu/wine/wine"))) {
            if (Files.isExecutable(p) && !isScript(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    public Path qemu(String qemuArch) throws ToolMissingException {
        return require("qemu-" + qemuArch + "-static", "qemu-user-static",
                "it emulates " + qemuArch + " programs in user mode");
    }

    private static boolean isScript(Path p) {
        try (var in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(2);
            return b.length == 2 && b[0] == '#' && b[1] == '!';
        } catch (IOException e) {
            return true;
        }
    }

    /** First line of {@code tool --version} (or the given flag), "" when it cannot be read within 5 s. */
    public static String version(Path tool, String flag) {
        try {
            Process p = new ProcessBuilder(List.of(tool.toString(), flag)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
            String s = new String(out, StandardCharsets.UTF_8).strip();
            int nl = s.indexOf('\n');
            return nl > 0 ? s.substring(0, nl) : s;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Versions of the tools a runner uses, for the session header. */
    public static Map<String, String> versions(Map<String, Path> tools) {
        Map<String, String> out = new LinkedHashMap<>();
        tools.forEach((name, p) -> out.put(name, version(p, name.equals("bwrap") ? "--version" : "--version")));
        return out;
    }
}
