package dev.crosslens.app.compare;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.Extent;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.diff.BuildDiff;
import dev.crosslens.model.diff.ChangeKind;
import dev.crosslens.model.diff.SizeChange;
import dev.crosslens.model.diff.SymbolChange;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.parsers.Binaries;
import dev.crosslens.parsers.ParseOptions;
import dev.crosslens.parsers.analysis.FileBytes;
import dev.crosslens.parsers.analysis.FindingsEngine;
import dev.crosslens.parsers.diff.BuildDiffer;
import dev.crosslens.parsers.report.DiffReport;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compares two builds off the FX thread and holds the result for the compare view: the diff, the two files, the
 * symbol rows with their text / kind / table filter, the section rows sorted for the bar chart, and the selection
 * callback for the two hex views. Holds no scene-graph types; the only class of the feature that calls the engine.
 */
public final class CompareViewModel {
    /** Report formats the view can export. */
    public enum ExportFormat {
        HTML("HTML", "html"), MARKDOWN("Markdown", "md"), JSON("JSON", "json");

        private final String label;
        private final String extension;

        ExportFormat(String label, String extension) {
            this.label = label;
            this.extension = extension;
        }

        public String label() {
            return label;
        }

        public String extension() {
            return extension;
        }
    }

    /** Where a selected row's bytes are shown: the old binary's hex view and the new binary's. */
    @FunctionalInterface
    public interface HexLink {
        /**
         * Selects {@code old} in the old binary and {@code neu} in the new one; {@link Extent#NONE} on a side (no
         * bytes there, e.g. the old side of an added symbol) leaves that side's selection as it is.
         */
        void select(Extent old, Extent neu);

        /** Brings the old (or new) binary's hex view to the front. */
        default void show(boolean oldSide) {
        }
    }

    /**
     * The exports/imports facet: what a symbol is to other binaries. Exports are defined dynamic symbols (ELF
     * .dynsym), PE exports, the Mach-O export trie (and defined external nlist symbols); imports are undefined
     * dynamic symbols, PE imports and undefined Mach-O symbols; internal is everything else (symtab, Go pclntab).
     */
    public enum Linkage {
        ALL("All"), EXPORTS("Exports"), IMPORTS("Imports"), INTERNAL("Internal");

        private final String label;

        Linkage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Whether a symbol change belongs to this facet (a symbol that changed from import to export: both). */
        public boolean test(SymbolChange s) {
            return switch (this) {
                case ALL -> true;
                case EXPORTS -> exported(s);
                case IMPORTS -> imported(s);
                case INTERNAL -> !exported(s) && !imported(s);
            };
        }

        private static boolean exported(SymbolChange s) {
            return s.isExport() || (flipped(s) && newSide(s).isExport());
        }

        private static boolean imported(SymbolChange s) {
            return s.isImport() || (flipped(s) && newSide(s).isImport());
        }

        /** Defined on one side, undefined on the other: the model's test looks at the old side only. */
        private static boolean flipped(SymbolChange s) {
            return s.oldSymbol() != null && s.newSymbol() != null && s.oldSymbol().defined() != s.newSymbol().defined();
        }

        private static SymbolChange newSide(SymbolChange s) {
            return new SymbolChange(s.kind(), s.table(), s.name(), s.newSymbol(), null, List.of());
        }
    }

    private final Executor executor;
    private final HexLink hexLink;
    private final AtomicLong run = new AtomicLong();

    private final ReadOnlyObjectWrapper<BuildDiff> diff = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<CompareSide> oldSideProperty = new SimpleObjectProperty<>();
    private final ObjectProperty<CompareSide> newSideProperty = new SimpleObjectProperty<>();
    private final ObjectProperty<BinaryFile> oldFile = new SimpleObjectProperty<>();
    private final ObjectProperty<BinaryFile> newFile = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> pendingOld = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> pendingNew = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final ObjectProperty<Double> progress = new SimpleObjectProperty<>(0.0);
    private final StringProperty status = new SimpleStringProperty("Drop two binaries here (old on the left, new on the right)");

