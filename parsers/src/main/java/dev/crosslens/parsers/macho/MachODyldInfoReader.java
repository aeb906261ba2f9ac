package dev.crosslens.parsers.macho;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.macho.MachODylib;
import dev.crosslens.model.macho.MachOExport;
import dev.crosslens.model.macho.MachORebase;
import dev.crosslens.model.macho.MachOSegment;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;
import dev.crosslens.parsers.macho.MachOOpcodeStream.StreamException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Decodes the export trie (LC_DYLD_INFO export_off/size or LC_DYLD_EXPORTS_TRIE) and the LC_DYLD_INFO rebase
 * opcodes. Bounded: the trie is walked without recursion, every node is visited at most once (a cycle or a shared
 * node is a diagnostic), names stop at {@link MachOParser#MAX_NAME} bytes and exports at
 * {@link ParseOptions#maxSymbols()}; rebases stop at {@link ParseOptions#maxFixups()}.
 */
final class MachODyldInfoReader {
    private static final int REBASE_OPCODE_DONE = 0x00;
    private static final int REBASE_OPCODE_SET_TYPE_IMM = 0x10;
    private static final int REBASE_OPCODE_SET_SEGMENT_AND_OFFSET_ULEB = 0x20;
    private static final int REBASE_OPCODE_ADD_ADDR_ULEB = 0x30;
    private static final int REBASE_OPCODE_ADD_ADDR_IMM_SCALED = 0x40;
    private static final int REBASE_OPCODE_DO_REBASE_IMM_TIMES = 0x50;
    private static final int REBASE_OPCODE_DO_REBASE_ULEB_TIMES = 0x60;
    private static final int REBASE_OPCODE_DO_REBASE_ADD_ADDR_ULEB = 0x70;
    private static final int REBASE_OPCODE_DO_REBASE_ULEB_TIMES_SKIPPING_ULEB = 0x80;

    private final BinaryReader r;
    private final ParseOptions options;
    private final int pointerSize;
    private final List<MachOSegment> segments;
    private final List<MachODylib> dylibs;
    private final List<Diagnostic> diagnostics;

    MachODyldInfoReader(BinaryReader r, ParseOptions options, boolean is64, List<MachOSegment> segments,
                        List<MachODylib> dylibs, List<Diagnostic> diagnostics) {
        this.r = r;
        this.options = options;
        this.pointerSize = is64 ? 8 : 4;
        this.segments = segments;
        this.dylibs = dylibs;
        this.diagnostics = diagnostics;
    }

    private byte[] stream(String what, long off, long size, String code) {
        try {
            r.checkTable(off, size, 1, Integer.MAX_VALUE - 8, what);
            return r.bytes(off, (int) size);
        } catch (MalformedBinaryException e) {
            diagnostics.add(Diagnostic.error(code, what + ": " + e.getMessage(), r.extent(Math.min(off, r.size()), 0)));
            return null;
        }
    }

    // ---- export trie --------------------------------------------------------------------------------------

    /** A node still to visit: its offset in the trie and the name spelled by the edges to it. */
    private record Pending(int offset, String prefix, int depth) {
    }

    /** Reads the trie at {@code off}; what is read before a broken node is kept. */
    List<MachOExport> readExportTrie(String what, long off, long size) throws ParseCancelledException {
        List<MachOExport> out = new ArrayList<>();
        if (size == 0) return out;
        byte[] bytes = stream(what, off, size, "macho.exports.range");
        if (bytes == null) return out;
        MachOOpcodeStream c = new MachOOpcodeStream(bytes);
        BitSet visited = new BitSet(bytes.length);
        Deque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(0, "", 0));
        long steps = 0;
        int problems = 0;
        while (!stack.isEmpty()) {
            if ((++steps & 1023) == 0) options.checkCancelled();
            Pending node = stack.pop();
            try {
                if (visited.get(node.offset())) {
                    throw new StreamException(node.offset(), "node visited twice (a cycle or a shared node)");
                }
                visited.set(node.offset());
                c.pos = node.offset();
                long terminalSize = c.uleb();
                int payload = c.pos;
                if (terminalSize > bytes.length - payload) {
                    throw new StreamException(node.offset(), "terminal size " + Long.toUnsignedString(terminalSize)
                            + " runs past the trie");
                }
                if (terminalSize != 0) {
                    if (out.size() >= options.maxSymbols()) {
                        throw new StreamException(node.offset(), "more than " + options.maxSymbols() + " exports");
                    }
                    out.add(terminal(c, node.prefix(), off, payload, (int) terminalSize));
                }
                c.pos = payload + (int) terminalSize;
                int children = c.u8();
                List<Pending> kids = new ArrayList<>(children);
                for (int k = 0; k < children; k++) {
                    int edgeAt = c.pos;
                    String edge = c.cString();
                    long child = c.uleb();
                    if (child >= bytes.length) {
                        throw new StreamException(edgeAt, "child offset " + Long.toUnsignedString(child)
                                + " lies past the trie (" + bytes.length + " bytes)");
                    }
                    if (node.prefix().length() + edge.length() > MachOParser.MAX_NAME || node.depth() >= 4096) {
                        throw new StreamException(edgeAt, "export name longer than " + MachOParser.MAX_NAME
                                + " bytes (a depth bomb)");
                    }
                    kids.add(new Pending((int) child, node.prefix() + edge, node.depth() + 1));
                }
                for (int k = kids.size() - 1; k >= 0; k--) stack.push(kids.get(k)); // visit in edge order
            } catch (StreamException e) {
                if (++problems <= 8) {
                    diagnostics.add(Diagnostic.error("macho.exports.trie", what + ": " + e.getMessage()
                            + "; that branch is skipped", r.extent(off + e.position, 1)));
                }
            }
        }
        if (problems > 8) {
            diagnostics.add(Diagnostic.error("macho.exports.trie", what + ": " + (problems - 8)
                    + " more broken nodes", r.extent(off, size)));
        }
        return out;
    }

    private MachOExport terminal(MachOOpcodeStream c, String name, long trieOff, int payload, int size)
            throws StreamException {
        long flags = c.uleb();
        long address = -1;
        long resolver = -1;
        int ordinal = 0;
        String library = null;
        String importedName = null;
        if ((flags & MachOExport.REEXPORT) != 0) {
            long o = c.uleb();
            if (o > 0xffff) throw new StreamException(payload, "re-export ordinal " + o + " is out of range");
            ordinal = (int) o;
            importedName = c.cString();
            if (importedName.isEmpty()) importedName = null;
            library = ordinal >= 1 && ordinal <= dylibs.size() ? dylibs.get(ordinal - 1).name() : null;
        } else {
            address = c.uleb();
            if ((flags & MachOExport.STUB_AND_RESOLVER) != 0) resolver = c.uleb();
        }
        if (c.pos > payload + size) throw new StreamException(payload, "export info runs past its terminal size");
        return new MachOExport(name, flags, address, resolver, ordinal, library, importedName,
                r.extent(trieOff + payload, size));
    }

    // ---- rebase opcodes -----------------------------------------------------------------------------------

    static String rebaseTypeName(int type) {
        return type == 1 ? "pointer" : type == 2 ? "text abs32" : type == 3 ? "text rel32" : "unknown";
    }

    /** Decodes the rebase stream; what is decoded before an error is kept, the error becomes a diagnostic. */
    List<MachORebase> readRebases(long off, long size) throws ParseCancelledException {
        List<MachORebase> out = new ArrayList<>();
        if (size == 0) return out;
        byte[] bytes = stream("rebase opcodes", off, size, "macho.rebase.range");
        if (bytes == null) return out;
        MachOOpcodeStream c = new MachOOpcodeStream(bytes);
        int type = 0;
        int segment = -1;
        long segOffset = 0;
        long steps = 0;
        int opStart = 0;
        try {
            while (c.more()) {
                if ((++steps & 4095) == 0) options.checkCancelled();
                opStart = c.pos;
                int b = c.u8();
                int op = b & 0xF0;
                int imm = b & 0x0F;
                switch (op) {
                    case REBASE_OPCODE_DONE:
                        return out;
                    case REBASE_OPCODE_SET_TYPE_IMM:
                        type = imm;
                        break;
                    case REBASE_OPCODE_SET_SEGMENT_AND_OFFSET_ULEB:
                        segment = imm;
                        segOffset = c.uleb();
                        break;
                    case REBASE_OPCODE_ADD_ADDR_ULEB:
                        segOffset += c.uleb();
                        break;
                    case REBASE_OPCODE_ADD_ADDR_IMM_SCALED:
                        segOffset += (long) imm * pointerSize;
                        break;
                    case REBASE_OPCODE_DO_REBASE_IMM_TIMES:
                        segOffset = rebase(out, imm, 0, type, segment, segOffset, off, opStart, c);
                        break;
                    case REBASE_OPCODE_DO_REBASE_ULEB_TIMES:
                        segOffset = rebase(out, c.uleb(), 0, type, segment, segOffset, off, opStart, c);
                        break;
                    case REBASE_OPCODE_DO_REBASE_ADD_ADDR_ULEB:
                        segOffset = rebase(out, 1, c.uleb(), type, segment, segOffset, off, opStart, c);
                        break;
                    case REBASE_OPCODE_DO_REBASE_ULEB_TIMES_SKIPPING_ULEB: {
                        long count = c.uleb();
                        long skip = c.uleb();
                        segOffset = rebase(out, count, skip, type, segment, segOffset, off, opStart, c);
                        break;
                    }
                    default:
                        throw new StreamException(opStart, "unknown rebase opcode 0x" + Integer.toHexString(b));
                }
            }
        } catch (StreamException e) {
            diagnostics.add(Diagnostic.error("macho.rebase.opcodes", "rebase opcodes: " + e.getMessage()
                    + "; the rest of the stream is skipped", r.extent(off + e.position, 1)));
        }
        return out;
    }

    /** {@code count} rebases {@code pointerSize + skip} apart; returns the segment offset after them. */
    private long rebase(List<MachORebase> out, long count, long skip, int type, int segment, long segOffset,
                        long streamOff, int opStart, MachOOpcodeStream c) throws StreamException, ParseCancelledException {
        if (Long.compareUnsigned(count, (long) options.maxFixups() - out.size()) > 0) {
            throw new StreamException(opStart, "rebase repeated " + Long.toUnsignedString(count)
                    + " times passes the limit of " + options.maxFixups() + " rebases");
        }
        if (segment < 0 || segment >= segments.size()) {
            throw new StreamException(opStart, "rebase in segment " + segment + " of " + segments.size());
        }
        MachOSegment seg = segments.get(segment);
        long step = pointerSize + skip;
        for (long k = 0; k < count; k++) {
            if ((k & 4095) == 4095) options.checkCancelled();
            if (Long.compareUnsigned(segOffset, seg.vmsize()) >= 0) {
                throw new StreamException(opStart, "rebase at offset 0x" + Long.toHexString(segOffset)
                        + " lies past segment " + seg.name() + " (0x" + Long.toHexString(seg.vmsize()) + " bytes)");
            }
            out.add(new MachORebase(type, rebaseTypeName(type), segment, segOffset, seg.vmaddr() + segOffset,
                    r.extent(streamOff + opStart, Math.max(1, c.pos - opStart))));
            segOffset += step;
        }
        return segOffset;
    }
}
