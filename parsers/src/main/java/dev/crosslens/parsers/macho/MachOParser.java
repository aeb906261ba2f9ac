package dev.crosslens.parsers.macho;

import dev.crosslens.parsers.ParseMonitor;
import dev.crosslens.model.Arch;
import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.BinaryKind;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Endianness;
import dev.crosslens.model.Extent;
import dev.crosslens.model.HardeningCheck;
import dev.crosslens.model.HardeningState;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.LibcFlavor;
import dev.crosslens.model.Library;
import dev.crosslens.model.LibraryKind;
import dev.crosslens.model.Linkage;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.Permissions;
import dev.crosslens.model.RelocationSummary;
import dev.crosslens.model.Section;
import dev.crosslens.model.Segment;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.SymbolType;
import dev.crosslens.model.TargetOs;
import dev.crosslens.model.macho.MachOBinding;
import dev.crosslens.model.macho.MachOBuildTool;
import dev.crosslens.model.macho.MachOBuildVersion;
import dev.crosslens.model.macho.MachOChainedFixups;
import dev.crosslens.model.macho.MachOCodeSignature;
import dev.crosslens.model.macho.MachODetails;
import dev.crosslens.model.macho.MachODyldInfo;
import dev.crosslens.model.macho.MachODylib;
import dev.crosslens.model.macho.MachODysymtab;
import dev.crosslens.model.macho.MachOEntryPoint;
import dev.crosslens.model.macho.MachOExport;
import dev.crosslens.model.macho.MachOHeader;
import dev.crosslens.model.macho.MachOLoadCommand;
import dev.crosslens.model.macho.MachONlist;
import dev.crosslens.model.macho.MachORebase;
import dev.crosslens.model.macho.MachOSection;
import dev.crosslens.model.macho.MachOSegment;
import dev.crosslens.model.macho.MachOSymtab;
import dev.crosslens.model.macho.MachOUuid;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a thin Mach-O image (32/64-bit, either byte order): header, every load command, segments and sections,
 * dylibs, versions, entry, symbols, dyld bind/rebase opcodes, the export trie, chained fixups (imports and
 * chains), code signature. Only an unusable
 * header throws; everything else that is broken becomes a diagnostic and an empty table.
 */
public final class MachOParser {
    /** Longest install name, path or symbol name read. */
    static final int MAX_NAME = 4096;

    public MachOImage parse(BinaryReader r, ParseOptions options)
            throws MalformedBinaryException, ParseCancelledException {
        Run run = new Run(r, options);
        ParseMonitor m = options.monitor();
        m.progress("Mach-O header", 0, 8);
        run.readHeader();
        m.progress("Mach-O load commands", 1, 8);
        run.readLoadCommands();
        m.progress("Mach-O symbols", 2, 8);
        run.readSymbols();
        m.progress("Mach-O bindings", 3, 8);
        run.readBindings();
        m.progress("Mach-O exports", 4, 8);
        run.readExports();
        m.progress("Mach-O rebases", 5, 8);
        run.readRebases();
        m.progress("Mach-O code signature", 6, 8);
        run.readCodeSignature();
        m.progress("Mach-O relocations", 7, 8);
        run.readRelocations();
        run.resolveSymbolLibraries();
        return run.build();
    }

    /** The state of one parse; the parser itself stays stateless. */
    private static final class Run {
        private BinaryReader r;
        private final ParseOptions options;
        private final List<Diagnostic> diagnostics = new ArrayList<>();

        private MachOHeader header;
        private boolean is64;
        private int headerSize;
        private final List<MachOLoadCommand> commands = new ArrayList<>();
        private final List<MachOSegment> segments = new ArrayList<>();
        private final List<MachODylib> dylibs = new ArrayList<>();
        private MachODylib idDylib;
        private String dylinker;
        private final List<String> rpaths = new ArrayList<>();
        private MachOUuid uuid;
        private final List<MachOBuildVersion> versions = new ArrayList<>();
        private MachOEntryPoint entryPoint;
        private long codeSigOff = -1;
        private long codeSigSize;
        private Extent codeSigCommand = Extent.NONE;
        private MachOCodeSignature codeSignature;
        private MachOSymtab symtab;
        private MachODysymtab dysymtab;
        private List<MachONlist> symbols = new ArrayList<>();
        private MachODyldInfo dyldInfo;
        private long chainedOff = -1;
        private long chainedSize;
        private final List<MachOBinding> bindings = new ArrayList<>();
        private MachOChainedFixups chainedFixups;
        private long exportsTrieOff = -1;
        private long exportsTrieSize;
        private List<MachOExport> exports = List.of();
        private List<MachORebase> rebases = List.of();
        private final Map<String, Long> relocationsByTable = new LinkedHashMap<>();
        private final Map<String, Long> relocationsByType = new TreeMap<>();

        Run(BinaryReader r, ParseOptions options) {
            this.r = r;
            this.options = options;
        }

        void error(String code, String message, Extent where) {
            diagnostics.add(Diagnostic.error(code, message, where));
        }

        void warning(String code, String message, Extent where) {
            diagnostics.add(Diagnostic.warning(code, message, where));
        }

        void info(String code, String message, Extent where) {
            diagnostics.add(Diagnostic.info(code, message, where));
        }

        // ---- header ---------------------------------------------------------------------------------------

