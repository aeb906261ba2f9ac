package dev.crosslens.parsers.trace;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.Linkage;
import dev.crosslens.model.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run-time failures tied to what the static side says: PT_INTERP, NEEDED, PE imports. */
class StaticExplainerTest {
    @Test
    void missingInterpreterAndNeededLibrary() {
        ImageCore elf = ImageCore.builder(BinaryFormat.ELF).arch(Arch.ARM64)
                .linkage(new Linkage(true, "/lib/ld-linux-aarch64.so.1", LibcFlavor.GLIBC, "PT_INTERP"))
                .libraries(List.of(Library.of("libfoo.so.2", LibraryKind.NEEDED, new Extent(0x3f0, 8)))).build();
        StaticExplainer x = new StaticExplainer(elf);
        List<TraceEvent> es = StraceParser.parseAll(TraceMapping.load(), "p", List.of(
                "1 00:00:00.1 openat(AT_FDCWD, \"/lib/ld-linux-aarch64.so.1\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)",
                "1 00:00:00.2 openat(AT_FDCWD, \"/usr/lib/libfoo.so.2\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)",
                "1 00:00:00.3 openat(AT_FDCWD, \"/etc/other\", O_RDONLY) = -1 ENOENT (No such file or directory)"));
        assertTrue(x.explain(es.get(0)).note().contains("PT_INTERP"), x.explain(es.get(0)).note());
        assertTrue(x.explain(es.get(1)).note().startsWith("NEEDED libfoo.so.2"), x.explain(es.get(1)).note());
        assertEquals("", x.explain(es.get(2)).note());
    }

    @Test
    void dllWineCouldNotLoadPointsAtTheImport() {
        ImageCore pe = ImageCore.builder(BinaryFormat.PE).arch(Arch.X86_64)
                .libraries(List.of(Library.of("MSVCR120.dll", LibraryKind.IMPORT, new Extent(0x2a00, 20)))).build();
        List<TraceEvent> out = new ArrayList<>();
        WineDebugParser p = new WineDebugParser(TraceMapping.load(), "a.exe", 10, out::add);
        p.accept("1.0:0020:0024:err:module:import_dll Library MSVCR120.dll (which is needed by L\"Z:\\\\tmp\\\\run\\\\a.exe\") not found");
        p.accept("1.1:0020:0024:err:module:import_dll Library dep.dll (which is needed by L\"C:\\\\x\\\\MSVCR120.dll\") not found");
        StaticExplainer x = new StaticExplainer(pe);
        assertTrue(x.explain(out.get(0)).note().contains("the import descriptor for MSVCR120.dll (offset 10752) is in "
                + "the program's own import table"), x.explain(out.get(0)).note());
        assertTrue(x.explain(out.get(1)).note().contains("dep.dll is needed by MSVCR120.dll, a DLL the program loads"),
                x.explain(out.get(1)).note());
    }

    /** The process that cannot start says why: c0000135 is STATUS_DLL_NOT_FOUND, for the DLL Wine named. */
    @Test
    void statusDllNotFoundNamesTheDll() {
        ImageCore pe = ImageCore.builder(BinaryFormat.PE).arch(Arch.X86_64)
                .libraries(List.of(Library.of("plugin.dll", LibraryKind.IMPORT, new Extent(0x8e00, 20)))).build();
        List<TraceEvent> out = new ArrayList<>();
        WineDebugParser p = new WineDebugParser(TraceMapping.load(), "app.exe", 10, out::add);
        p.accept("1.0:0020:0024:err:module:import_dll Library plugin.dll (which is needed by L\"Z:\\\\tmp\\\\run\\\\app.exe\") not found");
        p.accept("1.1:0020:0024:err:module:LdrInitializeThunk Importing dlls for L\"Z:\\\\tmp\\\\run\\\\app.exe\" failed, status c0000135");
        p.finish();
        StaticExplainer x = new StaticExplainer(pe);
        x.explain(out.get(0));
        String note = x.explain(out.get(1)).note();
        assertTrue(note.contains("STATUS_DLL_NOT_FOUND (c0000135): plugin.dll could not be loaded"), note);
        assertTrue(!note.contains("direct import"), note);
    }

