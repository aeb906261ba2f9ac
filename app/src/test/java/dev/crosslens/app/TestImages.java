package dev.crosslens.app;

import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.HardeningCheck;
import dev.crosslens.model.HardeningState;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.Linkage;
import dev.crosslens.model.Permissions;
import dev.crosslens.model.Section;
import dev.crosslens.model.Segment;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.TargetOs;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic images for ViewModel tests and the benchmark (no parser involved). */
public final class TestImages {
    private TestImages() {
    }

    static final Permissions RX = new Permissions(true, false, true);
    static final Permissions R = new Permissions(true, false, false);
    static final Permissions RW = new Permissions(true, true, false);

    public static List<Section> sections() {
        return List.of(
                new Section(0, "", null, "NULL", 0, 0, 0, 0, 0, Permissions.NONE, Extent.NONE, Extent.of(0x2000, 64)),
                new Section(1, ".interp", null, "PROGBITS", 0x400238, 0x1c, 0x238, 0x1c, 2, R, Extent.of(0x238, 0x1c), null),
                new Section(2, ".text", null, "PROGBITS", 0x401000, 0x8000, 0x1000, 0x8000, 6, RX, Extent.of(0x1000, 0x8000), null),
                new Section(3, ".rodata", null, "PROGBITS", 0x409000, 0x800, 0x9000, 0x800, 2, R, Extent.of(0x9000, 0x800), null),
                // overlaps .rodata in the file on purpose
                new Section(4, ".odd", null, "PROGBITS", 0x409700, 0x200, 0x9700, 0x200, 2, R, Extent.of(0x9700, 0x200), null),
                new Section(5, ".data", null, "PROGBITS", 0x40a000, 0x100, 0xa000, 0x100, 3, RW, Extent.of(0xa000, 0x100), null),
                new Section(6, ".bss", null, "NOBITS", 0x40a100, 0x4000, 0xa100, 0, 3, RW, Extent.NONE, null));
    }

    public static List<Segment> segments() {
        return List.of(
                new Segment(0, "LOAD", 1, 0x400000, 0x9900, 0, 0x9900, RX, Extent.of(0, 0x9900), null),
                new Segment(1, "LOAD", 1, 0x40a000, 0x4100, 0xa000, 0x100, RW, Extent.of(0xa000, 0x100), null));
    }

    /** {@code n} symbols with a mix of tables, bindings, defined and undefined, demangled C++ names. */
    public static List<Symbol> symbols(int n, long seed) {
        Random r = new Random(seed);
        String[] pkgs = {"runtime", "main", "net/http", "crypto/tls", "encoding/json", "os", "syscall"};
        SymbolTable[] tables = {SymbolTable.SYMTAB, SymbolTable.DYNSYM, SymbolTable.GO_PCLNTAB};
        SymbolBinding[] bindings = {SymbolBinding.GLOBAL, SymbolBinding.LOCAL, SymbolBinding.WEAK};
        List<Symbol> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name;
            String dem = null;
            if (i % 5 == 0) {
                name = "_ZN4core3fmt9Formatter" + i + "E";
                dem = "core::fmt::Formatter" + i;
            } else {
                name = pkgs[r.nextInt(pkgs.length)] + ".func" + Integer.toHexString(r.nextInt(1 << 20)) + "_" + i;
            }
            boolean defined = i % 7 != 0;
            out.add(new Symbol(i, name, dem, 0x401000L + 16L * i, 16 + r.nextInt(400), tables[i % 3],
                    bindings[r.nextInt(3)], i % 2 == 0 ? SymbolType.FUNC : SymbolType.OBJECT, "DEFAULT",
                    defined ? ".text" : "UND", defined, i % 11 == 0 ? "GLIBC_2.17" : null,
                    defined ? null : "libc.so.6", 0x12, Extent.of(0x3000L + 24L * (i % 4000), 24)));
        }
        return out;
    }

    public static ImageCore core(List<Symbol> symbols) {
        return ImageCore.builder(BinaryFormat.ELF).arch(Arch.ARM64).bits(64).os(TargetOs.LINUX)
                .kind(BinaryKind.PIE_EXECUTABLE).machineName("EM_AARCH64").rawMachine(183).entry(0x401000L)
                .linkage(new Linkage(true, "/lib/ld-linux-aarch64.so.1", LibcFlavor.GLIBC, "PT_INTERP"))
                .sections(sections()).segments(segments()).symbols(symbols)
                .libraries(List.of(Library.of("libc.so.6", LibraryKind.NEEDED, Extent.of(0x5000, 10)),
                        Library.of("libpthread.so.0", LibraryKind.NEEDED, Extent.NONE),
                        Library.of("libdl.so.2", LibraryKind.NEEDED, Extent.NONE)))
                .rpaths(List.of("$ORIGIN/../lib"))
                .hardening(List.of(new HardeningCheck("pie", "PIE", HardeningState.ENABLED, "ET_DYN"),
                        new HardeningCheck("relro", "Partial RELRO", HardeningState.PARTIAL, "PT_GNU_RELRO"),
                        new HardeningCheck("canary", "Stack canary", HardeningState.DISABLED, "")))
                .stripped(false).diagnostics(List.of()).extent(Extent.of(0, 0xb000)).build();
    }

    public static BinaryFile file(List<Symbol> symbols) {
        return new BinaryFile("/tmp/synthetic", 0xb000, "ab".repeat(32), new ElfImage(core(symbols), null));
    }
}