        void readHeader() throws MalformedBinaryException {
            if (r.size() < 28) {
                throw new MalformedBinaryException(r.base(), "Mach-O header needs 28 bytes, file has " + r.size());
            }
            long magic = r.withOrder(ByteOrder.BIG_ENDIAN).u32(0);
            Endianness endian;
            if (magic == 0xfeedfaceL || magic == 0xfeedfacfL) {
                endian = Endianness.BIG;
            } else if (magic == 0xcefaedfeL || magic == 0xcffaedfeL) {
                endian = Endianness.LITTLE;
            } else {
                throw new MalformedBinaryException(r.base(), "not a Mach-O magic: 0x" + Long.toHexString(magic));
            }
            is64 = magic == 0xfeedfacfL || magic == 0xcffaedfeL;
            headerSize = is64 ? 32 : 28;
            r.check(0, headerSize, "Mach-O header");
            r = r.withOrder(endian.byteOrder());
            long cpuType = r.u32(4);
            long cpuSubtype = r.u32(8);
            long fileType = r.u32(12);
            long ncmds = r.u32(16);
            long sizeofcmds = r.u32(20);
            long flags = r.u32(24);
            long nativeMagic = r.u32(0);
            header = new MachOHeader(nativeMagic, is64, endian, cpuType, MachONames.cpuType(cpuType), cpuSubtype,
                    MachONames.cpuSubtype(cpuType, cpuSubtype), fileType, MachONames.fileType(fileType), ncmds,
                    sizeofcmds, flags, MachONames.headerFlags(flags), r.extent(0, headerSize));
            if (MachONames.bigEndianCpu(cpuType) && endian == Endianness.LITTLE) {
                warning("macho.header.endian", MachONames.cpuType(cpuType)
                        + " is a big-endian CPU but the header is little-endian", header.extent());
            }
            if (MachONames.arch(cpuType) == Arch.UNKNOWN) {
                warning("macho.header.cputype", "unknown cputype 0x" + Long.toHexString(cpuType), header.extent());
            }
        }

        // ---- load commands --------------------------------------------------------------------------------

        void readLoadCommands() throws ParseCancelledException {
            long end = headerSize + header.sizeofcmds();
            if (end > r.size()) {
                error("macho.loadcmds.truncated", "sizeofcmds " + header.sizeofcmds() + " runs past the end of the file ("
                        + r.size() + " bytes); reading what is there", r.extent(headerSize, r.size() - headerSize));
                end = r.size();
            }
            long ncmds = header.ncmds();
            if (ncmds > options.maxLoadCommands()) {
                error("macho.loadcmds.limit", "ncmds " + ncmds + " exceeds the limit of " + options.maxLoadCommands(),
                        header.extent());
                ncmds = options.maxLoadCommands();
            }
            if (ncmds * 8 > end - headerSize) {
                error("macho.loadcmds.count", "ncmds " + header.ncmds() + " cannot fit in " + (end - headerSize)
                        + " bytes of load commands", header.extent());
            }
            long off = headerSize;
            for (int i = 0; i < ncmds; i++) {
                if ((i & 1023) == 0) options.checkCancelled();
                if (end - off < 8) {
                    error("macho.loadcmd.truncated", "load command " + i + " of " + header.ncmds()
                            + " starts past the load command area", r.extent(off, Math.max(0, end - off)));
                    break;
                }
                long cmd;
                long cmdsize;
                try {
                    cmd = r.u32(off);
                    cmdsize = r.u32(off + 4);
                } catch (MalformedBinaryException e) {
                    error("macho.loadcmd.truncated", e.getMessage(), r.extent(off, end - off));
                    break;
                }
                String name = MachONames.loadCommand(cmd);
                if (cmdsize < 8 || cmdsize > end - off) {
                    error("macho.loadcmd.size", name + " (load command " + i + ") has cmdsize " + cmdsize
                            + " but " + (end - off) + " bytes are left; stopping", r.extent(off, Math.min(8, end - off)));
                    commands.add(new MachOLoadCommand(i, cmd, name, cmdsize, MachONames.knownLoadCommand(cmd),
                            "cmdsize " + cmdsize + " out of range", r.extent(off, Math.min(8, end - off))));
                    break;
                }
                String problem = null;
                try {
                    BinaryReader lc = r.slice(off, cmdsize);
                    readCommand(i, cmd, name, lc);
                } catch (MalformedBinaryException e) {
                    problem = e.getMessage();
                    error("macho.loadcmd.malformed", name + " (load command " + i + "): " + e.getMessage(),
                            r.extent(off, cmdsize));
                }
                commands.add(new MachOLoadCommand(i, cmd, name, cmdsize, MachONames.knownLoadCommand(cmd), problem,
                        r.extent(off, cmdsize)));
                off += cmdsize;
            }
        }