    private final ObservableList<SymbolChange> symbols = FXCollections.observableArrayList();
    private final FilteredList<SymbolChange> visibleSymbols = new FilteredList<>(symbols, s -> true);
    private final StringProperty symbolFilter = new SimpleStringProperty("");
    private final BooleanProperty showAdded = new SimpleBooleanProperty(true);
    private final BooleanProperty showRemoved = new SimpleBooleanProperty(true);
    private final BooleanProperty showChanged = new SimpleBooleanProperty(true);
    private final ObjectProperty<Linkage> linkageFacet = new SimpleObjectProperty<>(Linkage.ALL);
    /** null: every table. */
    private final ObjectProperty<SymbolTable> tableFacet = new SimpleObjectProperty<>();
    private final ObservableList<SizeChange> sectionBars = FXCollections.observableArrayList();
    private List<SectionLink> sectionLinks = List.of();
    /** Sort the section bars by their memory (VM) change instead of their file change. */
    private final BooleanProperty sortByMemory = new SimpleBooleanProperty();

    /**
     * @param executor       runs parsing and diffing (never the FX thread)
     * @param hexLink  gets the old and new extent of a selected row (either may be {@link Extent#NONE})
     */
    public CompareViewModel(Executor executor, HexLink hexLink) {
        this.executor = executor;
        this.hexLink = hexLink == null ? (a, b) -> { } : hexLink;
        symbolFilter.addListener((o, a, b) -> refilter());
        showAdded.addListener((o, a, b) -> refilter());
        showRemoved.addListener((o, a, b) -> refilter());
        showChanged.addListener((o, a, b) -> refilter());
        tableFacet.addListener((o, a, b) -> refilter());
        linkageFacet.addListener((o, a, b) -> refilter());
        sortByMemory.addListener((o, a, b) -> {
            if (diff.get() != null) sortBars(diff.get());
        });
    }

    /** Compares two whole files (a fat file is compared by its slice that matches the other side, as the CLI does). */
    public void compare(BinaryFile old, BinaryFile neu) {
        compare(CompareSide.whole(old), CompareSide.whole(neu));
    }

    /** Compares two sides: whole files, or a fat slice or archive member picked in the workbench. */
    public void compare(CompareSide old, CompareSide neu) {
        start(() -> new Pair(old, neu));
    }

    /** Opens and compares two files (drag and drop); parsing happens on the executor. */
    public void compare(Path old, Path neu) {
        start(() -> new Pair(CompareSide.whole(Binaries.open(old, ParseOptions.defaults())),
                CompareSide.whole(Binaries.open(neu, ParseOptions.defaults()))));
    }

    /** A file dropped on one side; compares when both sides have one. */
    public void drop(boolean oldSide, Path file) {
        (oldSide ? pendingOld : pendingNew).set(file);
        if (pendingOld.get() != null && pendingNew.get() != null) {
            compare(pendingOld.get(), pendingNew.get());
        } else if (!status.isBound()) {
            status.set("Now drop the " + (oldSide ? "new" : "old") + " binary on the " + (oldSide ? "right" : "left"));
        }
    }

    private interface Opener {
        Pair open() throws IOException;
    }

    private record Pair(CompareSide old, CompareSide neu) {
    }

    private record Result(CompareSide old, CompareSide neu, BuildDiff diff) {
    }

