package dev.crosslens.app.libraries;

import dev.crosslens.app.control.Plural;
import dev.crosslens.model.Extent;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.ImportedSymbol;
import dev.crosslens.model.Library;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The libraries an image needs, as a tree: each library with what it imports from it, then what the image
 * exports, then its run-time search paths. A library's imports are the ones the format lists for it (PE import
 * descriptors, ELF symbol versions), else the undefined symbols that name it; imports the format does not tie to
 * any library (unversioned ELF symbols) are grouped under "Imported symbols (not tied to a library)". Each library
 * appears once.
 */
public final class LibrariesViewModel {
    /** One tree node, plain data. */
    public record Node(String label, String detail, String styleClass, Extent extent, List<Node> children) {
        public Node {
            children = List.copyOf(children);
            extent = extent == null ? Extent.NONE : extent;
        }
    }

    /** One node as a row of a copy or an export: under which library or group, and where its bytes are. */
    public record Row(String parent, String name, String detail, String kind, Extent extent) {
        public static final List<String> HEADERS = List.of("Parent", "Name", "Detail", "Kind", "Offset", "Size");

        /** The cells under {@link #HEADERS}; offset and size in hex, empty when the node has no bytes. */
        public List<String> cells() {
            boolean known = extent != null && extent.isKnown();
            return List.of(parent, name, detail, kind, known ? "0x" + Long.toHexString(extent.offset()) : "",
                    known ? "0x" + Long.toHexString(extent.size()) : "");
        }
    }

    /** {@code node} as a row under {@code parent} (null or the root for a top-level node). */
    public Row row(Node parent, Node node) {
        return new Row(parent == null || parent == root ? "" : parent.label(), node.label(), node.detail(),
                node.styleClass(), node.extent());
    }

    private final Node root;
    private final int libraryCount;

    public LibrariesViewModel(ImageCore core) {
        List<Node> top = new ArrayList<>();
        Map<String, List<Node>> byLibraryFromSymbols = new LinkedHashMap<>();
        List<Node> unattributed = new ArrayList<>();
        for (Symbol s : core.symbols()) {
            if (s.defined() || s.name().isEmpty()) continue;
            if (s.table() != SymbolTable.DYNSYM && s.table() != SymbolTable.PE_IMPORTS
                    && s.table() != SymbolTable.MACHO_NLIST) continue;
            Node n = new Node(s.versionedName(), s.binding() == SymbolBinding.WEAK ? "weak" : "", "import",
                    s.extent(), List.of());
            if (s.library() != null && !s.library().isEmpty()) {
                byLibraryFromSymbols.computeIfAbsent(s.library(), k -> new ArrayList<>()).add(n);
            } else {
                unattributed.add(n);
            }
        }
        for (Library l : core.libraries()) {
            // Whichever list a library's imports come from, its symbols are taken out of the by-name map: what is
            // left there afterwards is only what names a library the image does not list as needed.
            List<Node> fromSymbols = takeByName(byLibraryFromSymbols, l.name());
            List<Node> kids = new ArrayList<>();
            if (!l.imports().isEmpty()) {
                for (ImportedSymbol i : l.imports()) {
                    kids.add(new Node(i.label(), (i.hint() >= 0 ? "hint " + i.hint() : "")
                            + (i.weak() ? " weak" : ""), "import", i.extent(), List.of()));
                }
            } else if (fromSymbols != null) {
                kids.addAll(fromSymbols);
            }
            String detail = l.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (l.currentVersion() != null ? "  " + l.currentVersion() : "")
                    + "  " + Plural.of(kids.size(), "import", "imports");
            top.add(new Node(l.name(), detail, "library", l.extent(), kids));
        }
        for (Map.Entry<String, List<Node>> e : byLibraryFromSymbols.entrySet()) {
            top.add(new Node(e.getKey(), "not in the needed list  " + Plural.of(e.getValue().size(), "import", "imports"),
                    "library", Extent.NONE, e.getValue()));
        }
        if (!unattributed.isEmpty()) {
            top.add(new Node("Imported symbols (not tied to a library)",
                    Plural.of(unattributed.size(), "symbol", "symbols"), "group", Extent.NONE, unattributed));
        }
        List<Node> exports = new ArrayList<>();
        for (Symbol s : core.symbols()) {
            if (!s.defined()) continue;
            boolean exported = s.table() == SymbolTable.PE_EXPORTS || s.table() == SymbolTable.MACHO_EXPORTS
                    || (s.table() == SymbolTable.DYNSYM && s.binding() != SymbolBinding.LOCAL);
            if (exported) exports.add(new Node(s.displayName(), "0x" + Long.toHexString(s.value()), "export",
                    s.extent(), List.of()));
        }
        top.add(new Node("Exports", Plural.of(exports.size(), "symbol", "symbols"), "group", Extent.NONE, exports));
        List<Node> paths = new ArrayList<>();
        for (String p : core.rpaths()) paths.add(new Node(p, "", "rpath", Extent.NONE, List.of()));
        if (core.linkage().interpreter() != null) {
            paths.add(0, new Node(core.linkage().interpreter(), "interpreter", "rpath", Extent.NONE, List.of()));
        }
        top.add(new Node("Search paths (RPATH / RUNPATH / LC_RPATH)", paths.isEmpty() ? "none" : paths.size() + "",
                "group", Extent.NONE, paths));
        this.libraryCount = core.libraries().size();
        this.root = new Node("Libraries", libraryCount + " needed", "group", Extent.NONE, top);
    }

    /**
     * The symbols named after this library, removed from the map; DLL names are matched without regard to case
     * ({@code KERNEL32.dll} and {@code kernel32.dll} are one library to the Windows loader).
     */
    private static List<Node> takeByName(Map<String, List<Node>> byName, String name) {
        List<Node> out = null;
        for (java.util.Iterator<Map.Entry<String, List<Node>>> it = byName.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<Node>> e = it.next();
            if (!e.getKey().equalsIgnoreCase(name)) continue;
            if (out == null) out = new ArrayList<>();
            out.addAll(e.getValue());
            it.remove();
        }
        return out;
    }

    public Node root() {
        return root;
    }

    public int libraryCount() {
        return libraryCount;
    }
}