        private void readCommand(int index, long cmd, String name, BinaryReader lc)
                throws MalformedBinaryException, ParseCancelledException {
            if (cmd == MachONames.LC_SEGMENT || cmd == MachONames.LC_SEGMENT_64) {
                readSegment(lc, cmd == MachONames.LC_SEGMENT_64);
            } else if (cmd == MachONames.LC_LOAD_DYLIB || cmd == MachONames.LC_LOAD_WEAK_DYLIB
                    || cmd == MachONames.LC_REEXPORT_DYLIB || cmd == MachONames.LC_LAZY_LOAD_DYLIB
                    || cmd == MachONames.LC_LOAD_UPWARD_DYLIB || cmd == MachONames.LC_ID_DYLIB) {
                readDylib(lc, cmd, name);
            } else if (cmd == MachONames.LC_LOAD_DYLINKER) {
                dylinker = lcString(lc, lc.u32(8));
            } else if (cmd == MachONames.LC_RPATH) {
                rpaths.add(lcString(lc, lc.u32(8)));
            } else if (cmd == MachONames.LC_UUID) {
                byte[] b = lc.bytes(8, 16);
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < 16; k++) {
                    if (k == 4 || k == 6 || k == 8 || k == 10) sb.append('-');
                    sb.append(String.format("%02X", b[k] & 0xff));
                }
                uuid = new MachOUuid(sb.toString(), lc.extent(8, 16));
            } else if (cmd == MachONames.LC_BUILD_VERSION) {
                readBuildVersion(lc);
            } else if (cmd == MachONames.LC_VERSION_MIN_MACOSX || cmd == MachONames.LC_VERSION_MIN_IPHONEOS
                    || cmd == MachONames.LC_VERSION_MIN_TVOS || cmd == MachONames.LC_VERSION_MIN_WATCHOS) {
                long platform = cmd == MachONames.LC_VERSION_MIN_MACOSX ? 1
                        : cmd == MachONames.LC_VERSION_MIN_IPHONEOS ? 2
                        : cmd == MachONames.LC_VERSION_MIN_TVOS ? 3 : 4;
                versions.add(new MachOBuildVersion(name, platform, MachONames.platform(platform),
                        MachONames.version(lc.u32(8)), MachONames.version(lc.u32(12)), List.of(), lc.extent(0, lc.size())));
            } else if (cmd == MachONames.LC_MAIN) {
                if (entryPoint != null) warning("macho.entry.duplicate", "a second entry command", lc.extent(0, lc.size()));
                entryPoint = new MachOEntryPoint("LC_MAIN", lc.u64(8), lc.u64(16), null, null, lc.extent(0, lc.size()));
            } else if (cmd == MachONames.LC_UNIXTHREAD || cmd == MachONames.LC_THREAD) {
                readThread(lc, name);
            } else if (cmd == MachONames.LC_CODE_SIGNATURE) {
                codeSigOff = lc.u32(8);
                codeSigSize = lc.u32(12);
                codeSigCommand = lc.extent(0, lc.size());
            } else if (cmd == MachONames.LC_SYMTAB) {
                symtab = new MachOSymtab(lc.u32(8), lc.u32(12), lc.u32(16), lc.u32(20), lc.extent(0, lc.size()));
            } else if (cmd == MachONames.LC_DYSYMTAB) {
                long[] v = new long[18];
                for (int k = 0; k < 18; k++) v[k] = lc.u32(8 + 4L * k);
                dysymtab = new MachODysymtab(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
                        v[12], v[13], v[14], v[15], v[16], v[17], lc.extent(0, lc.size()));
            } else if (cmd == MachONames.LC_DYLD_INFO || cmd == MachONames.LC_DYLD_INFO_ONLY) {
                long[] v = new long[10];
                for (int k = 0; k < 10; k++) v[k] = lc.u32(8 + 4L * k);
                dyldInfo = new MachODyldInfo(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                        lc.extent(0, lc.size()));
            } else if (cmd == MachONames.LC_DYLD_CHAINED_FIXUPS) {
                chainedOff = lc.u32(8);
                chainedSize = lc.u32(12);
            } else if (cmd == MachONames.LC_DYLD_EXPORTS_TRIE) {
                exportsTrieOff = lc.u32(8);
                exportsTrieSize = lc.u32(12);
            } else if (!MachONames.knownLoadCommand(cmd)) {
                info("macho.loadcmd.unknown", "load command " + index + " has unknown cmd 0x" + Long.toHexString(cmd)
                        + "; kept raw", lc.extent(0, lc.size()));
            }
        }

        private static String lcString(BinaryReader lc, long offset) throws MalformedBinaryException {
            if (offset < 8 || offset >= lc.size()) {
                throw new MalformedBinaryException(lc.absolute(8), "string offset " + offset
                        + " lies outside the command (" + lc.size() + " bytes)");
            }
            return lc.cString(offset, MAX_NAME);
        }

        private void readSegment(BinaryReader lc, boolean seg64) throws MalformedBinaryException {
            int hdr = seg64 ? 72 : 56;
            lc.check(0, hdr, "segment command");
            String name = lc.fixedString(8, 16);
            long vmaddr = seg64 ? lc.u64(24) : lc.u32(24);
            long vmsize = seg64 ? lc.u64(32) : lc.u32(28);
            long fileoff = seg64 ? lc.u64(40) : lc.u32(32);
            long filesize = seg64 ? lc.u64(48) : lc.u32(36);
            int maxprot = lc.s32(seg64 ? 56 : 40);
            int initprot = lc.s32(seg64 ? 60 : 44);
            long nsects = lc.u32(seg64 ? 64 : 48);
            long flags = lc.u32(seg64 ? 68 : 52);
            if (Long.compareUnsigned(fileoff, r.size()) > 0 || Long.compareUnsigned(filesize, r.size() - fileoff) > 0) {
                warning("macho.segment.range", "segment " + name + " file range 0x" + Long.toHexString(fileoff) + "+"
                        + Long.toUnsignedString(filesize) + " runs past the end of the file", lc.extent(0, hdr));
            }
            int secSize = seg64 ? 80 : 68;
            List<MachOSection> sections = new ArrayList<>();
            int firstIndex = sectionCount();
            try {
                lc.checkTable(hdr, nsects, secSize, options.maxSections(), "sections of segment " + name);
                for (int k = 0; k < nsects; k++) {
                    long so = hdr + (long) k * secSize;
                    sections.add(readSection(lc, so, seg64, firstIndex + k));
                }
            } catch (MalformedBinaryException e) {
                error("macho.segment.sections", "segment " + name + ": " + e.getMessage() + "; sections dropped",
                        lc.extent(0, lc.size()));
                sections.clear();
            }
            segments.add(new MachOSegment(segments.size(), name, vmaddr, vmsize, fileoff, filesize, maxprot, initprot,
                    nsects, flags, sections, lc.extent(0, lc.size())));
        }

        private MachOSection readSection(BinaryReader lc, long so, boolean seg64, int index)
                throws MalformedBinaryException {
            String sect = lc.fixedString(so, 16);
            String seg = lc.fixedString(so + 16, 16);
            long addr = seg64 ? lc.u64(so + 32) : lc.u32(so + 32);
            long size = seg64 ? lc.u64(so + 40) : lc.u32(so + 36);
            long b = seg64 ? so + 48 : so + 40;
            long offset = lc.u32(b);
            long align = lc.u32(b + 4);
            long reloff = lc.u32(b + 8);
            long nreloc = lc.u32(b + 12);
            long flags = lc.u32(b + 16);
            long res1 = lc.u32(b + 20);
            long res2 = lc.u32(b + 24);
            long res3 = seg64 ? lc.u32(b + 28) : 0;
            int type = (int) (flags & 0xff);
            boolean zerofill = type == 0x1 || type == 0xc || type == 0x12;
            Extent data = Extent.NONE;
            if (!zerofill && size != 0) {
                if (r.inBounds(offset, size)) {
                    data = r.extent(offset, size);
                } else if (!"__DWARF".equals(seg) || offset != 0) {
                    warning("macho.section.range", seg + "," + sect + " data 0x" + Long.toHexString(offset) + "+"
                            + Long.toUnsignedString(size) + " runs past the end of the file", lc.extent(so, seg64 ? 80 : 68));
                }
            }
            Extent relocs = nreloc == 0 ? Extent.NONE : r.extent(reloff, nreloc * 8);
            return new MachOSection(index, seg, sect, addr, size, offset, align, reloff, nreloc, flags,
                    MachONames.sectionType(flags), res1, res2, res3, lc.extent(so, seg64 ? 80 : 68), data, relocs);
        }

