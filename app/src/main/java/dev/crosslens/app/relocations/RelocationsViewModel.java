package dev.crosslens.app.relocations;

import dev.crosslens.model.ArchiveImage;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.Extent;
import dev.crosslens.model.FatImage;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.RelocationSummary;
import dev.crosslens.model.elf.ElfRelocation;
import dev.crosslens.model.elf.ElfRelocationSection;
import dev.crosslens.model.macho.MachOBinding;
import dev.crosslens.model.macho.MachOChainedFixup;
import dev.crosslens.model.macho.MachODetails;
import dev.crosslens.model.macho.MachORebase;
import dev.crosslens.model.pe.CoffRelocation;
import dev.crosslens.model.pe.CoffSymbol;
import dev.crosslens.model.pe.PeBaseRelocation;
import dev.crosslens.model.pe.PeDetails;
import dev.crosslens.model.pe.PeSectionHeader;
import dev.crosslens.parsers.pe.PeBaseRelocationReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import dev.crosslens.app.control.FilterWorker;
import dev.crosslens.app.symbols.SymbolsViewModel;
import javafx.application.Platform;

/**
 * Relocation counts by table and by type, biggest first, and every entry the model has: ELF REL/RELA/RELR
 * entries, PE base relocations (read from the file's bytes on demand) and COFF object relocations, Mach-O rebases,
 * binds and chained fixups. The entries are narrowed by a text filter, a table and a type.
 */
public final class RelocationsViewModel {
    /** One count. */
    public record Count(String name, long count, double share) {
    }

    /**
     * One relocation entry, whatever the format.
     *
     * @param table  the table it is in: {@code .rela.dyn}, {@code base relocations}, {@code rebase}, ...
     * @param offset where it applies: ELF r_offset, PE RVA, Mach-O address; null when the format does not say
     * @param symbol the symbol it binds to ({@code name (library)} for Mach-O binds), "" for none
     * @param addend r_addend (RELA), the Mach-O bind addend; null where there is none
     * @param target a Mach-O chained rebase's target address; null elsewhere
     * @param extent the entry's own bytes in the file
     */
    public record Entry(String table, Long offset, String type, String symbol, Long addend, Long target,
                        Extent extent) {
    }

    /** An entry and its lower-case search text. */
    public record Row(Entry entry, String key) {
    }

    /** Entries kept at most (PE base relocations are read here, not by the parse). */
    static final int MAX_ENTRIES = 5_000_000;

    private final RelocationSummary summary;
    private final ObservableList<Count> byTable = FXCollections.observableArrayList();
    private final ObservableList<Count> byType = FXCollections.observableArrayList();
    private final List<Row> rows = new ArrayList<>();
    private final ObservableList<Row> shownRows = FXCollections.observableArrayList();
    private final Executor worker;
    private final Executor fx;
    private final AtomicLong run = new AtomicLong();
    private final boolean hasAddends;
    private final boolean hasTargets;
    private final boolean hasSymbols;
    private final List<String> tables;
    private final List<String> types;
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<String> table = new SimpleObjectProperty<>();
    private final ObjectProperty<String> type = new SimpleObjectProperty<>();
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper();
    private final String note;

    /** From this many entries on, filtering runs off the FX thread (as the symbol table's does). */
    static final int ASYNC_THRESHOLD = SymbolsViewModel.ASYNC_THRESHOLD;

