package dev.crosslens.app.symbols;

import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;

/**
 * Every symbol of an image in one filterable, sortable list. The search key of each row (lower-cased readable
 * name, raw name and library) is computed once, in the constructor, which callers run off the FX thread. A change
 * of the text, the regex toggle, a facet or the order becomes one immutable {@link Query} (the regex compiled
 * once, the facets folded into one predicate pass); lists of {@link #ASYNC_THRESHOLD} rows or more are filtered
 * on a worker into a new array that replaces the list of {@link #itemsProperty()} in one step. Each request carries a run
 * number: a worker skips a request that is no longer the latest, and a result that arrives after a newer request
 * is dropped (typing fast never shows a stale list, and pending keystrokes coalesce into the latest one). Smaller
 * lists filter in place, synchronously: a few thousand rows cost well under a millisecond.
 */
public final class SymbolsViewModel {
    /** From this many rows on, filtering and sorting run off the FX thread. */
    public static final int ASYNC_THRESHOLD = 20_000;
    /** From this many rows on, a regex filter runs on every core. */
    static final int PARALLEL_REGEX = 50_000;

    /** Defined-ness facet. */
    public enum Definition {
        ALL("All"), DEFINED("Defined"), UNDEFINED("Undefined"), WEAK("Weak");

        private final String label;