        private int sectionCount() {
            int n = 0;
            for (MachOSegment s : segments) n += s.sections().size();
            return n;
        }

        private void readDylib(BinaryReader lc, long cmd, String name) throws MalformedBinaryException {
            String path = lcString(lc, lc.u32(8));
            long timestamp = lc.u32(12);
            String current = MachONames.dylibVersion(lc.u32(16));
            String compat = MachONames.dylibVersion(lc.u32(20));
            if (cmd == MachONames.LC_ID_DYLIB) {
                idDylib = new MachODylib(name, null, 0, path, timestamp, current, compat, lc.extent(0, lc.size()));
                return;
            }
            LibraryKind kind = cmd == MachONames.LC_LOAD_DYLIB ? LibraryKind.LOAD_DYLIB
                    : cmd == MachONames.LC_LOAD_WEAK_DYLIB ? LibraryKind.LOAD_WEAK_DYLIB
                    : cmd == MachONames.LC_REEXPORT_DYLIB ? LibraryKind.REEXPORT_DYLIB
                    : cmd == MachONames.LC_LAZY_LOAD_DYLIB ? LibraryKind.LAZY_LOAD_DYLIB
                    : LibraryKind.LOAD_UPWARD_DYLIB;
            dylibs.add(new MachODylib(name, kind, dylibs.size() + 1, path, timestamp, current, compat,
                    lc.extent(0, lc.size())));
        }

        private void readBuildVersion(BinaryReader lc) throws MalformedBinaryException {
            long platform = lc.u32(8);
            String minos = MachONames.version(lc.u32(12));
            String sdk = MachONames.version(lc.u32(16));
            long ntools = lc.u32(20);
            List<MachOBuildTool> tools = new ArrayList<>();
            try {
                lc.checkTable(24, ntools, 8, 64, "build tools");
                for (int k = 0; k < ntools; k++) {
                    long t = lc.u32(24 + 8L * k);
                    tools.add(new MachOBuildTool(t, MachONames.tool(t), MachONames.version(lc.u32(28 + 8L * k))));
                }
            } catch (MalformedBinaryException e) {
                warning("macho.buildversion.tools", e.getMessage(), lc.extent(0, lc.size()));
                tools.clear();
            }
            versions.add(new MachOBuildVersion("LC_BUILD_VERSION", platform, MachONames.platform(platform), minos, sdk,
                    tools, lc.extent(0, lc.size())));
        }

        private void readThread(BinaryReader lc, String name) throws MalformedBinaryException {
            long off = 8;
            Long pc = null;
            String flavorName = null;
            int states = 0;
            while (lc.size() - off >= 8 && states++ < 64) {
                long flavor = lc.u32(off);
                long count = lc.u32(off + 4);
                long stateOff = off + 8;
                lc.checkTable(stateOff, count, 4, 1 << 16, name + " thread state");
                long cpu = header.cpuType();
                if (cpu == (7 | MachONames.CPU_ARCH_ABI64) && flavor == 7 && count >= 2) {
                    // x86_THREAD_STATE: a header naming the real flavor, then the state
                    flavor = lc.u32(stateOff);
                    stateOff += 8;
                }
                if (pc == null) {
                    if (cpu == (7 | MachONames.CPU_ARCH_ABI64) && flavor == 4 && count >= 42) {
                        pc = lc.u64(stateOff + 16 * 8);
                        flavorName = "x86_THREAD_STATE64";
                    } else if (cpu == 7 && flavor == 1 && count >= 16) {
                        pc = lc.u32(stateOff + 10 * 4);
                        flavorName = "x86_THREAD_STATE32";
                    } else if (cpu == (12 | MachONames.CPU_ARCH_ABI64) && flavor == 6 && count >= 68) {
                        pc = lc.u64(stateOff + 32 * 8);
                        flavorName = "ARM_THREAD_STATE64";
                    } else if (cpu == 12 && flavor == 1 && count >= 17) {
                        pc = lc.u32(stateOff + 15 * 4);
                        flavorName = "ARM_THREAD_STATE";
                    } else if (cpu == 18 && flavor == 1 && count >= 1) {
                        pc = lc.u32(stateOff);
                        flavorName = "PPC_THREAD_STATE";
                    } else if (cpu == (18 | MachONames.CPU_ARCH_ABI64) && flavor == 5 && count >= 2) {
                        pc = lc.u64(stateOff);
                        flavorName = "PPC_THREAD_STATE64";
                    }
                }
                off = off + 8 + count * 4;
            }
            if (pc == null) {
                warning("macho.thread.flavor", name + ": no thread state with a known pc for "
                        + header.cpuTypeName(), lc.extent(0, lc.size()));
            }
            if (entryPoint == null || "LC_THREAD".equals(entryPoint.source())) {
                if (entryPoint != null) warning("macho.entry.duplicate", "a second entry command", lc.extent(0, lc.size()));
                entryPoint = new MachOEntryPoint(name, -1, 0, flavorName, pc, lc.extent(0, lc.size()));
            }
        }

        // ---- symbols --------------------------------------------------------------------------------------