    /**
     * Built off the FX thread (it reads the entries). Filters synchronously below {@link #ASYNC_THRESHOLD} entries,
     * else on the table-filter worker with the result applied on the FX thread.
     *
     * @param bytes the file's bytes (for PE base relocation entries), null when not loaded
     */
    public RelocationsViewModel(BinaryImage image, ByteBuffer bytes) {
        this.summary = image.core().relocations();
        List<Entry> entries = entries(image, bytes);
        LinkedHashSet<String> tableNames = new LinkedHashSet<>();
        TreeSet<String> typeNames = new TreeSet<>();
        for (Entry e : entries) {
            tableNames.add(e.table());
            typeNames.add(e.type());
            rows.add(new Row(e, (e.table() + '\u0000' + e.type() + '\u0000' + e.symbol() + '\u0000'
                    + (e.offset() == null ? "" : "0x" + Long.toHexString(e.offset()))).toLowerCase(Locale.ROOT)));
        }
        // the engine's counts; where it has none by table or by type (Mach-O types), the entries' own
        byTable.setAll(counts(summary.byTable().isEmpty() ? countBy(entries, Entry::table) : summary.byTable(), summary.total()));
        byType.setAll(counts(summary.byType().isEmpty() ? countBy(entries, Entry::type) : summary.byType(), summary.total()));
        tables = List.copyOf(tableNames);
        types = List.copyOf(typeNames);
        hasAddends = entries.stream().anyMatch(e -> e.addend() != null);
        hasTargets = entries.stream().anyMatch(e -> e.target() != null);
        hasSymbols = entries.isEmpty() || entries.stream().anyMatch(e -> !e.symbol().isEmpty());
        boolean async = rows.size() >= ASYNC_THRESHOLD;
        worker = async ? FilterWorker.executor() : null;
        fx = async ? Platform::runLater : null;
        shownRows.setAll(rows);
        shown.set(shownRows.size());
        filterText.addListener((o, a, b) -> refilter());
        table.addListener((o, a, b) -> refilter());
        type.addListener((o, a, b) -> refilter());
        if (image instanceof FatImage || image instanceof ArchiveImage) {
            note = "Each " + (image instanceof FatImage ? "slice" : "member") + " has its own relocations: select it in"
                    + " the tree on the left.";
        } else if (entries.isEmpty() && summary.total() > 0) {
            note = "The entries were not read for this file; only their counts are shown.";
        } else {
            note = "";
        }
    }

