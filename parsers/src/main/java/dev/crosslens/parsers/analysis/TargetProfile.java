package dev.crosslens.parsers.analysis;

import dev.crosslens.model.Arch;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.TargetOs;

import java.util.List;
import java.util.Objects;

/**
 * A machine a binary is meant to run on, as {@code resources/data/targets/*.json} describes it (see the README
 * there for every field and where each number comes from).
 *
 * @param osVersion      Linux: kernel version; Windows: NT version ({@code 6.1}, {@code 10.0}); macOS: its version;
 *                       BSD: release. Null when not stated (a container image runs on whatever kernel).
 * @param alsoRuns       other architectures the target runs (WOW64, Rosetta 2, IA-32 emulation)
 * @param libc           the C runtime it provides: GLIBC, MUSL, NONE (distroless static), or UNKNOWN where the
 *                       system library is not a choice (Windows, macOS, BSD)
 * @param libcVersion    glibc or musl version ({@code 2.36}), null when not stated
 * @param glibcxx        the newest GLIBCXX_ version the distribution's libstdc++ provides, null when not stated
 * @param armVersion     the ARM architecture version of the target CPU (6, 7, 8), null when not stated
 * @param goamd64        the amd64 micro-architecture level every CPU of the target has ({@code v1}), null when
 *                       not stated
 * @param requiresSignedArm64 arm64 Mach-O code must carry a signature (Apple Silicon)
 * @param loaders        ELF interpreters the target has
 * @param baseLibraries  shared libraries every installation has ({@code libc.so.6}, {@code KERNEL32.dll});
 *                       {@code *} matches any run of characters, names compare case-insensitively
 * @param sources        where the numbers come from
 */
public record TargetProfile(String id, String name, TargetOs os, String osVersion, Arch arch,
                            List<ArchCompat> alsoRuns, LibcFlavor libc, String libcVersion, String glibcxx,
                            Integer armVersion, String goamd64, boolean requiresSignedArm64, List<String> loaders,
                            List<String> baseLibraries, String notes, List<String> sources) {
    public TargetProfile {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        os = os == null ? TargetOs.UNKNOWN : os;
        arch = arch == null ? Arch.UNKNOWN : arch;
        alsoRuns = alsoRuns == null ? List.of() : List.copyOf(alsoRuns);
        libc = libc == null ? LibcFlavor.UNKNOWN : libc;
        loaders = loaders == null ? List.of() : List.copyOf(loaders);
        baseLibraries = baseLibraries == null ? List.of() : List.copyOf(baseLibraries);
        notes = notes == null ? "" : notes;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /**
     * Another architecture the target runs.
     *
     * @param staticOnly only statically linked binaries (the kernel runs them, but no libraries for that arch are
     *                   installed by default)
     * @param how        for people: {@code WOW64}, {@code Rosetta 2}, {@code IA-32 emulation}
     */
    public record ArchCompat(Arch arch, boolean staticOnly, String how) {
        public ArchCompat {
            Objects.requireNonNull(arch, "arch");
            how = how == null ? "" : how;
        }
    }

    /** True when every installation of the target has {@code library}. */
    public boolean hasBaseLibrary(String library) {
        String lib = library.toLowerCase(java.util.Locale.ROOT);
        for (String pattern : baseLibraries) {
            String regex = java.util.regex.Pattern.quote(pattern.toLowerCase(java.util.Locale.ROOT))
                    .replace("*", "\\E.*\\Q");
            if (lib.matches(regex)) return true;
        }
        return false;
    }

    /** How this target runs {@code a}: null when it does not. */
    public ArchCompat compat(Arch a) {
        for (ArchCompat c : alsoRuns) {
            if (c.arch() == a) return c;
        }
        return null;
    }
}
