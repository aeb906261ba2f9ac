package dev.crosslens.parsers.macho;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.macho.MachOBinding;
import dev.crosslens.model.macho.MachOChainedFixup;
import dev.crosslens.model.macho.MachOChainedFixups;
import dev.crosslens.model.macho.MachOChainedImport;
import dev.crosslens.model.macho.MachOChainedStarts;
import dev.crosslens.model.macho.MachODylib;
import dev.crosslens.model.macho.MachOSegment;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.macho.MachOOpcodeStream.StreamException;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes dyld's bind opcode streams (LC_DYLD_INFO bind, weak bind, lazy bind) and the imports table of
 * LC_DYLD_CHAINED_FIXUPS into {@link MachOBinding}s. Every loop is bounded: by the stream's length, by
 * {@link ParseOptions#maxImports()} bindings, and by ULEB128s of at most 10 bytes.
 */
final class MachOBindReader {
    private static final int BIND_OPCODE_DONE = 0x00;
    private static final int BIND_OPCODE_SET_DYLIB_ORDINAL_IMM = 0x10;
    private static final int BIND_OPCODE_SET_DYLIB_ORDINAL_ULEB = 0x20;
    private static final int BIND_OPCODE_SET_DYLIB_SPECIAL_IMM = 0x30;
    private static final int BIND_OPCODE_SET_SYMBOL_TRAILING_FLAGS_IMM = 0x40;
    private static final int BIND_OPCODE_SET_TYPE_IMM = 0x50;
    private static final int BIND_OPCODE_SET_ADDEND_SLEB = 0x60;
    private static final int BIND_OPCODE_SET_SEGMENT_AND_OFFSET_ULEB = 0x70;
    private static final int BIND_OPCODE_ADD_ADDR_ULEB = 0x80;
    private static final int BIND_OPCODE_DO_BIND = 0x90;
    private static final int BIND_OPCODE_DO_BIND_ADD_ADDR_ULEB = 0xA0;
    private static final int BIND_OPCODE_DO_BIND_ADD_ADDR_IMM_SCALED = 0xB0;
    private static final int BIND_OPCODE_DO_BIND_ULEB_TIMES_SKIPPING_ULEB = 0xC0;
    private static final int BIND_OPCODE_THREADED = 0xD0;
    private static final int BIND_SYMBOL_FLAGS_WEAK_IMPORT = 0x1;

    private final BinaryReader r;
    private final ParseOptions options;
    private final int pointerSize;
    private final List<MachOSegment> segments;
    private final List<MachODylib> dylibs;
    private final List<Diagnostic> diagnostics;

    MachOBindReader(BinaryReader r, ParseOptions options, boolean is64, List<MachOSegment> segments,
                    List<MachODylib> dylibs, List<Diagnostic> diagnostics) {
        this.r = r;
        this.options = options;
        this.pointerSize = is64 ? 8 : 4;
        this.segments = segments;
        this.dylibs = dylibs;
        this.diagnostics = diagnostics;
    }

    void readOpcodes(String table, long off, long size, boolean lazy, List<MachOBinding> out)
            throws ParseCancelledException {
        if (size == 0) return;
        byte[] bytes;
        try {
            r.checkTable(off, size, 1, Integer.MAX_VALUE - 8, table + " opcodes");
            bytes = r.bytes(off, (int) size);
        } catch (MalformedBinaryException e) {
            diagnostics.add(Diagnostic.error("macho.bind.range", table + ": " + e.getMessage(), r.extent(Math.min(off, r.size()), 0)));
            return;
        }
        MachOOpcodeStream c = new MachOOpcodeStream(bytes);
        int ordinal = 0;
        String symbol = null;
        boolean weakImport = false;
        int type = lazy ? 1 : 0;
        long addend = 0;
        int segment = -1;
        long segOffset = 0;
        int opStart = 0;
        long steps = 0;
        try {
            while (c.more()) {
                if ((++steps & 4095) == 0) options.checkCancelled();
                opStart = c.pos;
                int b = c.u8();
                int op = b & 0xF0;
                int imm = b & 0x0F;
                switch (op) {
                    case BIND_OPCODE_DONE:
                        if (!lazy) return;
                        break;
                    case BIND_OPCODE_SET_DYLIB_ORDINAL_IMM:
                        ordinal = imm;
                        break;
                    case BIND_OPCODE_SET_DYLIB_ORDINAL_ULEB:
                        long u = c.uleb();
                        if (u > 0xffff) throw new StreamException(opStart, "library ordinal " + u + " is out of range");
                        ordinal = (int) u;
                        break;
                    case BIND_OPCODE_SET_DYLIB_SPECIAL_IMM:
                        ordinal = imm == 0 ? 0 : (byte) (0xF0 | imm);
                        break;
                    case BIND_OPCODE_SET_SYMBOL_TRAILING_FLAGS_IMM:
                        weakImport = (imm & BIND_SYMBOL_FLAGS_WEAK_IMPORT) != 0;
                        symbol = c.cString();
                        break;
                    case BIND_OPCODE_SET_TYPE_IMM:
                        type = imm;
                        break;
                    case BIND_OPCODE_SET_ADDEND_SLEB:
                        addend = c.sleb();
                        break;
                    case BIND_OPCODE_SET_SEGMENT_AND_OFFSET_ULEB:
                        segment = imm;
                        segOffset = c.uleb();
                        break;
                    case BIND_OPCODE_ADD_ADDR_ULEB:
                        segOffset += c.uleb();
                        break;
                    case BIND_OPCODE_DO_BIND:
                        bind(out, table, symbol, ordinal, weakImport, type, addend, segment, segOffset, off, opStart, c);
                        segOffset += pointerSize;
                        break;
                    case BIND_OPCODE_DO_BIND_ADD_ADDR_ULEB:
                        bind(out, table, symbol, ordinal, weakImport, type, addend, segment, segOffset, off, opStart, c);
                        segOffset += pointerSize + c.uleb();
                        break;
                    case BIND_OPCODE_DO_BIND_ADD_ADDR_IMM_SCALED:
                        bind(out, table, symbol, ordinal, weakImport, type, addend, segment, segOffset, off, opStart, c);
                        segOffset += pointerSize + (long) imm * pointerSize;
                        break;
                    case BIND_OPCODE_DO_BIND_ULEB_TIMES_SKIPPING_ULEB: {
                        long count = c.uleb();
                        long skip = c.uleb();
                        if (count > (long) options.maxImports() - out.size()) {
                            throw new StreamException(opStart, "bind repeated " + Long.toUnsignedString(count)
                                    + " times passes the limit of " + options.maxImports() + " bindings");
                        }
                        for (long k = 0; k < count; k++) {
                            if ((k & 4095) == 4095) options.checkCancelled();
                            bind(out, table, symbol, ordinal, weakImport, type, addend, segment, segOffset, off, opStart, c);
                            segOffset += pointerSize + skip;
                        }
                        break;
                    }
                    case BIND_OPCODE_THREADED:
                        if (imm == 0x00) {
                            c.uleb(); // BIND_SUBOPCODE_THREADED_SET_BIND_ORDINAL_TABLE_SIZE_ULEB
                        } else if (imm != 0x01) { // 0x01 = BIND_SUBOPCODE_THREADED_APPLY: walks chains in data
                            throw new StreamException(opStart, "unknown threaded bind sub-opcode 0x"
                                    + Integer.toHexString(imm));
                        }
                        break;
                    default:
                        throw new StreamException(opStart, "unknown bind opcode 0x" + Integer.toHexString(b));
                }
            }
        } catch (StreamException e) {
            diagnostics.add(Diagnostic.error("macho.bind.opcodes", table + ": " + e.getMessage()
                    + "; the rest of the stream is skipped", r.extent(off + e.position, 1)));
        }
    }

    private void bind(List<MachOBinding> out, String table, String symbol, int ordinal, boolean weakImport, int type,
                      long addend, int segment, long segOffset, long streamOff, int opStart, MachOOpcodeStream c)
            throws StreamException {
        if (out.size() >= options.maxImports()) {
            throw new StreamException(opStart, "more than " + options.maxImports() + " bindings");
        }
        if (symbol == null) throw new StreamException(opStart, "bind before any symbol name was set");
        if (segment < 0 || segment >= segments.size()) {
            throw new StreamException(opStart, "bind into segment " + segment + " of " + segments.size());
        }
        MachOSegment seg = segments.get(segment);
        long address = seg.vmaddr() + segOffset;
        out.add(new MachOBinding(table, symbol, ordinal, libraryName(ordinal), weakImport, type, addend, segment,
                segOffset, address, r.extent(streamOff + opStart, Math.max(1, c.pos - opStart))));
    }

    private String libraryName(int ordinal) {
        String special = MachONames.specialOrdinal(ordinal);
        if (special != null) return special;
        if (ordinal >= 1 && ordinal <= dylibs.size()) return dylibs.get(ordinal - 1).name();
        return "ordinal " + ordinal + " (no such dylib)";
    }

    MachOChainedFixups readChainedFixups(long off, long size, List<MachOBinding> out) throws ParseCancelledException {
        Extent whole = r.extent(off, size);
        try {
            r.check(off, size, "LC_DYLD_CHAINED_FIXUPS data");
            if (size < 28) throw new MalformedBinaryException(r.absolute(off), "chained fixups header needs 28 bytes");
            BinaryReader f = r.slice(off, size);
            long version = f.u32(0);
            long startsOffset = f.u32(4);
            long importsOffset = f.u32(8);
            long symbolsOffset = f.u32(12);
            long importsCount = f.u32(16);
            long importsFormat = f.u32(20);
            long symbolsFormat = f.u32(24);
            List<MachOChainedImport> imports = new ArrayList<>();
            try {
                readChainedImports(f, importsOffset, importsCount, importsFormat, symbolsOffset, symbolsFormat,
                        imports, out);
            } catch (MalformedBinaryException e) {
                diagnostics.add(Diagnostic.error("macho.fixups.imports", "chained fixups imports: " + e.getMessage()
                        + "; imports dropped", whole));
                imports.clear();
                out.removeIf(b -> b.table().equals("chained"));
            }
            List<MachOChainedStarts> starts = new ArrayList<>();
            List<MachOChainedFixup> fixups = new ArrayList<>();
            new MachOChainWalker(r, options, segments, imports, diagnostics)
                    .read(f, startsOffset, options.readRelocationEntries(), starts, fixups);
            return new MachOChainedFixups(version, startsOffset, importsOffset, symbolsOffset, importsCount,
                    importsFormat, symbolsFormat, imports, starts, fixups, whole);
        } catch (MalformedBinaryException e) {
            diagnostics.add(Diagnostic.error("macho.fixups.header", "LC_DYLD_CHAINED_FIXUPS: " + e.getMessage(), whole));
            return null;
        }
    }

    private void readChainedImports(BinaryReader f, long importsOffset, long count, long format, long symbolsOffset,
                                    long symbolsFormat, List<MachOChainedImport> imports, List<MachOBinding> out)
            throws MalformedBinaryException, ParseCancelledException {
        int entSize = format == 1 ? 4 : format == 2 ? 8 : format == 3 ? 16 : -1;
        if (entSize < 0) {
            throw new MalformedBinaryException(f.absolute(20), "unknown imports_format " + format);
        }
        f.checkTable(importsOffset, count, entSize, options.maxImports(), "chained imports");
        if (symbolsFormat != 0) {
            diagnostics.add(Diagnostic.warning("macho.fixups.symbols", "symbols_format " + symbolsFormat
                    + " (compressed) is not read; import names are missing", f.extent(24, 4)));
        }
        for (int i = 0; i < count; i++) {
            if ((i & 4095) == 0) {
                options.checkCancelled();
                options.monitor().progress("Mach-O chained imports", i, count);
            }
            long e = importsOffset + (long) i * entSize;
            int ordinal;
            boolean weak;
            long nameOffset;
            long addend = 0;
            if (format == 3) {
                long v = f.u64(e);
                int raw = (int) (v & 0xffff);
                ordinal = raw > 0xfff0 ? raw - 0x10000 : raw;
                weak = ((v >>> 16) & 1) != 0;
                nameOffset = v >>> 32;
                addend = f.u64(e + 8);
            } else {
                long v = f.u32(e);
                int raw = (int) (v & 0xff);
                ordinal = raw > 0xf0 ? raw - 0x100 : raw;
                weak = ((v >>> 8) & 1) != 0;
                nameOffset = v >>> 9;
                if (format == 2) addend = f.s32(e + 4);
            }
            String name = null;
            if (symbolsFormat == 0) {
                long at = symbolsOffset + nameOffset;
                if (at < f.size()) {
                    name = f.cString(at, (int) Math.min(MachOParser.MAX_NAME, f.size() - at));
                } else {
                    throw new MalformedBinaryException(f.absolute(e), "import " + i + " name offset " + nameOffset
                            + " lies past the fixups data");
                }
            }
            Extent where = f.extent(e, entSize);
            imports.add(new MachOChainedImport(i, ordinal, weak, nameOffset, name, addend, where));
            if (name != null) {
                out.add(new MachOBinding("chained", name, ordinal, libraryName(ordinal), weak, 1, addend, -1, 0, -1,
                        where));
            }
        }
    }
}
