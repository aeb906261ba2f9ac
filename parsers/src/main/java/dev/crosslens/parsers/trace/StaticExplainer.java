package dev.crosslens.parsers.trace;

import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Library;
import dev.crosslens.model.resolve.LibraryResolution;
import dev.crosslens.model.resolve.Resolution;
import dev.crosslens.model.resolve.ResolutionState;
import dev.crosslens.model.resolve.SymbolResolution;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Links run-time failures to what the static side of the binary says.
 * <ul>
 *   <li>ELF: ENOENT on the interpreter (PT_INTERP), also when the kernel reports it as the program's own
 *       {@code execve} failing (the interpreter is what is missing, not the program), with the libc mismatch
 *       finding when the interpreter is another C library's loader; ENOENT on a library named by NEEDED.</li>
 *   <li>PE under Wine: Wine's file probes for DLLs are its search, not failures, and get no note; a DLL Wine says it
 *       could not load points at the import descriptor that names it (and the resolution's reason);
 *       {@code STATUS_DLL_NOT_FOUND} (c0000135) and its kin are spelled out with the DLL Wine named; a call of an
 *       unimplemented function points at the import and at what the resolution says about it.</li>
 * </ul>
 * Keeps a little state (the DLL Wine last could not load, per process): one per run.
 */
public final class StaticExplainer {
    private static final Map<String, String> STATUS = Map.of(
            "c0000135", "STATUS_DLL_NOT_FOUND",
            "c0000139", "STATUS_ENTRYPOINT_NOT_FOUND",
            "c000007b", "STATUS_INVALID_IMAGE_FORMAT",
            "c0000142", "STATUS_DLL_INIT_FAILED");

    private final ImageCore core;
    private final Resolution resolution;
    private final String program;
    private final Map<Integer, String> missingDll = new HashMap<>();

    public StaticExplainer(ImageCore core) {
        this(core, null, null);
    }

    /**
     * @param resolution what the imports resolve to (the run's folder and Wine's DLLs for PE), null when not known
     * @param program    the program's file name, null when not known
     */
    public StaticExplainer(ImageCore core, Resolution resolution, String program) {
        this.core = core;
        this.resolution = resolution;
        this.program = program;
    }

    public TraceEvent explain(TraceEvent e) {
        if (core == null) return e;
        boolean pe = core.format() == BinaryFormat.PE;
        if (e.source() == TraceSource.WINDOWS_API) return pe ? explainWine(e) : e;
        if (pe) return e; // Wine looks for DLLs in several folders: a miss is its search, and Wine says what failed
        if (!"ENOENT".equals(e.errno())) return e;
        String path = TraceFacts.path(e);
        if (path == null) return e;
        String interp = core.linkage().interpreter();
        if (interp != null && path.equals(interp)) {
            return e.withNote("the ELF interpreter " + interp + " named by PT_INTERP is not installed here: "
                    + "the binary cannot start (install the target's libc or give a sysroot)" + libcMismatch(interp));
        }
        boolean exec = "execve".equals(e.name()) || "execveat".equals(e.name());
        if (exec && interp != null && core.linkage().dynamic() && isProgram(path)) {
            return e.withNote("execve reports ENOENT for the ELF interpreter, not the program: PT_INTERP names "
                    + interp + ", which is not installed here" + libcMismatch(interp));
        }
        String base = TraceFacts.baseName(path);
        for (Library lib : core.libraries()) {
            if (lib.name().equals(base)) {
                return e.withNote("NEEDED " + lib.name() + " (dynamic section) is not at " + path
                        + (core.rpaths().isEmpty() ? "" : "; RPATH/RUNPATH " + core.rpaths()));
            }
        }
        return e;
    }

    private boolean isProgram(String path) {
        return program == null || TraceFacts.baseName(path).equals(program);
    }

    /** The libc mismatch finding, when the interpreter is another C library's loader than this machine's. */
    private String libcMismatch(String interp) {
        LibcFlavor flavor = core.linkage().libc();
        boolean musl = interp.contains("ld-musl") || flavor == LibcFlavor.MUSL;
        boolean hostMusl = hasMuslLoader();
        if (musl && !hostMusl) {
            return "; the binary is built against musl and this machine's C library is glibc (finding "
                    + "target.libc-mismatch: build against the target's libc, or link statically)";
        }
        if (!musl && hostMusl && interp.contains("ld-linux")) {
            return "; the binary is built against glibc and this machine's C library is musl (finding "
                    + "target.libc-mismatch)";
        }
        return "";
    }

    private static boolean hasMuslLoader() {
        try (var s = Files.list(Path.of("/lib"))) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"))
                    && !Files.exists(Path.of("/lib64/ld-linux-x86-64.so.2"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private TraceEvent explainWine(TraceEvent e) {
        String fn = TraceMapping.bareApiName(e.name());
        if ("import_dll".equals(fn) && "not found".equals(e.errno())) {
            String dll = e.argument(0);
            missingDll.put(e.pid(), dll);
            Library lib = directImport(dll);
            if (lib != null) {
                return e.withNote("the import descriptor for " + lib.name() + " (offset " + lib.extent().offset()
                        + ") is in the program's own import table; Wine found neither a builtin nor a native DLL of "
                        + "that name" + libraryReason(dll));
            }
            String by = TraceFacts.baseName(TraceArgs.firstQuoted(e.argument(1)) == null ? e.argument(1)
                    : TraceArgs.firstQuoted(e.argument(1)).replace("\\\\", "\\"));
            return e.withNote(dll + " is needed by " + by + ", a DLL the program loads, not by the program's own "
                    + "imports");
        }
        if ("LdrInitializeThunk".equals(fn) || "load_dll".equals(fn)) {
            String text = String.join(", ", e.arguments());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("status ([0-9a-f]{8})").matcher(text);
            if (m.find()) {
                String code = m.group(1);
                String name = STATUS.getOrDefault(code, "NTSTATUS " + code);
                String dll = missingDll.get(e.pid());
                String why = switch (code) {
                    case "c0000135" -> dll != null ? dll + " could not be loaded (Wine said so just before), so the "
                            + "process cannot start" : "a DLL it imports could not be loaded, so the process cannot start";
                    case "c0000139" -> "a function it imports is not exported by its DLL";
                    case "c000007b" -> "a DLL it loads is not a valid image for this process (another architecture?)";
                    case "c0000142" -> "a DLL's initialisation failed";
                    default -> "the process could not be initialised";
                };
                return e.withNote(name + " (" + code + "): " + why);
            }
            return e;
        }
        if ("unimplemented_function".equals(fn)) {
            String dll = e.argument(0);
            String function = e.argument(1);
            Library lib = directImport(dll);
            SymbolResolution s = symbol(dll, function);
            StringBuilder n = new StringBuilder();
            n.append(dll).append('!').append(function);
            if (lib != null) {
                n.append(" is imported by the program's import descriptor for ").append(lib.name()).append(" (offset ")
                        .append(lib.extent().offset()).append(')');
            } else {
                n.append(" is not imported by the program itself: a DLL it loads imports it");
            }
            if (s != null && s.state() == ResolutionState.UNRESOLVED) {
                n.append("; resolved against the run's folder and Wine's DLLs: ").append(s.reason());
            }
            n.append("; Wine put a stub there that aborts the process when it is called");
            return e.withNote(n.toString());
        }
        return e;
    }

    private Library directImport(String dll) {
        for (Library lib : core.libraries()) {
            if (lib.name().equalsIgnoreCase(dll)) return lib;
        }
        return null;
    }

    private String libraryReason(String dll) {
        if (resolution == null) return "";
        for (LibraryResolution l : resolution.libraries()) {
            if (l.name().equalsIgnoreCase(dll) && l.state() != ResolutionState.RESOLVED && !l.reason().isEmpty()) {
                return "; resolve: " + l.reason();
            }
        }
        return "";
    }

    private SymbolResolution symbol(String dll, String function) {
        if (resolution == null) return null;
        for (SymbolResolution s : resolution.symbols()) {
            if (s.library() != null && s.library().equalsIgnoreCase(dll) && function.equals(s.name())) return s;
        }
        return null;
    }

    /** True when the program imports something that does not resolve (Wine then puts stubs in place). */
    public boolean importsUnresolved() {
        return resolution != null && resolution.symbols().stream().anyMatch(s -> s.state() == ResolutionState.UNRESOLVED);
    }
}