    static List<Count> counts(Map<String, Long> m, long total) {
        List<Count> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : m.entrySet()) {
            out.add(new Count(e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total));
        }
        out.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.name().compareTo(b.name()));
        return out;
    }

    private static Map<String, Long> countBy(List<Entry> entries, java.util.function.Function<Entry, String> key) {
        Map<String, Long> m = new HashMap<>();
        for (Entry e : entries) m.merge(key.apply(e), 1L, Long::sum);
        return m;
    }

    private static List<Entry> entries(BinaryImage image, ByteBuffer bytes) {
        List<Entry> out = new ArrayList<>();
        if (image instanceof ElfImage elf && elf.elf() != null) {
            for (ElfRelocationSection s : elf.elf().relocationSections()) {
                boolean rela = s.kind().equals("RELA");
                for (ElfRelocation r : s.entries()) {
                    if (out.size() >= MAX_ENTRIES) return out;
                    out.add(new Entry(s.name(), r.offset(), r.typeName(), r.symbolName(), rela ? r.addend() : null,
                            null, r.extent()));
                }
            }
        } else if (image instanceof PeImage pe && pe.pe() != null) {
            PeDetails d = pe.pe();
            if (bytes != null && d.baseRelocations().total() > 0) {
                for (PeBaseRelocation r : new PeBaseRelocationReader().read(bytes, d.baseRelocations(), MAX_ENTRIES)) {
                    out.add(new Entry("base relocations", r.rva(), r.typeName(), "", null, null, r.extent()));
                }
            }
            if (!d.objectRelocations().isEmpty()) {
                Map<Integer, String> sections = new HashMap<>();
                for (PeSectionHeader h : d.sections()) sections.put(h.index(), h.name());
                Map<Long, String> symbols = new HashMap<>();
                for (CoffSymbol s : d.coffSymbols()) symbols.put(s.index(), s.name());
                for (CoffRelocation r : d.objectRelocations()) {
                    if (out.size() >= MAX_ENTRIES) return out;
                    String sec = sections.getOrDefault(r.sectionIndex(), "#" + r.sectionIndex());
                    out.add(new Entry(sec + " relocations", r.virtualAddress(), r.typeName(),
                            symbols.getOrDefault(r.symbolTableIndex(), "#" + r.symbolTableIndex()), null, null,
                            r.extent()));
                }
            }
        } else if (image instanceof MachOImage m && m.macho() != null) {
            MachODetails d = m.macho();
            for (MachORebase r : d.rebases()) {
                if (out.size() >= MAX_ENTRIES) return out;
                out.add(new Entry("rebase", r.address(), r.typeName(), "", null, null, r.extent()));
            }
            for (MachOBinding b : d.bindings()) {
                if (out.size() >= MAX_ENTRIES) return out;
                String sym = b.symbol() + (b.library() == null || b.library().isEmpty() ? "" : " (" + b.library() + ")");
                out.add(new Entry(b.table(), b.address() < 0 ? null : b.address(),
                        b.weakImport() ? "bind (weak import)" : "bind", sym, b.addend(), null, b.extent()));
            }
            if (d.chainedFixups() != null) {
                for (MachOChainedFixup f : d.chainedFixups().fixups()) {
                    if (out.size() >= MAX_ENTRIES) return out;
                    String t = (f.bind() ? "bind" : "rebase") + (f.authenticated() ? " (auth)" : "");
                    out.add(new Entry("chained fixups", f.address(), t, f.symbol() == null ? "" : f.symbol(),
                            f.bind() ? f.addend() : null, f.bind() ? null : f.target(), f.extent()));
                }
            }
        }
        return out;
    }

    /** Filters the entries anew; on the worker for a large table, where a newer request drops an older result. */
    private void refilter() {
        String q = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        String t = table.get();
        String y = type.get();
        java.util.function.Predicate<Row> keep = r -> (t == null || t.equals(r.entry().table()))
                && (y == null || y.equals(r.entry().type())) && (q.isEmpty() || r.key().contains(q));
        long id = run.incrementAndGet();
        if (worker == null) {
            show(rows.stream().filter(keep).toList());
            return;
        }
        worker.execute(() -> {
            if (run.get() != id) return; // a newer request is queued
            List<Row> result = rows.stream().filter(keep).toList();
            fx.execute(() -> {
                if (run.get() == id) show(result);
            });
        });
    }

    private void show(List<Row> result) {
        shownRows.setAll(result); // one change event
        shown.set(result.size());
    }

    public boolean hasAddends() {
        return hasAddends;
    }

    public boolean hasTargets() {
        return hasTargets;
    }

    /** Whether a symbol column says anything (no entries: keep it, for the empty table's look). */
    public boolean hasSymbols() {
        return hasSymbols;
    }

    public long total() {
        return summary.total();
    }

    public ObservableList<Count> byTable() {
        return byTable;
    }

    public ObservableList<Count> byType() {
        return byType;
    }

    /** The entries that pass the filters, in table order (a view sorts a sorted list over it). */
    public ObservableList<Row> entries() {
        return shownRows;
    }

    /** How many entries the model has for this image. */
    public int entryCount() {
        return rows.size();
    }

    /** The tables the entries come from, in file order. */
    public List<String> tables() {
        return tables;
    }

    /** Every type name among the entries, sorted. */
    public List<String> types() {
        return types;
    }

    /** Substring of the table, type, symbol or hex offset ({@code 0x20f}) to show (case-insensitive). */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** Only this table's entries; null for all. */
    public ObjectProperty<String> tableProperty() {
        return table;
    }

    /** Only entries of this type; null for all. */
    public ObjectProperty<String> typeProperty() {
        return type;
    }

    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** Why there are counts but no entries (or where they are instead), "" when the entries are all here. */
    public String note() {
        return note;
    }
}