    /** Wine's search for a DLL through several folders is not a failure of the binary: no ELF wording on PE runs. */
    @Test
    void wineDllSearchProbesGetNoNote() {
        ImageCore pe = ImageCore.builder(BinaryFormat.PE).arch(Arch.X86_64)
                .libraries(List.of(Library.of("KERNEL32.dll", LibraryKind.IMPORT, new Extent(0x2a00, 20)))).build();
        TraceEvent probe = StraceParser.parseAll(TraceMapping.load(), "a.exe", List.of("1 00:00:00.1 newfstatat("
                + "AT_FDCWD</tmp/run>, \"/tmp/run/prefix/dosdevices/z:/tmp/run/kernel32.dll\", 0x31eea0, 0) = -1 ENOENT "
                + "(No such file or directory)")).get(0);
        assertEquals("", new StaticExplainer(pe).explain(probe).note());
    }

    /** A call of a function Wine has only a stub for points at the import and at what resolution says. */
    @Test
    void unimplementedFunctionPointsAtTheImportAndTheResolution() {
        ImageCore pe = ImageCore.builder(BinaryFormat.PE).arch(Arch.X86_64)
                .libraries(List.of(Library.of("plugin.dll", LibraryKind.IMPORT, new Extent(0x8e00, 20)))).build();
        dev.crosslens.model.resolve.Resolution r = new dev.crosslens.model.resolve.Resolution("app.exe",
                BinaryFormat.PE, "/wine", List.of(), List.of(new dev.crosslens.model.resolve.SymbolResolution(
                "plugin_run", -1, null, "IMPORT", "plugin.dll", "plugin.dll", null,
                dev.crosslens.model.resolve.ResolutionState.UNRESOLVED, false, List.of(),
                "plugin_run is not exported by plugin.dll (2 exports)")), null, List.of());
        List<TraceEvent> out = new ArrayList<>();
        WineDebugParser p = new WineDebugParser(TraceMapping.load(), "app.exe", 10, out::add);
        assertTrue(p.acceptLoaderMessage("wine: Call from 000000017002D3F8 to unimplemented function "
                + "plugin.dll.plugin_run, aborting", 5));
        assertTrue(!p.acceptLoaderMessage("hello from the program", 6));
        TraceEvent e = new StaticExplainer(pe, r, "app.exe").explain(out.get(0));
        assertEquals("unimplemented_function", e.name());
        assertEquals(List.of("plugin.dll", "plugin_run", "called from 000000017002D3F8"), e.arguments());
        assertTrue(e.note().contains("import descriptor for plugin.dll (offset 36352)"), e.note());
        assertTrue(e.note().contains("plugin_run is not exported by plugin.dll (2 exports)"), e.note());
    }

    /** A missing interpreter makes the kernel fail the program's own execve with ENOENT: that is explained. */
    @Test
    void execveEnoentOfTheProgramIsItsMissingInterpreter() {
        ImageCore elf = ImageCore.builder(BinaryFormat.ELF).arch(Arch.X86_64)
                .linkage(new Linkage(true, "/lib/ld-musl-x86_64.so.1", LibcFlavor.MUSL, "PT_INTERP")).build();
        TraceEvent exec = StraceParser.parseAll(TraceMapping.load(), "bwrap", List.of("1 00:00:00.1 execve("
                + "\"/tmp/run/hello\", [\"/tmp/run/hello\"], 0x55 /* 5 vars */) = -1 ENOENT (No such file or directory)"))
                .get(0);
        String note = new StaticExplainer(elf, null, "hello").explain(exec).note();
        assertTrue(note.contains("PT_INTERP names /lib/ld-musl-x86_64.so.1"), note);
        assertTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/lib/ld-musl-x86_64.so.1"))
                || note.contains("target.libc-mismatch"), note);
        TraceEvent other = StraceParser.parseAll(TraceMapping.load(), "hello", List.of("1 00:00:00.1 execve("
                + "\"/usr/bin/nothere\", [\"nothere\"], 0x55 /* 5 vars */) = -1 ENOENT (No such file or directory)"))
                .get(0);
        assertEquals("", new StaticExplainer(elf, null, "hello").explain(other).note(), "another program's ENOENT");
    }
}
