package dev.crosslens.parsers.resolve;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.elf.ElfDetails;
import dev.crosslens.model.resolve.LibraryResolution;
import dev.crosslens.model.resolve.ResolutionState;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds a DT_NEEDED library as ld.so does, inside a sysroot: a name with a slash is a path; otherwise DT_RPATH
 * of the requesting object and then of the binary (only when the requester has no DT_RUNPATH), DT_RUNPATH of
 * the requester, the folders of {@code /etc/ld.so.conf} (standing in for {@code ld.so.cache}), the multiarch
 * folders of the binary's arch, {@code /lib64} for 64-bit, and {@code /lib}, {@code /usr/lib}.
 * {@code $ORIGIN} is the requester's folder; LD_LIBRARY_PATH is not used (it belongs to a run, not a sysroot).
 * A file of another ELF class, byte order or machine is skipped, as ld.so skips it.
 */
final class ElfLibrarySearch implements DependencyLoader {
    private final Sysroot sysroot;
    private final LibraryCache cache;
    private final LoadedLibrary root;
    private final ElfDetails rootElf;
    private final List<String> defaultDirs;

    ElfLibrarySearch(Sysroot sysroot, LibraryCache cache, LoadedLibrary root) {
        this.sysroot = sysroot;
        this.cache = cache;
        this.root = root;
        this.rootElf = ((ElfImage) root.image()).elf();
        this.defaultDirs = defaultDirs(sysroot, (ElfImage) root.image());
    }

    /** ld.so.conf folders, multiarch folders, lib64, then /lib and /usr/lib, without repeats. */
    static List<String> defaultDirs(Sysroot sysroot, ElfImage image) {
        Set<String> dirs = new LinkedHashSet<>(sysroot.ldSoConfDirs());
        for (String t : multiarch(image)) {
            dirs.add("/lib/" + t);
            dirs.add("/usr/lib/" + t);
        }
        if ((image.core().bits() == 64)) {
            dirs.add("/lib64");
            dirs.add("/usr/lib64");
        }
        dirs.add("/lib");
        dirs.add("/usr/lib");
        return new ArrayList<>(dirs);
    }

    /** Debian multiarch tuples for the image's machine. */
    static List<String> multiarch(ElfImage image) {
        Arch a = image.core().arch();
        return switch (a) {
            case X86_64 -> (image.core().bits() == 64) ? List.of("x86_64-linux-gnu") : List.of("x86_64-linux-gnux32");
            case X86 -> List.of("i386-linux-gnu");
            case ARM64 -> List.of("aarch64-linux-gnu");
            case ARM -> (image.elf().header().flags() & 0x400) != 0
                    ? List.of("arm-linux-gnueabihf", "arm-linux-gnueabi")
                    : List.of("arm-linux-gnueabi", "arm-linux-gnueabihf");
            case RISCV64 -> List.of("riscv64-linux-gnu");
            case S390X -> List.of("s390x-linux-gnu");
            case PPC64LE -> List.of("powerpc64le-linux-gnu");
            case PPC64 -> List.of("powerpc64-linux-gnu");
            case PPC -> List.of("powerpc-linux-gnu");
            case MIPS -> List.of("mips-linux-gnu");
            case MIPSLE -> List.of("mipsel-linux-gnu");
            case MIPS64 -> List.of("mips64-linux-gnuabi64");
            case MIPS64LE -> List.of("mips64el-linux-gnuabi64");
            case LOONGARCH64 -> List.of("loongarch64-linux-gnu");
            case SPARC64 -> List.of("sparc64-linux-gnu");
            default -> List.of();
        };
    }

    @Override
    public List<String> needs(LoadedLibrary owner) {
        BinaryImage img = owner.image();
        return img instanceof ElfImage ? ((ElfImage) img).elf().needed() : List.of();
    }