        void readSymbols() throws ParseCancelledException {
            if (symtab == null) return;
            int entSize = is64 ? 16 : 12;
            ByteBuffer table;
            try {
                r.checkTable(symtab.symoff(), symtab.nsyms(), entSize, options.maxSymbols(), "LC_SYMTAB nlist table");
                table = r.buffer(symtab.symoff(), symtab.nsyms() * entSize);
            } catch (MalformedBinaryException e) {
                error("macho.symtab.table", e.getMessage() + "; no symbols read", symtab.extent());
                return;
            }
            byte[] strings;
            long strsize = symtab.strsize();
            if (!r.inBounds(symtab.stroff(), strsize)) {
                long avail = symtab.stroff() < r.size() ? r.size() - symtab.stroff() : 0;
                error("macho.symtab.strings", "string table 0x" + Long.toHexString(symtab.stroff()) + "+" + strsize
                        + " runs past the end of the file; names are read from the " + avail + " bytes there",
                        symtab.extent());
                strsize = avail;
            }
            try {
                strings = strsize == 0 ? new byte[0] : r.bytes(symtab.stroff(), (int) Math.min(strsize, Integer.MAX_VALUE - 8));
            } catch (MalformedBinaryException e) {
                error("macho.symtab.strings", e.getMessage(), symtab.extent());
                strings = new byte[0];
            }
            List<MachOSection> sections = allSections();
            int badNames = 0;
            int badSections = 0;
            List<MachONlist> out = new ArrayList<>((int) symtab.nsyms());
            for (int i = 0; i < symtab.nsyms(); i++) {
                if ((i & 4095) == 0) {
                    options.checkCancelled();
                    options.monitor().progress("Mach-O symbols", i, symtab.nsyms());
                }
                int p = i * entSize;
                long strx = table.getInt(p) & 0xffffffffL;
                int type = table.get(p + 4) & 0xff;
                int sect = table.get(p + 5) & 0xff;
                int desc = table.getShort(p + 6) & 0xffff;
                long value = is64 ? table.getLong(p + 8) : table.getInt(p + 8) & 0xffffffffL;
                String name;
                if (strx < strings.length) {
                    int end = (int) strx;
                    int stop = (int) Math.min(strings.length, strx + MAX_NAME);
                    while (end < stop && strings[end] != 0) end++;
                    name = new String(strings, (int) strx, end - (int) strx, StandardCharsets.UTF_8);
                } else {
                    name = "";
                    if (strx != 0) badNames++;
                }
                if ((type & MachONlist.N_STAB) == 0 && (type & MachONlist.N_TYPE) == MachONlist.N_SECT
                        && (sect == 0 || sect > sections.size())) {
                    badSections++;
                }
                String stabName = (type & MachONlist.N_STAB) != 0 ? MachONames.stab(type) : null;
                out.add(new MachONlist(i, name, strx, type, sect, desc, value, stabName, MachONlist.UNKNOWN_ORDINAL,
                        null, r.extent(symtab.symoff() + p, entSize)));
            }
            if (badNames > 0) {
                warning("macho.symtab.names", badNames + " symbol names point past the string table ("
                        + symtab.strsize() + " bytes)", symtab.extent());
            }
            if (badSections > 0) {
                warning("macho.symtab.sections", badSections + " N_SECT symbols name a section number outside 1.."
                        + sections.size(), symtab.extent());
            }
            symbols = out;
            if (dysymtab != null) {
                checkDysymtabRange("local", dysymtab.ilocalsym(), dysymtab.nlocalsym());
                checkDysymtabRange("external defined", dysymtab.iextdefsym(), dysymtab.nextdefsym());
                checkDysymtabRange("undefined", dysymtab.iundefsym(), dysymtab.nundefsym());
            }
        }

        private void checkDysymtabRange(String what, long first, long count) {
            if (first > symbols.size() || count > symbols.size() - first) {
                warning("macho.dysymtab.range", "LC_DYSYMTAB " + what + " symbols " + first + "+" + count
                        + " lie outside the " + symbols.size() + " symbols", dysymtab.extent());
            }
        }

        private List<MachOSection> allSections() {
            List<MachOSection> out = new ArrayList<>();
            for (MachOSegment s : segments) out.addAll(s.sections());
            return out;
        }

        // ---- bindings -------------------------------------------------------------------------------------

        void readBindings() throws ParseCancelledException {
            MachOBindReader binds = new MachOBindReader(r, options, is64, segments, dylibs, diagnostics);
            if (dyldInfo != null) {
                binds.readOpcodes("bind", dyldInfo.bindOff(), dyldInfo.bindSize(), false, bindings);
                binds.readOpcodes("weak_bind", dyldInfo.weakBindOff(), dyldInfo.weakBindSize(), false, bindings);
                binds.readOpcodes("lazy_bind", dyldInfo.lazyBindOff(), dyldInfo.lazyBindSize(), true, bindings);
            }
            if (chainedOff >= 0) {
                chainedFixups = binds.readChainedFixups(chainedOff, chainedSize, bindings);
            }
        }

        /** The export trie: LC_DYLD_EXPORTS_TRIE when there is one (chained fixups images), else LC_DYLD_INFO's. */
        void readExports() throws ParseCancelledException {
            MachODyldInfoReader reader = new MachODyldInfoReader(r, options, is64, segments, dylibs, diagnostics);
            if (exportsTrieOff >= 0) {
                exports = reader.readExportTrie("LC_DYLD_EXPORTS_TRIE", exportsTrieOff, exportsTrieSize);
                if (dyldInfo != null && dyldInfo.exportSize() != 0) {
                    warning("macho.exports.twice", "both LC_DYLD_EXPORTS_TRIE and LC_DYLD_INFO export_off; "
                            + "the LC_DYLD_EXPORTS_TRIE one is read", dyldInfo.extent());
                }
            } else if (dyldInfo != null) {
                exports = reader.readExportTrie("LC_DYLD_INFO export trie", dyldInfo.exportOff(),
                        dyldInfo.exportSize());
            }
        }

        /** LC_DYLD_INFO rebase opcodes; skipped, like relocation entries, for a fast first screen. */
        void readRebases() throws ParseCancelledException {
            if (dyldInfo == null || !options.readRelocationEntries()) return;
            rebases = new MachODyldInfoReader(r, options, is64, segments, dylibs, diagnostics)
                    .readRebases(dyldInfo.rebaseOff(), dyldInfo.rebaseSize());
        }

        void readCodeSignature() throws ParseCancelledException {
            if (codeSigOff < 0) return;
            codeSignature = new MachOCodeSignatureReader(r, diagnostics).read(codeSigOff, codeSigSize, codeSigCommand);
        }

