package dev.crosslens.app.symbols;

import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Every symbol of an image in one filterable list. The search key of each row (lower-cased readable name, raw
 * name and library) is computed once, so a keystroke costs one {@code String.contains} per row; facets are
 * compared before the text. Regex mode compiles the pattern once per change; a bad pattern matches nothing and
 * says why in {@link #filterErrorProperty()}.
 */
public final class SymbolsViewModel {
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

    private final ObservableList<Row> rows;
    private final List<Row> original;
    private final FilteredList<Row> filtered;
    private final StringProperty filterText = new SimpleStringProperty("");
    private final BooleanProperty regex = new SimpleBooleanProperty(false);
    private final ObjectProperty<Definition> definition = new SimpleObjectProperty<>(Definition.ALL);
    private final ObjectProperty<SymbolTable> table = new SimpleObjectProperty<>();
    private final ObjectProperty<SymbolBinding> binding = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper();
    private final List<SymbolTable> tables;
    private final List<SymbolBinding> bindings;

    public SymbolsViewModel(List<Symbol> symbols) {
        List<Row> list = new ArrayList<>(symbols.size());
        Set<SymbolTable> ts = EnumSet.noneOf(SymbolTable.class);
        Set<SymbolBinding> bs = EnumSet.noneOf(SymbolBinding.class);
        for (Symbol s : symbols) {
            list.add(Row.of(s));
            if (s.table() != null) ts.add(s.table());
            bs.add(s.binding());
        }
        tables = List.copyOf(ts);
        bindings = List.copyOf(bs);
        original = List.copyOf(list);
        rows = FXCollections.observableArrayList(list);
        filtered = new FilteredList<>(rows);
        shown.set(rows.size());
        filterText.addListener((o, a, b) -> refilter());
        regex.addListener((o, a, b) -> refilter());
        definition.addListener((o, a, b) -> refilter());
        table.addListener((o, a, b) -> refilter());
        binding.addListener((o, a, b) -> refilter());
    }

    private void refilter() {
        Predicate<Row> p = predicate();
        filtered.setPredicate(p);
        shown.set(filtered.size());
    }

    /** The predicate for the current text and facets; null when nothing filters. */
    Predicate<Row> predicate() {
        filterError.set("");
        List<Predicate<Row>> parts = new ArrayList<>(4);
        Definition d = definition.get();
        if (d == Definition.DEFINED) parts.add(r -> r.symbol().defined());
        else if (d == Definition.UNDEFINED) parts.add(r -> !r.symbol().defined());
        else if (d == Definition.WEAK) parts.add(r -> r.symbol().binding() == SymbolBinding.WEAK);
        SymbolTable t = table.get();
        if (t != null) parts.add(r -> r.symbol().table() == t);
        SymbolBinding b = binding.get();
        if (b != null) parts.add(r -> r.symbol().binding() == b);
        String text = filterText.get() == null ? "" : filterText.get();
        if (!text.isEmpty()) {
            if (regex.get()) {
                try {
                    Pattern pat = Pattern.compile(text, Pattern.CASE_INSENSITIVE);
                    parts.add(r -> pat.matcher(r.symbol().displayName()).find()
                            || pat.matcher(r.symbol().name()).find());
                } catch (PatternSyntaxException e) {
                    filterError.set(e.getDescription() + " near index " + e.getIndex());
                    return r -> false;
                }
            } else {
                String needle = text.toLowerCase(Locale.ROOT);
                parts.add(r -> r.key().contains(needle));
            }
        }
        if (parts.isEmpty()) return null;
        if (parts.size() == 1) return parts.get(0);
        @SuppressWarnings("unchecked")
        Predicate<Row>[] all = parts.toArray(new Predicate[0]);
        return r -> {
            for (Predicate<Row> q : all) {
                if (!q.test(r)) return false;
            }
            return true;
        };
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public FilteredList<Row> filtered() {
        return filtered;
    }

    /**
     * What the table shows. Sorting reorders the source rows (see {@link #sort}) rather than stacking a
     * SortedList on top: a SortedList handles a refilter of 200k rows element by element, which costs far more
     * than the filter itself.
     */
    public FilteredList<Row> sorted() {
        return filtered;
    }

    /** Orders the rows by {@code comparator} (the table's), or back to table order when null. */
    public void sort(Comparator<Row> comparator) {
        if (comparator == null) {
            rows.setAll(original);
        } else {
            List<Row> copy = new ArrayList<>(original);
            copy.sort(comparator);
            rows.setAll(copy);
        }
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
        return rows.size();
    }
}
