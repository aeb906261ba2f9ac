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
 * @param cxxabi         the newest CXXABI_ version of that libstdc++, null when not stated
 * @param armVersion     the ARM architecture version of the target CPU (6, 7, 8), null when not stated
 * @param goamd64        the amd64 micro-architecture level every CPU of the target has ({@code v1}), null when
 *                       not stated
 * @param requiresSignedArm64 arm64 Mach-O code must carry a signature (Apple Silicon)
 * @param loaders        ELF interpreters the target has
 * @param baseLibraries  shared libraries every installation has ({@code libc.so.6}, {@code KERNEL32.dll});
 *                       {@code *} matches any run of characters, names compare case-insensitively
 * @param apiFloors      the OS version a library (an API set contract) or an imported function first appeared in,
 *                       where it matters (Windows: WaitOnAddress needs Windows 8)
 * @param sources        where the numbers come from
 */
public record TargetProfile(String id, String name, TargetOs os, String osVersion, Arch arch,
                            List<ArchCompat> alsoRuns, LibcFlavor libc, String libcVersion, String glibcxx,
                            String cxxabi, Integer armVersion, String goamd64, boolean requiresSignedArm64,
                            List<String> loaders, List<String> baseLibraries, List<ApiFloor> apiFloors, String notes,
                            List<String> sources) {
    public TargetProfile {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        os = os == null ? TargetOs.UNKNOWN : os;
        arch = arch == null ? Arch.UNKNOWN : arch;
        alsoRuns = alsoRuns == null ? List.of() : List.copyOf(alsoRuns);
        libc = libc == null ? LibcFlavor.UNKNOWN : libc;
        loaders = loaders == null ? List.of() : List.copyOf(loaders);
        baseLibraries = baseLibraries == null ? List.of() : List.copyOf(baseLibraries);
        apiFloors = apiFloors == null ? List.of() : List.copyOf(apiFloors);
        notes = notes == null ? "" : notes;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /**
     * Another architecture the target runs.
     *
     * @param staticOnly only statically linked binaries (the kernel runs them, but no libraries for that arch are
     *                   installed by default)
     * @param how        for people: {@code WOW64}, {@code Rosetta 2}, {@code IA-32 emulation}
     * @param goamd64    for amd64 through emulation: the highest x86-64 level the emulator runs ({@code v2} for
     *                   Rosetta 2 on macOS 11 to 14, which has no AVX), null when not stated
     * @param source     where that level comes from
     * @param condition  what the host must have for it to run, when the profile cannot promise it (the CPU of the
     *                   machine a container runs on); null when it always runs
     */
    public record ArchCompat(Arch arch, boolean staticOnly, String how, String goamd64, String source,
                             String condition) {
        public ArchCompat {
            Objects.requireNonNull(arch, "arch");
            how = how == null ? "" : how;
            source = source == null ? "" : source;
        }

        public ArchCompat(Arch arch, boolean staticOnly, String how) {
            this(arch, staticOnly, how, null, null, null);
        }
    }

    /**
     * The first OS version that has a library or an imported function.
     *
     * @param libraries  the DLLs it is imported from, lower case ({@code kernel32.dll}, an API set contract)
     * @param function   the function; null when the floor is the library's own (an API set contract)
     * @param minVersion the first OS version that has it ({@code 6.2}), compared with {@code osVersion}
     * @param label      for people ({@code Windows 8})
     * @param source     where it says so
     */
    public record ApiFloor(List<String> libraries, String function, String minVersion, String label, String source) {
        public ApiFloor {
            libraries = libraries.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT)).toList();
            Objects.requireNonNull(minVersion, "minVersion");
            label = label == null ? minVersion : label;
            source = source == null ? "" : source;
        }

        boolean matches(String library, String fn) {
            if (!libraries.contains(library.toLowerCase(java.util.Locale.ROOT))) return false;
            return function == null ? fn == null : function.equals(fn);
        }
    }

    /** The floor of {@code function} imported from {@code library} (or of the library itself when null). */
    public ApiFloor apiFloor(String library, String function) {
        for (ApiFloor f : apiFloors) {
            if (f.matches(library, function)) return f;
        }
        return null;
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