        void readRelocations() throws ParseCancelledException {
            for (MachOSection s : allSections()) {
                if (s.relocationCount() == 0) continue;
                options.checkCancelled();
                String table = s.segmentName() + "," + s.name();
                try {
                    r.checkTable(s.relocationOffset(), s.relocationCount(), 8, options.maxRelocations(),
                            "relocations of " + table);
                } catch (MalformedBinaryException e) {
                    error("macho.relocations.table", e.getMessage(), s.headerExtent());
                    continue;
                }
                relocationsByTable.merge(table, s.relocationCount(), Long::sum);
                if (!options.readRelocationEntries()) continue;
                try {
                    ByteBuffer b = r.buffer(s.relocationOffset(), s.relocationCount() * 8);
                    for (int k = 0; k < s.relocationCount(); k++) {
                        int address = b.getInt(k * 8);
                        int info = b.getInt(k * 8 + 4);
                        String name;
                        if (address < 0 && !(is64)) {
                            // a scattered relocation_info: the type sits in bits 24..27 of the first word
                            name = MachONames.relocationType(header.cpuType(), (address >>> 24) & 0xf);
                        } else {
                            int type = header.endianness() == Endianness.LITTLE ? info >>> 28 : info & 0xf;
                            name = MachONames.relocationType(header.cpuType(), type);
                        }
                        relocationsByType.merge(name, 1L, Long::sum);
                    }
                } catch (MalformedBinaryException e) {
                    error("macho.relocations.table", e.getMessage(), s.relocationExtent());
                }
            }
            if (dysymtab != null) {
                if (dysymtab.nextrel() > 0) relocationsByTable.put("external relocations", dysymtab.nextrel());
                if (dysymtab.nlocrel() > 0) relocationsByTable.put("local relocations", dysymtab.nlocrel());
            }
            Map<String, Long> bindCounts = new LinkedHashMap<>();
            for (MachOBinding b : bindings) bindCounts.merge(b.table(), 1L, Long::sum);
            relocationsByTable.putAll(bindCounts);
            if (!rebases.isEmpty()) relocationsByTable.put("rebase", (long) rebases.size());
            if (chainedFixups != null && !chainedFixups.fixups().isEmpty()) {
                relocationsByTable.put("chained rebase", chainedFixups.rebaseCount());
                relocationsByTable.put("chained bind", chainedFixups.bindCount());
            }
        }

        /** Every undefined symbol gets its library: bind info and chained imports first, then n_desc. */
        void resolveSymbolLibraries() {
            Map<String, MachOBinding> byName = new HashMap<>();
            for (MachOBinding b : bindings) byName.putIfAbsent(b.symbol(), b);
            boolean twoLevel = header.hasFlag(MachOHeader.MH_TWOLEVEL);
            int unresolvedOrdinals = 0;
            for (int i = 0; i < symbols.size(); i++) {
                MachONlist s = symbols.get(i);
                if (!s.undefined() || s.common()) continue;
                MachOBinding b = byName.get(s.name());
                int ordinal;
                String library;
                if (b != null) {
                    ordinal = b.ordinal();
                    library = b.library();
                } else if (twoLevel) {
                    int raw = s.descLibraryOrdinal();
                    ordinal = raw == 0xfe ? -2 : raw == 0xff ? -1 : raw;
                    library = libraryName(ordinal);
                    if (library == null) unresolvedOrdinals++;
                } else {
                    continue; // flat namespace and no bind info: dyld searches every image
                }
                symbols.set(i, new MachONlist(s.index(), s.name(), s.strx(), s.type(), s.sect(), s.desc(), s.value(),
                        s.stabName(), ordinal, library, s.extent()));
            }
            if (unresolvedOrdinals > 0) {
                warning("macho.symbols.ordinal", unresolvedOrdinals + " undefined symbols name a library ordinal beyond the "
                        + dylibs.size() + " dylibs", symtab == null ? Extent.NONE : symtab.extent());
            }
        }

        String libraryName(int ordinal) {
            String special = MachONames.specialOrdinal(ordinal);
            if (special != null) return special;
            return ordinal >= 1 && ordinal <= dylibs.size() ? dylibs.get(ordinal - 1).name() : null;
        }

        // ---- the unified view -----------------------------------------------------------------------------

        MachOImage build() {
            MachOBuildVersion buildVersion = null;
            for (MachOBuildVersion v : versions) {
                if (v.command().equals("LC_BUILD_VERSION")) {
                    buildVersion = v;
                    break;
                }
            }
            if (buildVersion == null && !versions.isEmpty()) buildVersion = versions.get(0);
            MachODetails details = new MachODetails(header, commands, segments, dylibs, idDylib, dylinker, rpaths,
                    uuid, buildVersion, versions, entryPoint, codeSignature, symtab, dysymtab, symbols, dyldInfo,
                    bindings, chainedFixups, exports, rebases);

            long cpu = header.cpuType();
            Arch arch = MachONames.arch(cpu);
            if (cpu == (12 | MachONames.CPU_ARCH_ABI64_32)) {
                info("macho.arch.arm64_32", "arm64_32: ARM64 instructions with 32-bit pointers (watchOS)", header.extent());
            } else if (cpu == (12 | MachONames.CPU_ARCH_ABI64) && (header.cpuSubtype() & 0xffffff) == 2) {
                info("macho.arch.arm64e", "arm64e: ARM64 with pointer authentication", header.extent());
            }
            BinaryKind kind = kind();
            ImageCore core = ImageCore.builder(BinaryFormat.MACHO)
                    .arch(arch)
                    .rawMachine(cpu)
                    .machineName(header.cpuTypeName())
                    .bits(is64 ? 64 : 32)
                    .endianness(header.endianness())
                    .os(os(buildVersion, arch))
                    .kind(kind)
                    .entry(entry(kind))
                    .linkage(linkage())
                    .sections(unifiedSections())
                    .segments(unifiedSegments())
                    .symbols(unifiedSymbols())
                    .libraries(unifiedLibraries())
                    .rpaths(rpaths)
                    .hardening(hardening(kind))
                    .relocations(relocationSummary())
                    .stripped(stripped())
                    .diagnostics(diagnostics)
                    .extent(r.extent(0, r.size()))
                    .build();
            return new MachOImage(core, details);
        }