        Definition(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A table row: the symbol and its precomputed search key. */
    public record Row(Symbol symbol, String key) {
        static Row of(Symbol s) {
            String lib = s.library() == null ? "" : s.library();
            String dn = s.displayName();
            String key = (dn.equals(s.name()) ? dn : dn + '\n' + s.name()) + (lib.isEmpty() ? "" : '\n' + lib);
            return new Row(s, key.toLowerCase(Locale.ROOT));
        }
    }

    /** One filter request: the facets and text as they were when it was made, the regex already compiled. */
    record Query(Definition definition, SymbolTable table, SymbolBinding binding, String needle, Pattern pattern) {
        boolean test(Row r, Matcher m) {
            Symbol s = r.symbol();
            switch (definition) {
                case DEFINED -> {
                    if (!s.defined()) return false;
                }
                case UNDEFINED -> {
                    if (s.defined()) return false;
                }
                case WEAK -> {
                    if (s.binding() != SymbolBinding.WEAK) return false;
                }
                default -> {
                }
            }
            if (table != null && s.table() != table) return false;
            if (binding != null && s.binding() != binding) return false;
            if (pattern != null) {
                String dn = s.displayName();
                // most symbols are not demangled: their readable name is the raw name, matched once
                return m.reset(dn).find() || (!dn.equals(s.name()) && m.reset(s.name()).find());
            }
            return needle.isEmpty() || r.key().contains(needle);
        }

        boolean all() {
            return definition == Definition.ALL && table == null && binding == null && pattern == null
                    && needle.isEmpty();
        }

        /**
         * True when every row this query passes also passed {@code earlier}: the same facets and a plain needle
         * that contains the earlier one (typing on narrows), so filtering the earlier result is enough.
         */
        boolean narrows(Query earlier) {
            return earlier != null && pattern == null && earlier.pattern == null && definition == earlier.definition
                    && table == earlier.table && binding == earlier.binding && needle.contains(earlier.needle);
        }

        /** The rows of {@code order} that pass, in that order. */
        Row[] apply(Row[] order) {
            if (all()) return order;
            if (pattern != null && order.length >= PARALLEL_REGEX) {
                // a regex costs ~100x a substring test per row: use every core, one matcher per thread
                ThreadLocal<Matcher> matchers = ThreadLocal.withInitial(() -> pattern.matcher(""));
                return Arrays.stream(order).parallel().filter(r -> test(r, matchers.get())).toArray(Row[]::new);
            }
            Matcher m = pattern == null ? null : pattern.matcher("");
            Row[] out = new Row[order.length];
            int n = 0;
            for (Row r : order) {
                if (test(r, m)) out[n++] = r;
            }
            return Arrays.copyOf(out, n);
        }
    }

    private static final Query NOTHING = null;

    private final Row[] original;
    private volatile Row[] order;
    /** The last filter computed, its query and the order it filtered: worker (or caller) thread only. */
    private Query lastQuery;
    private Row[] lastResult;
    private Row[] lastOrder;
    private final ReadOnlyObjectWrapper<ObservableList<Row>> shownRows = new ReadOnlyObjectWrapper<>();
    private final Executor worker;
    private final Executor fx;
    private final AtomicLong run = new AtomicLong();
    private final StringProperty filterText = new SimpleStringProperty("");
    private final BooleanProperty regex = new SimpleBooleanProperty(false);
    private final ObjectProperty<Definition> definition = new SimpleObjectProperty<>(Definition.ALL);
    private final ObjectProperty<SymbolTable> table = new SimpleObjectProperty<>();
    private final ObjectProperty<SymbolBinding> binding = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final List<SymbolTable> tables;
    private final List<SymbolBinding> bindings;

    /** Filters synchronously below {@link #ASYNC_THRESHOLD} rows, else on a worker with results on the FX thread. */
    public SymbolsViewModel(List<Symbol> symbols) {
        this(symbols, symbols.size() >= ASYNC_THRESHOLD ? dev.crosslens.app.control.FilterWorker.executor() : null,
                symbols.size() >= ASYNC_THRESHOLD ? Platform::runLater : null);
    }

    /**
     * {@code worker} runs filters and sorts, {@code fx} applies their results (on the thread that owns the
     * properties); both null = everything synchronous on the caller's thread.
     */
    public SymbolsViewModel(List<Symbol> symbols, Executor worker, Executor fx) {
        if ((worker == null) != (fx == null)) throw new IllegalArgumentException("both executors or neither");
        this.worker = worker;
        this.fx = fx;
        Row[] list = new Row[symbols.size()];
        Set<SymbolTable> ts = EnumSet.noneOf(SymbolTable.class);
        Set<SymbolBinding> bs = EnumSet.noneOf(SymbolBinding.class);
        int i = 0;
        for (Symbol s : symbols) {
            list[i++] = Row.of(s);
            if (s.table() != null) ts.add(s.table());
            bs.add(s.binding());
        }
        tables = List.copyOf(ts);
        bindings = List.copyOf(bs);
        original = list;
        order = list;
        shownRows.set(listOf(list));
        shown.set(list.length);
        filterText.addListener((o, a, b) -> refilter());
        regex.addListener((o, a, b) -> refilter());
        definition.addListener((o, a, b) -> refilter());
        table.addListener((o, a, b) -> refilter());
        binding.addListener((o, a, b) -> refilter());
    }

    /** The query for the current text and facets; null when the regex does not compile (matches nothing). */
    Query query() {
        String text = filterText.get() == null ? "" : filterText.get();
        Pattern pat = null;
        if (regex.get() && !text.isEmpty()) {
            try {
                pat = Pattern.compile(text, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                filterError.set(e.getDescription() + " near index " + e.getIndex());
                return NOTHING;
            }
        }
        filterError.set("");
        Definition d = definition.get() == null ? Definition.ALL : definition.get();
        return new Query(d, table.get(), binding.get(), pat != null ? "" : text.toLowerCase(Locale.ROOT), pat);
    }

    private boolean refilterQueued;

    /**
     * Filters again. With a worker, the request is made once the current FX event is over, so changes made
     * together (two facets, a text and the regex toggle) cost one filter, at no added delay.
     */
    private void refilter() {
        if (worker == null) {
            submit(null, false);
            return;
        }
        busy.set(true);
        if (refilterQueued) return;
        refilterQueued = true;
        run.incrementAndGet(); // what is filtering now is already stale
        fx.execute(() -> {
            refilterQueued = false;
            submit(null, false);
        });
    }

    /**
     * Starts run n+1: sorts first when asked ({@code comparator} null with {@code resort} = table order), then
     * filters. Synchronous without executors.
     */
    private void submit(Comparator<Row> comparator, boolean resort) {
        Query q = query();
        long id = run.incrementAndGet();
        if (worker == null) {
            if (resort) order = sortedOrder(comparator);
            show(id, listOf(filter(q)));
            return;
        }
        busy.set(true);
        worker.execute(() -> {
            if (resort) {
                // a sort is never skipped: later filters read the order it leaves
                Row[] o = sortedOrder(comparator);
                order = o;
            }
            if (run.get() != id) return; // a newer request is queued; it will filter
            ObservableList<Row> result = listOf(filter(q));
            if (run.get() != id) return;
            fx.execute(() -> show(id, result));
        });
    }

    /** Filters the current order, starting from the last result when the query only narrows it. */
    private Row[] filter(Query q) {
        if (q == NOTHING) return new Row[0];
        Row[] o = order;
        Row[] from = o == lastOrder && q.narrows(lastQuery) ? lastResult : o;
        Row[] result = q.apply(from);
        lastQuery = q;
        lastResult = result;
        lastOrder = o;
        return result;
    }

    private Row[] sortedOrder(Comparator<Row> comparator) {
        if (comparator == null) return original;
        Row[] copy = original.clone();
        Arrays.sort(copy, comparator);
        return copy;
    }

    /**
     * A read-only list over {@code rows}, built on the worker. A new list per result rather than {@code setAll}
     * (which fires one change per element on 200k rows); a SortedList (no comparator: the rows' order) because
     * a TableView clears its sort order when its items become any other new list.
     */
    private static ObservableList<Row> listOf(Row[] rows) {
        return new SortedList<>(FXCollections.observableList(Arrays.asList(rows)));
    }

    private void show(long id, ObservableList<Row> result) {
        if (run.get() != id) return; // stale: a newer request has started
        shownRows.set(result);
        shown.set(result.size());
        busy.set(false);
    }

    /** The rows as filtered and sorted now (read-only); each change replaces the list, see {@link #itemsProperty}. */
    public ObservableList<Row> sorted() {
        return shownRows.get();
    }

    /** The list the table shows: replaced as a whole by each filter or sort result. */
    public ReadOnlyObjectProperty<ObservableList<Row>> itemsProperty() {
        return shownRows.getReadOnlyProperty();
    }

    /** Orders the rows by {@code comparator} (the table's), or back to table order when null; keeps the filter. */
    public void sort(Comparator<Row> comparator) {
        submit(comparator, true);
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public BooleanProperty regexProperty() {
        return regex;
    }

    public ObjectProperty<Definition> definitionProperty() {
        return definition;
    }

    /** null = every table. */
    public ObjectProperty<SymbolTable> tableProperty() {
        return table;
    }

    /** null = every binding. */
    public ObjectProperty<SymbolBinding> bindingProperty() {
        return binding;
    }

    public ReadOnlyStringProperty filterErrorProperty() {
        return filterError.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public List<SymbolTable> tables() {
        return tables;
    }

    public List<SymbolBinding> bindings() {
        return bindings;
    }

    public int total() {
        return original.length;
    }

    /** True from a change of the filter or the order until its result is shown. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