    private void start(Opener opener) {
        long id = run.incrementAndGet();
        Task<Result> task = new Task<>() {
            @Override
            protected Result call() throws Exception {
                updateMessage("Reading both binaries...");
                updateProgress(0, 4);
                Pair p = opener.open();
                if (isCancelled()) return null;
                CompareSide oldSide = p.old().against(p.neu().image());
                CompareSide newSide = p.neu().against(oldSide.image());
                updateMessage("Running the findings rules on both sides...");
                updateProgress(1, 4);
                List<Finding> oldFindings = findings(oldSide);
                List<Finding> newFindings = findings(newSide);
                updateMessage("Comparing...");
                updateProgress(2, 4);
                BuildDiff d = new BuildDiffer().diff(oldSide.diffSide(), newSide.diffSide(), oldFindings, newFindings);
                updateProgress(4, 4);
                return new Result(oldSide, newSide, d);
            }
        };
        running.set(true);
        status.bind(task.messageProperty());
        task.progressProperty().addListener((o, a, b) -> {
            if (run.get() == id) progress.set(b.doubleValue());
        });
        task.setOnSucceeded(e -> {
            if (run.get() != id) return; // a newer comparison started: drop this one
            status.unbind();
            running.set(false);
            Result r = task.getValue();
            if (r == null) return;
            sectionLinks = SectionLink.match(r.old().image().core().sections(), r.neu().image().core().sections());
            oldSideProperty.set(r.old());
            newSideProperty.set(r.neu());
            oldFile.set(r.old().file());
            newFile.set(r.neu().file());
            show(r.diff());
        });
        task.setOnFailed(e -> {
            if (run.get() != id) return;
            status.unbind();
            running.set(false);
            Throwable t = task.getException();
            status.set("Cannot compare: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()));
        });
        executor.execute(task);
    }

    /** Findings of the compared image: a fat slice or archive member is checked on its own (as the CLI does). */
    private static List<Finding> findings(CompareSide side) throws IOException {
        Path p = Path.of(side.file().path());
        try (FileBytes bytes = side.isWholeFile() && Files.isRegularFile(p) ? FileBytes.open(p) : null) {
            return FindingsEngine.standard().run(side.imageFile(), null, null, bytes);
        }
    }

    /** Shows a diff computed elsewhere (FX thread). */
    public void show(BuildDiff d) {
        // the rows first: views that draw on the diff's change read the symbol tables and facet counts from them
        symbols.setAll(d.symbols());
        sortBars(d);
        diff.set(d);
        status.set(d.isEmpty() ? "No semantic difference" + (d.noise().isEmpty() ? "" : " (only noise)")
                : "Differences, causes first:");
    }

    /**
     * One bar row per section whose file size, memory size or permissions changed: largest file change first
     * (memory change as the tie-break), or largest memory change first.
     */
    private void sortBars(BuildDiff d) {
        Comparator<SizeChange> file = Comparator.comparingLong((SizeChange s) -> Math.abs(s.fileDelta())).reversed();
        Comparator<SizeChange> memory = Comparator.comparingLong((SizeChange s) -> Math.abs(s.vmDelta())).reversed();
        Comparator<SizeChange> order = sortByMemory.get() ? memory.thenComparing(file) : file.thenComparing(memory);
        sectionBars.setAll(d.sections().stream()
                .filter(s -> s.fileDelta() != 0 || s.vmDelta() != 0 || s.permissionsChanged())
                .sorted(order.thenComparing(SizeChange::name)).toList());
    }

    private void refilter() {
        String q = symbolFilter.get() == null ? "" : symbolFilter.get().strip().toLowerCase(Locale.ROOT);
        SymbolTable t = tableFacet.get();
        Linkage l = linkageFacet.get() == null ? Linkage.ALL : linkageFacet.get();
        visibleSymbols.setPredicate(s -> kindShown(s.kind()) && (t == null || s.table() == t) && l.test(s)
                && (q.isEmpty() || s.name().toLowerCase(Locale.ROOT).contains(q)
                    || s.displayName().toLowerCase(Locale.ROOT).contains(q)));
    }

    private boolean kindShown(ChangeKind k) {
        return switch (k) {
            case ADDED -> showAdded.get();
            case REMOVED -> showRemoved.get();
            case CHANGED -> showChanged.get();
        };
    }

    /** The tables the symbol changes come from, for the table facet. */
    public List<SymbolTable> tables() {
        return symbols.stream().map(SymbolChange::table).distinct().sorted().toList();
    }

    /** A symbol row was selected: its old bytes go to the old binary's hex view, its new bytes to the new one's. */
    public void selectSymbol(SymbolChange s) {
        if (s == null) return;
        hexLink.select(s.oldSymbol() == null ? Extent.NONE : s.oldSymbol().extent(),
                s.newSymbol() == null ? Extent.NONE : s.newSymbol().extent());
    }

    /** A section row was selected: as {@link #selectSymbol}. */
    public void selectSize(SizeChange s) {
        if (s == null) return;
        hexLink.select(s.oldExtent() == null ? Extent.NONE : s.oldExtent(),
                s.newExtent() == null ? Extent.NONE : s.newExtent());
    }

    /** Two extents selected together (a pair of matched sections in the maps). */
    public void selectExtents(Extent old, Extent neu) {
        hexLink.select(old == null ? Extent.NONE : old, neu == null ? Extent.NONE : neu);
    }

    /** Brings the old (or new) binary's hex view to the front, showing what the last selected row selected there. */
    public void showHex(boolean oldSide) {
        hexLink.show(oldSide);
    }

    /** Writes the report of the diff on screen to {@code file} on the executor; {@code done} gets the error or null. */
    public void export(ExportFormat format, Path file, java.util.function.Consumer<String> done) {
        BuildDiff d = diff.get();
        if (d == null) return;
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws IOException {
                write(d, format, file);
                return null;
            }
        };
        task.setOnSucceeded(e -> done.accept(null));
        task.setOnFailed(e -> done.accept(task.getException().getMessage()));
        executor.execute(task);
    }