        private BinaryKind kind() {
            switch ((int) header.fileType()) {
                case 1: return BinaryKind.OBJECT;
                case 2: return header.hasFlag(MachOHeader.MH_PIE) ? BinaryKind.PIE_EXECUTABLE : BinaryKind.EXECUTABLE;
                case 4: return BinaryKind.CORE;
                case 6: case 9: return BinaryKind.DYLIB;
                case 8: case 11: return BinaryKind.BUNDLE;
                default: return BinaryKind.UNKNOWN;
            }
        }

        private TargetOs os(MachOBuildVersion v, Arch arch) {
            if (v != null) {
                TargetOs os = MachONames.platformOs(v.platform());
                if (os == TargetOs.UNKNOWN) {
                    info("macho.os.platform", "platform " + v.platformName() + " has no TargetOs of its own",
                            v.extent());
                } else if (MachONames.platformVariant(v.platform()) != null) {
                    info("macho.os.variant", v.platformName() + ": " + MachONames.platformVariant(v.platform())
                            + " (target OS " + os.goos() + ", raw platform " + v.platform() + ")", v.extent());
                }
                return os;
            }
            if (header.fileType() == 2 && (arch == Arch.X86_64 || arch == Arch.ARM64)) {
                info("macho.os.assumed", "no LC_BUILD_VERSION or LC_VERSION_MIN_*: assuming macOS for an "
                        + arch.label() + " executable", header.extent());
                return TargetOs.MACOS;
            }
            return TargetOs.UNKNOWN;
        }

        private Long entry(BinaryKind kind) {
            if (entryPoint == null || kind == BinaryKind.DYLIB || kind == BinaryKind.BUNDLE
                    || kind == BinaryKind.OBJECT) {
                return null;
            }
            if (!"LC_MAIN".equals(entryPoint.source())) return entryPoint.address();
            MachOSegment text = null;
            for (MachOSegment s : segments) {
                if (s.name().equals("__TEXT")) {
                    text = s;
                    break;
                }
            }
            if (text == null) {
                warning("macho.entry.text", "LC_MAIN but no __TEXT segment to add entryoff to", entryPoint.extent());
                return null;
            }
            long address = text.vmaddr() + entryPoint.entryOff();
            entryPoint = new MachOEntryPoint(entryPoint.source(), entryPoint.entryOff(), entryPoint.stackSize(), null,
                    address, entryPoint.extent());
            return address;
        }

        private Linkage linkage() {
            boolean dynamic = header.hasFlag(MachOHeader.MH_DYLDLINK) || dylinker != null || !dylibs.isEmpty();
            for (MachODylib d : dylibs) {
                if (d.name().endsWith("/libSystem.B.dylib")) {
                    return new Linkage(dynamic, dylinker, LibcFlavor.LIBSYSTEM, d.command() + " " + d.name());
                }
            }
            if (header.fileType() == 1) return new Linkage(false, null, LibcFlavor.UNKNOWN, "relocatable object");
            if (!dynamic) return new Linkage(false, null, LibcFlavor.NONE, "no dylibs, no dyld");
            return new Linkage(true, dylinker, LibcFlavor.UNKNOWN, "libSystem is not loaded");
        }

        private static Permissions perms(int prot) {
            return new Permissions((prot & 1) != 0, (prot & 2) != 0, (prot & 4) != 0);
        }

        private List<Section> unifiedSections() {
            List<Section> out = new ArrayList<>();
            for (MachOSegment seg : segments) {
                for (MachOSection s : seg.sections()) {
                    boolean zero = s.zeroFill();
                    out.add(new Section(s.index(), s.name(), s.segmentName(), s.typeName(), s.address(), s.size(),
                            zero ? 0 : s.offset(), zero ? 0 : s.size(), s.flags(), perms(seg.initprot()),
                            s.dataExtent(), s.headerExtent()));
                }
            }
            return out;
        }

        private List<Segment> unifiedSegments() {
            List<Segment> out = new ArrayList<>();
            for (MachOSegment s : segments) {
                Extent data = s.filesize() != 0 && r.inBounds(s.fileoff(), s.filesize())
                        ? r.extent(s.fileoff(), s.filesize()) : Extent.NONE;
                out.add(new Segment(s.index(), s.name(), is64 ? MachONames.LC_SEGMENT_64 : MachONames.LC_SEGMENT,
                        s.vmaddr(), s.vmsize(), s.fileoff(), s.filesize(), perms(s.initprot()), data, s.headerExtent()));
            }
            return out;
        }

