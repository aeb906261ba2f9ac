package dev.crosslens.parsers.trace;

import dev.crosslens.model.ImageCore;
import dev.crosslens.model.Library;
import dev.crosslens.model.trace.TraceEvent;
import dev.crosslens.model.trace.TraceSource;

import java.util.Locale;

/**
 * Links run-time failures to what the static side of the binary says: ENOENT on the ELF interpreter (PT_INTERP)
 * or on a library named by NEEDED, and a DLL Wine could not load to the PE import that names it.
 */
public final class StaticExplainer {
    private final ImageCore core;

    public StaticExplainer(ImageCore core) {
        this.core = core;
    }

    public TraceEvent explain(TraceEvent e) {
        if (core == null) return e;
        if (e.source() == TraceSource.WINDOWS_API) {
            if (!"not found".equals(e.errno())) return e;
            String dll = e.argument(0).toLowerCase(Locale.ROOT);
            for (Library lib : core.libraries()) {
                if (lib.name().toLowerCase(Locale.ROOT).equals(dll)) {
                    return e.withNote("the PE import table names " + lib.name() + " (import descriptor at offset "
                            + lib.extent().offset() + "); Wine found neither a builtin nor a native DLL of that name");
                }
            }
            return e.withNote(e.argument(0) + " is not a direct import of the binary: a DLL it loads needs it");
        }
        if (!"ENOENT".equals(e.errno())) return e;
        String path = TraceFacts.path(e);
        if (path == null) return e;
        String interp = core.linkage().interpreter();
        if (interp != null && path.equals(interp)) {
            return e.withNote("the ELF interpreter " + interp + " named by PT_INTERP is not installed here: "
                    + "the binary cannot start (install the target's libc or give a sysroot)");
        }
        if ("execve".equals(e.name()) && interp != null && e.argument(0).contains(TraceFacts.baseName(path))
                && core.linkage().dynamic()) {
            return e;
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
}