    static void write(BuildDiff d, ExportFormat format, Path file) throws IOException {
        DiffReport report = new DiffReport(d, Set.of(), List.of());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); PrintWriter out = new PrintWriter(w)) {
            switch (format) {
                case HTML -> report.writeHtml(out);
                case MARKDOWN -> report.writeMarkdown(out, Integer.MAX_VALUE);
                case JSON -> report.writeJson(out, true); // a file people open
            }
            out.flush();
            if (out.checkError()) throw new UncheckedIOException(new IOException("cannot write " + file));
        }
    }

    public ReadOnlyObjectProperty<BuildDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    /** What the old side compares: the file and, for a fat file or an archive, the slice or member in it. */
    public ReadOnlyObjectProperty<CompareSide> oldSideProperty() {
        return oldSideProperty;
    }

    public ReadOnlyObjectProperty<CompareSide> newSideProperty() {
        return newSideProperty;
    }

    /** The old file as opened (for a slice: the whole fat file). */
    public ObjectProperty<BinaryFile> oldFileProperty() {
        return oldFile;
    }

    public ObjectProperty<BinaryFile> newFileProperty() {
        return newFile;
    }

    public ObjectProperty<Path> pendingOldProperty() {
        return pendingOld;
    }

    public ObjectProperty<Path> pendingNewProperty() {
        return pendingNew;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public ObjectProperty<Double> progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObservableList<SymbolChange> allSymbols() {
        return symbols;
    }

    public ObservableList<SymbolChange> visibleSymbols() {
        return visibleSymbols;
    }

    public StringProperty symbolFilterProperty() {
        return symbolFilter;
    }

    public BooleanProperty showAddedProperty() {
        return showAdded;
    }

    public BooleanProperty showRemovedProperty() {
        return showRemoved;
    }

    public BooleanProperty showChangedProperty() {
        return showChanged;
    }

    /** Exports, imports, internal symbols or all of them. */
    public ObjectProperty<Linkage> linkageFacetProperty() {
        return linkageFacet;
    }

    /** How many symbol changes of the diff on screen fall in a facet (for its button). */
    public long count(Linkage l) {
        return symbols.stream().filter(l::test).count();
    }

    public ObjectProperty<SymbolTable> tableFacetProperty() {
        return tableFacet;
    }

    /** Sections whose size (file or memory) or permissions changed, sorted for the bar chart: one row each. */
    public ObservableList<SizeChange> sectionBars() {
        return sectionBars;
    }

    /** Every section of the two compared images, matched by name: the ribbons between the two section maps. */
    public List<SectionLink> sectionLinks() {
        return sectionLinks;
    }

    public BooleanProperty sortByMemoryProperty() {
        return sortByMemory;
    }
}
