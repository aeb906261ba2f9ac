package dev.crosslens.parsers.pe;

import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.Extent;
import dev.crosslens.model.pe.PeDataDirectory;
import dev.crosslens.model.pe.PeFixedFileInfo;
import dev.crosslens.model.pe.PeManifest;
import dev.crosslens.model.pe.PeResourceData;
import dev.crosslens.model.pe.PeResourceNode;
import dev.crosslens.model.pe.PeStringTable;
import dev.crosslens.model.pe.PeTranslation;
import dev.crosslens.model.pe.PeVersionInfo;
import dev.crosslens.model.pe.PeVersionString;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.io.BinaryReader;
import dev.crosslens.parsers.io.MalformedBinaryException;
import dev.crosslens.parsers.io.ParseCancelledException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks the resource tree (loop-safe: a directory already visited is not entered again; depth and node count
 * are capped) and decodes the version info (VS_VERSIONINFO) and manifest (RT_MANIFEST) resources.
 */
final class PeResources {
    private static final int MAX_DEPTH = 8;
    private static final int MAX_VERSION_BYTES = 1 << 20;
    private static final int MAX_MANIFEST_BYTES = 1 << 20;
    private static final Pattern LEVEL = Pattern.compile(
            "requestedExecutionLevel[^>]*?level\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.DOTALL);
    private static final Pattern UI_ACCESS = Pattern.compile(
            "requestedExecutionLevel[^>]*?uiAccess\\s*=\\s*[\"'](true|false)[\"']",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    record Result(PeResourceNode root, PeVersionInfo versionInfo, PeManifest manifest) {
        static final Result NONE = new Result(null, null, null);
    }

    private final BinaryReader r;
    private final RvaMap map;
    private final ParseOptions options;
    private final List<Diagnostic> diags;
    private final Set<Long> visited = new HashSet<>();
    private long base;
    private long limit;
    private int nodes;
    private boolean capped;

    PeResources(BinaryReader r, RvaMap map, ParseOptions options, List<Diagnostic> diags) {
        this.r = r;
        this.map = map;
        this.options = options;
        this.diags = diags;
    }

    Result read(PeDataDirectory d) throws MalformedBinaryException, ParseCancelledException {
        if (d == null || d.size() == 0) return Result.NONE;
        base = map.offset(d.rva());
        if (base < 0 || base >= r.size()) {
            throw new MalformedBinaryException(r.base(), "resource directory at RVA 0x" + Long.toHexString(d.rva())
                    + " is not backed by file data");
        }
        limit = Math.min(r.size() - base, d.size());
        PeResourceNode root = directory(0, 0, null, 0, base);
        PeVersionInfo version = null;
        PeManifest manifest = null;
        for (PeResourceNode type : root.children()) {
            if (type.name() != null) continue;
            if (type.id() == 16 && version == null) version = versionInfo(firstLeaf(type));
            if (type.id() == 24 && manifest == null) manifest = manifest(firstLeaf(type));
        }
        return new Result(root, version, manifest);
    }

    private PeResourceNode directory(long dirOffset, int level, String name, long id, long entryAt)
            throws MalformedBinaryException, ParseCancelledException {
        options.checkCancelled();
        long abs = base + dirOffset;
        List<PeResourceNode> children = new ArrayList<>();
        if (!visited.add(dirOffset)) {
            diags.add(Diagnostic.error("pe.resources.loop", "resource directory at 0x" + Long.toHexString(abs)
                    + " is reached twice (a loop in the tree); not entered again", r.extent(abs, 16)));
            return new PeResourceNode(level, name, id, children, null, r.extent(abs, 16));
        }
        if (dirOffset < 0 || dirOffset + 16 > limit) {
            throw new MalformedBinaryException(r.absolute(entryAt), "resource directory at offset 0x"
                    + Long.toHexString(dirOffset) + " lies outside the resource table");
        }
        int named = r.u16(abs + 12);
        int ids = r.u16(abs + 14);
        long count = (long) named + ids;
        long room = (limit - dirOffset - 16) / 8;
        if (count > room) {
            diags.add(Diagnostic.error("pe.resources.truncated", "resource directory at 0x" + Long.toHexString(abs)
                    + " has " + count + " entries but room for " + room, r.extent(abs, 16)));
            count = room;
        }
        for (int i = 0; i < count; i++) {
            if (nodes >= options.maxResources()) {
                if (!capped) {
                    capped = true;
                    diags.add(Diagnostic.error("pe.resources.too-many", "more than " + options.maxResources()
                            + " resource entries; the rest were not read", r.extent(abs, 16)));
                }
                break;
            }
            nodes++;
            long e = abs + 16 + 8L * i;
            long nameField = r.u32(e);
            long dataField = r.u32(e + 4);
            String childName = null;
            long childId = nameField & 0xffff;
            if ((nameField & 0x80000000L) != 0) {
                childName = resourceName(nameField & 0x7fffffffL, e);
                childId = 0;
            }
            if ((dataField & 0x80000000L) != 0) {
                if (level + 1 >= MAX_DEPTH) {
                    diags.add(Diagnostic.error("pe.resources.depth", "resource tree deeper than " + MAX_DEPTH
                            + " levels; not followed", r.extent(e, 8)));
                    continue;
                }
                try {
                    children.add(directory(dataField & 0x7fffffffL, level + 1, childName, childId, e));
                } catch (MalformedBinaryException ex) {
                    diags.add(Diagnostic.error("pe.resources.entry", ex.getMessage(), r.extent(e, 8)));
                }
            } else {
                PeResourceData data = dataEntry(dataField, e);
                if (data != null) {
                    children.add(new PeResourceNode(level + 1, childName, childId, List.of(), data, r.extent(e, 8)));
                }
            }
        }
        return new PeResourceNode(level, name, id, children, null, r.extent(abs, 16 + 8 * count));
    }

    private String resourceName(long off, long entry) throws MalformedBinaryException {
        if (off + 2 > limit) {
            diags.add(Diagnostic.warning("pe.resources.name", "resource name at offset 0x" + Long.toHexString(off)
                    + " lies outside the resource table", r.extent(entry, 4)));
            return "?";
        }
        int len = r.u16(base + off);
        if (off + 2 + 2L * len > limit) {
            diags.add(Diagnostic.warning("pe.resources.name", "resource name of " + len
                    + " characters runs past the resource table", r.extent(base + off, 2)));
            return "?";
        }
        return new String(r.bytes(base + off + 2, 2 * len), StandardCharsets.UTF_16LE);
    }

    private PeResourceData dataEntry(long off, long entry) throws MalformedBinaryException {
        if (off + 16 > limit) {
            diags.add(Diagnostic.error("pe.resources.data", "resource data entry at offset 0x"
                    + Long.toHexString(off) + " lies outside the resource table", r.extent(entry, 8)));
            return null;
        }
        long abs = base + off;
        long rva = r.u32(abs);
        long size = r.u32(abs + 4);
        long fileOff = map.offset(rva);
        Extent where = fileOff >= 0 && r.inBounds(fileOff, size) ? r.extent(fileOff, size) : Extent.NONE;
        return new PeResourceData(rva, size, r.u32(abs + 8), r.extent(abs, 16), where);
    }

    private static PeResourceData firstLeaf(PeResourceNode n) {
        if (n.data() != null) return n.data();
        for (PeResourceNode c : n.children()) {
            PeResourceData d = firstLeaf(c);
            if (d != null) return d;
        }
        return null;
    }

    private byte[] bytesOf(PeResourceData d, int max, String what) {
        if (d == null) return null;
        if (!d.extent().isKnown()) {
            diags.add(Diagnostic.error("pe.resources.data", what + " resource data (RVA 0x"
                    + Long.toHexString(d.rva()) + ", " + d.size() + " bytes) is not in the file", d.entryExtent()));
            return null;
        }
        if (d.size() > max) {
            diags.add(Diagnostic.warning("pe.resources.data", what + " resource of " + d.size()
                    + " bytes is larger than " + max + "; not decoded", d.extent()));
            return null;
        }
        try {
            return r.bytes(d.extent().offset() - r.base(), (int) d.size());
        } catch (MalformedBinaryException e) {
            diags.add(Diagnostic.error("pe.resources.data", e.getMessage(), d.extent()));
            return null;
        }
    }

    private PeManifest manifest(PeResourceData d) {
        byte[] b = bytesOf(d, MAX_MANIFEST_BYTES, "manifest");
        if (b == null) return null;
        String text;
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            text = new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        } else {
            int start = b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
            text = new String(b, start, b.length - start, StandardCharsets.UTF_8);
        }
        Matcher m = LEVEL.matcher(text);
        String level = m.find() ? m.group(1) : null;
        Matcher ui = UI_ACCESS.matcher(text);
        boolean uiAccess = ui.find() && ui.group(1).equalsIgnoreCase("true");
        return new PeManifest(text, level, uiAccess, d.extent());
    }

    // ---- VS_VERSIONINFO ----

    /** One version info block: {wLength, wValueLength, wType, szKey, pad, Value, pad, Children}. */
    private record Block(String key, int valueStart, int valueLength, int type, int childrenStart, int end) {
    }

    private Block block(byte[] b, int at, int end) {
        if (at + 6 > end) return null;
        int length = u16(b, at);
        int valueLength = u16(b, at + 2);
        int type = u16(b, at + 4);
        if (length < 6 || at + length > end) return null;
        int blockEnd = at + length;
        int k = at + 6;
        StringBuilder key = new StringBuilder();
        while (k + 1 < blockEnd && (b[k] != 0 || b[k + 1] != 0)) {
            key.append((char) u16(b, k));
            k += 2;
        }
        k += 2;
        int value = align4(k, at);
        int valueBytes = type == 1 ? 2 * valueLength : valueLength;
        if (value > blockEnd) value = blockEnd;
        valueBytes = Math.max(0, Math.min(valueBytes, blockEnd - value));
        int children = Math.min(blockEnd, align4(value + valueBytes, at));
        return new Block(key.toString(), value, valueBytes, type, children, blockEnd);
    }

    private static int align4(int offset, int origin) {
        return origin + ((offset - origin + 3) & ~3);
    }

    private List<Block> children(byte[] b, Block parent) {
        List<Block> out = new ArrayList<>();
        int p = parent.childrenStart();
        while (p + 6 <= parent.end()) {
            Block c = block(b, p, parent.end());
            if (c == null) break;
            out.add(c);
            p = align4(c.end(), 0);
        }
        return out;
    }

    private PeVersionInfo versionInfo(PeResourceData d) {
        byte[] b = bytesOf(d, MAX_VERSION_BYTES, "version info");
        if (b == null) return null;
        long abs = d.extent().offset();
        Block root = block(b, 0, b.length);
        if (root == null || !root.key().equals("VS_VERSION_INFO")) {
            diags.add(Diagnostic.error("pe.version.malformed", "RT_VERSION resource is not a VS_VERSIONINFO block",
                    d.extent()));
            return null;
        }
        PeFixedFileInfo fixed = null;
        if (root.valueLength() >= 52) {
            int v = root.valueStart();
            if (u32(b, v) == 0xFEEF04BDL) {
                fixed = new PeFixedFileInfo(version(u32(b, v + 8), u32(b, v + 12)),
                        version(u32(b, v + 16), u32(b, v + 20)), u32(b, v + 24), u32(b, v + 28), u32(b, v + 32),
                        u32(b, v + 36), u32(b, v + 40), Extent.of(abs + v, 52));
            } else {
                diags.add(Diagnostic.warning("pe.version.fixed", "VS_FIXEDFILEINFO signature is not 0xFEEF04BD",
                        Extent.of(abs + v, 4)));
            }
        }
        List<PeStringTable> tables = new ArrayList<>();
        List<PeTranslation> translations = new ArrayList<>();
        for (Block child : children(b, root)) {
            if (child.key().equals("StringFileInfo")) {
                for (Block table : children(b, child)) {
                    List<PeVersionString> strings = new ArrayList<>();
                    for (Block s : children(b, table)) {
                        String value = utf16z(b, s.valueStart(), s.valueLength());
                        strings.add(new PeVersionString(s.key(), value, Extent.of(abs + s.valueStart() - 0,
                                s.valueLength())));
                    }
                    int lang = -1;
                    int cp = -1;
                    if (table.key().length() == 8) {
                        try {
                            lang = Integer.parseInt(table.key().substring(0, 4), 16);
                            cp = Integer.parseInt(table.key().substring(4), 16);
                        } catch (NumberFormatException e) {
                            diags.add(Diagnostic.warning("pe.version.table-key", "StringTable key "
                                    + table.key() + " is not 8 hex digits", Extent.of(abs + table.valueStart(), 0)));
                        }
                    }
                    tables.add(new PeStringTable(table.key(), lang, cp, strings,
                            Extent.of(abs + table.childrenStart(), table.end() - table.childrenStart())));
                }
            } else if (child.key().equals("VarFileInfo")) {
                for (Block var : children(b, child)) {
                    if (!var.key().equals("Translation")) continue;
                    for (int p = var.valueStart(); p + 4 <= var.valueStart() + var.valueLength(); p += 4) {
                        translations.add(new PeTranslation(u16(b, p), u16(b, p + 2)));
                    }
                }
            }
        }
        return new PeVersionInfo(fixed, tables, translations, d.extent());
    }

    private static String version(long ms, long ls) {
        return (ms >>> 16) + "." + (ms & 0xffff) + "." + (ls >>> 16) + "." + (ls & 0xffff);
    }

    private static String utf16z(byte[] b, int at, int len) {
        int end = at;
        while (end + 1 < at + len && (b[end] != 0 || b[end + 1] != 0)) end += 2;
        return new String(b, at, end - at, StandardCharsets.UTF_16LE);
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int p) {
        return (u16(b, p) | (long) u16(b, p + 2) << 16) & 0xffffffffL;
    }
}