        private List<Symbol> unifiedSymbols() {
            List<MachOSection> sections = allSections();
            List<Symbol> out = new ArrayList<>(symbols.size());
            for (MachONlist n : symbols) {
                SymbolBinding binding;
                SymbolType type;
                String section;
                boolean defined;
                if (n.stab()) {
                    binding = SymbolBinding.LOCAL;
                    type = SymbolType.DEBUG;
                    section = n.stabName();
                    defined = true;
                } else {
                    binding = n.weak() ? SymbolBinding.WEAK
                            : n.external() ? SymbolBinding.GLOBAL : SymbolBinding.LOCAL;
                    int t = n.type() & MachONlist.N_TYPE;
                    defined = t != MachONlist.N_UNDF && t != MachONlist.N_PBUD;
                    if (n.common()) {
                        type = SymbolType.COMMON;
                        section = "COM";
                        defined = true;
                    } else if (t == MachONlist.N_UNDF || t == MachONlist.N_PBUD) {
                        type = SymbolType.NOTYPE;
                        section = "UND";
                    } else if (t == MachONlist.N_ABS) {
                        type = SymbolType.NOTYPE;
                        section = "ABS";
                    } else if (t == MachONlist.N_INDR) {
                        type = SymbolType.NOTYPE;
                        section = "INDR";
                    } else if (t == MachONlist.N_SECT && n.sect() >= 1 && n.sect() <= sections.size()) {
                        MachOSection s = sections.get(n.sect() - 1);
                        section = s.segmentName() + "," + s.name();
                        int st = s.type();
                        type = st >= 0x11 && st <= 0x15 ? SymbolType.TLS : s.code() ? SymbolType.FUNC : SymbolType.OBJECT;
                    } else {
                        type = SymbolType.UNKNOWN;
                        section = "";
                    }
                }
                out.add(new Symbol(n.index(), n.name(), null, n.value(), 0, SymbolTable.MACHO_NLIST, binding, type, "",
                        section, defined, null, n.library(), n.type(), n.extent()));
            }
            long base = imageBase();
            for (int i = 0; i < exports.size(); i++) {
                MachOExport e = exports.get(i);
                boolean reexport = e.reexport();
                long value = reexport ? 0 : e.absolute() ? e.address() : base + e.address();
                SymbolType type = e.threadLocal() ? SymbolType.TLS : reexport || e.absolute() ? SymbolType.NOTYPE
                        : exportType(sections, value);
                String section = reexport ? "re-export" : e.absolute() ? "ABS" : exportSection(sections, value);
                // a re-export is still something this image exports (dyld finds it here): defined
                out.add(new Symbol(i, e.name(), null, value, 0, SymbolTable.MACHO_EXPORTS,
                        e.weak() ? SymbolBinding.WEAK : SymbolBinding.GLOBAL, type, "", section, true, null,
                        e.reexportLibrary(), e.flags(), e.extent()));
            }
            return out;
        }

        /** The address export offsets count from: the segment that maps the mach header (__TEXT). */
        private long imageBase() {
            for (MachOSegment s : segments) {
                if (s.fileoff() == 0 && s.filesize() != 0) return s.vmaddr();
            }
            return 0;
        }

        private static MachOSection sectionAt(List<MachOSection> sections, long address) {
            for (MachOSection s : sections) {
                if (Long.compareUnsigned(address, s.address()) >= 0
                        && Long.compareUnsigned(address - s.address(), s.size()) < 0) {
                    return s;
                }
            }
            return null;
        }

        private static String exportSection(List<MachOSection> sections, long address) {
            MachOSection s = sectionAt(sections, address);
            return s == null ? "" : s.segmentName() + "," + s.name();
        }

        private static SymbolType exportType(List<MachOSection> sections, long address) {
            MachOSection s = sectionAt(sections, address);
            return s == null ? SymbolType.UNKNOWN : s.code() ? SymbolType.FUNC : SymbolType.OBJECT;
        }

        private List<Library> unifiedLibraries() {
            Map<Integer, Map<String, ImportedSymbol>> imports = new HashMap<>();
            for (MachOBinding b : bindings) {
                imports.computeIfAbsent(b.ordinal(), k -> new LinkedHashMap<>())
                        .putIfAbsent(b.symbol(), new ImportedSymbol(b.symbol(), -1, -1, null, b.weakImport(), b.extent()));
            }
            for (MachONlist n : symbols) {
                if (n.library() == null || n.libraryOrdinal() < 1) continue;
                imports.computeIfAbsent(n.libraryOrdinal(), k -> new LinkedHashMap<>())
                        .putIfAbsent(n.name(), new ImportedSymbol(n.name(), -1, -1, null, n.weak(), n.extent()));
            }
            List<Library> out = new ArrayList<>();
            for (MachODylib d : dylibs) {
                Map<String, ImportedSymbol> m = imports.getOrDefault(d.ordinal(), Map.of());
                out.add(new Library(d.name(), d.kind(), new ArrayList<>(m.values()), d.currentVersion(),
                        d.compatibilityVersion(), d.extent()));
            }
            return out;
        }

        private List<HardeningCheck> hardening(BinaryKind kind) {
            List<HardeningCheck> out = new ArrayList<>();
            if (header.fileType() == 2) {
                boolean pie = header.hasFlag(MachOHeader.MH_PIE);
                out.add(new HardeningCheck("pie", "PIE", pie ? HardeningState.ENABLED : HardeningState.DISABLED,
                        pie ? "MH_PIE" : "no MH_PIE flag"));
                boolean stackExec = header.hasFlag(MachOHeader.MH_ALLOW_STACK_EXECUTION);
                out.add(new HardeningCheck("nx", "Non-executable stack",
                        stackExec ? HardeningState.DISABLED : HardeningState.ENABLED,
                        stackExec ? "MH_ALLOW_STACK_EXECUTION" : "no MH_ALLOW_STACK_EXECUTION"));
            } else {
                out.add(new HardeningCheck("pie", "PIE", HardeningState.NOT_APPLICABLE, header.fileTypeName()));
            }
            if (codeSignature != null) {
                List<String> evidence = new ArrayList<>();
                if (codeSignature.adhoc()) evidence.add("adhoc");
                if (codeSignature.linkerSigned()) evidence.add("linker-signed");
                if (codeSignature.hardenedRuntime()) evidence.add("runtime");
                if (codeSignature.hasCms()) evidence.add("CMS signature");
                if (codeSignature.identifier() != null) evidence.add("identifier " + codeSignature.identifier());
                if (codeSignature.hashTypeName() != null) evidence.add(codeSignature.hashTypeName());
                out.add(new HardeningCheck("code-signature", "Code signature", HardeningState.ENABLED,
                        "LC_CODE_SIGNATURE" + (evidence.isEmpty() ? "" : ": " + String.join(", ", evidence))));
            } else if (kind != BinaryKind.OBJECT) {
                out.add(new HardeningCheck("code-signature", "Code signature", HardeningState.DISABLED,
                        "no LC_CODE_SIGNATURE"));
            }
            return out;
        }

        private RelocationSummary relocationSummary() {
            long total = 0;
            for (long v : relocationsByTable.values()) total += v;
            return new RelocationSummary(total, relocationsByTable, relocationsByType);
        }

        private boolean stripped() {
            if (symtab == null || symbols.isEmpty()) return true;
            for (MachONlist n : symbols) {
                if (n.stab()) return false;
                if (!n.undefined() && !n.external()) return false;
            }
            return true;
        }
    }
}
