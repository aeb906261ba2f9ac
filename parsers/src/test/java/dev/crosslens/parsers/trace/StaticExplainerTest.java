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
        assertTrue(x.explain(out.get(0)).note().contains("import table names MSVCR120.dll (import descriptor at offset 10752)"),
                x.explain(out.get(0)).note());
        assertTrue(x.explain(out.get(1)).note().contains("not a direct import"));
    }
}