    @Override
    public Located locate(LoadedLibrary owner, String name) throws IOException {
        LibraryCache.checkCancelled();
        List<String> searched = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (name.contains("/")) {
            String target = name.startsWith("/") ? name : originOf(owner) + "/" + name;
            searched.add(target);
            Located l = tryFile(target, name, searched, skipped);
            if (l != null) return l;
        } else {
            for (String dir : searchDirs(owner)) {
                if (searched.contains(dir)) continue;
                searched.add(dir);
                Located l = tryFile(dir + "/" + name, name, searched, skipped);
                if (l != null) return l;
            }
        }
        String reason = name + " not found in sysroot " + sysroot.root() + " (searched: " + String.join(", ", searched)
                + ")" + (skipped.isEmpty() ? "" : "; skipped as incompatible: " + String.join(", ", skipped));
        return new Located(new LibraryResolution(name, LibraryKind.NEEDED, null, ResolutionState.UNRESOLVED, reason,
                searched), null);
    }

    /** The folders searched for a plain name asked for by {@code owner}, in order, $ORIGIN expanded. */
    List<String> searchDirs(LoadedLibrary owner) {
        ElfDetails elf = ((ElfImage) owner.image()).elf();
        List<String> dirs = new ArrayList<>();
        if (isBlank(elf.runpath())) {
            dirs.addAll(expand(elf.rpath(), owner));
            if (owner != root && isBlank(rootElf.runpath())) dirs.addAll(expand(rootElf.rpath(), root));
        }
        dirs.addAll(expand(elf.runpath(), owner));
        dirs.addAll(defaultDirs);
        return dirs;
    }

    private List<String> expand(String list, LoadedLibrary owner) {
        List<String> out = new ArrayList<>();
        if (isBlank(list)) return out;
        for (String d : list.split(":")) {
            if (d.isEmpty()) continue;
            String e = d.replace("${ORIGIN}", originOf(owner)).replace("$ORIGIN", originOf(owner))
                    .replace("${LIB}", "lib").replace("$LIB", "lib");
            if (e.contains("$")) continue; // $PLATFORM and unknown tokens: ld.so drops such entries
            out.add(e.replaceAll("/+$", ""));
        }
        return out;
    }

    private static String originOf(LoadedLibrary owner) {
        String t = owner.targetPath();
        int slash = t.lastIndexOf('/');
        return slash <= 0 ? "/" : t.substring(0, slash);
    }

    /**
     * Looks at one candidate: the binary itself may live outside the sysroot, so a target path under its own
     * folder is looked up on the host; everything else is confined to the sysroot.
     */
    private Located tryFile(String target, String name, List<String> searched, List<String> skipped)
            throws IOException {
        Path host = hostPath(target);
        if (host == null || !Files.isRegularFile(host)) return null;
        String why = incompatibility(host);
        if (why != null) {
            skipped.add(target + " (" + why + ")");
            return null;
        }
        BinaryImage img = cache.open(host);
        if (img == null) {
            skipped.add(target + " (" + cache.failure(host) + ")");
            return null;
        }
        LoadedLibrary lib = new LoadedLibrary(name, host, target, img);
        return new Located(new LibraryResolution(name, LibraryKind.NEEDED, target, ResolutionState.RESOLVED, "",
                searched), lib);
    }

    private Path hostPath(String target) {
        if (!sysroot.contains(root.path())) {
            String rootDir = originOf(root);
            if (target.startsWith(rootDir + "/")) return Path.of(target).normalize();
        }
        return sysroot.resolve(target);
    }

    /** Why ld.so would skip this file for the binary (another class, byte order or machine), or null. */
    private String incompatibility(Path host) throws IOException {
        byte[] h = new byte[20];
        int n;
        try (InputStream in = Files.newInputStream(host)) {
            n = in.readNBytes(h, 0, h.length);
        }
        if (n < 20 || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') return "not an ELF file";
        int cls = h[4];
        int data = h[5];
        int machine = data == 2 ? ((h[18] & 0xff) << 8) | (h[19] & 0xff) : ((h[19] & 0xff) << 8) | (h[18] & 0xff);
        var header = rootElf.header();
        if (cls != header.elfClass()) return "ELFCLASS" + (cls == 1 ? 32 : 64);
        if (data != header.data()) return data == 1 ? "little-endian" : "big-endian";
        if (machine != header.machine()) return "e_machine " + machine;
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
