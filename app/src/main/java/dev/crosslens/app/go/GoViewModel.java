package dev.crosslens.app.go;

import dev.crosslens.model.Extent;
import dev.crosslens.model.Section;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolTable;
import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.model.go.GoModule;
import dev.crosslens.model.go.GoSetting;
import dev.crosslens.parsers.go.GoPackages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * A Go binary's build settings, modules (with replacements) and functions per package; selecting a package lists
 * its functions (from the GO_PCLNTAB symbols: name, entry address, size, and the code bytes when a section holds
 * them), narrowed by a filter.
 */
public final class GoViewModel {
    /** A module row; {@code role} is "main" or "dep". */
    public record ModuleRow(String role, String path, String version, String sum, String replacedBy) {
    }

    /** Functions of one package in the pclntab; {@code pkg} is {@link #NO_PACKAGE} for compiler-generated ones. */
    public record PackageRow(String pkg, int functions) {
    }

    /**
     * One function of the pclntab.
     *
     * @param extent its code in the file when a section with file bytes holds its address, else its function
     *               table entry
     */
    public record FunctionRow(String name, String pkg, long address, long size, Extent extent) {
    }

    /** The package row of the functions without one ({@code go:buildid}, {@code type:.eq.*}). */
    public static final String NO_PACKAGE = "(compiler-generated)";

    private final GoInfo go;
    private final ObservableList<GoSetting> settings;
    private final ObservableList<ModuleRow> modules;
    private final ObservableList<PackageRow> packages;
    private final Map<String, List<FunctionRow>> byPackage = new HashMap<>();
    private final List<FunctionRow> allFunctions = new ArrayList<>();
    private final ObservableList<FunctionRow> source = FXCollections.observableArrayList();
    private final FilteredList<FunctionRow> functions = new FilteredList<>(source, f -> true);
    private final ObjectProperty<String> selectedPackage = new SimpleObjectProperty<>();
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper();

    /**
     * @param symbols  the image's symbols (its GO_PCLNTAB ones are the functions)
     * @param sections the image's sections, to find each function's code bytes
     */
    public GoViewModel(GoInfo go, List<Symbol> symbols, List<Section> sections) {
        this.go = go;
        GoBuildInfo bi = go.buildInfo();
        settings = FXCollections.observableArrayList(bi == null ? List.of() : bi.settings());
        List<ModuleRow> mods = new ArrayList<>();
        if (bi != null) {
            if (bi.main() != null) mods.add(row("main", bi.main()));
            for (GoModule m : bi.deps()) mods.add(row("dep", m));
        }
        modules = FXCollections.observableArrayList(mods);

        List<Section> code = new ArrayList<>();
        for (Section s : sections) {
            if (s.extent().isKnown() && s.address() != 0 && s.fileSize() > 0 && s.memorySize() > 0) code.add(s);
        }
        code.sort(Comparator.comparingLong(s -> s.address() ^ Long.MIN_VALUE));
        for (Symbol s : symbols) {
            if (s.table() != SymbolTable.GO_PCLNTAB) continue;
            String p = GoPackages.packageOf(s.name());
            String pkg = p.isEmpty() ? NO_PACKAGE : p;
            FunctionRow f = new FunctionRow(s.name(), pkg, s.value(), s.size(), codeExtent(code, s));
            allFunctions.add(f);
            byPackage.computeIfAbsent(pkg, k -> new ArrayList<>()).add(f);
        }

        List<PackageRow> pk = new ArrayList<>();
        if (go.pclntab() != null) {
            for (Map.Entry<String, Integer> e : go.pclntab().functionsPerPackage().entrySet()) {
                pk.add(new PackageRow(e.getKey(), e.getValue()));
            }
        }
        List<FunctionRow> generated = byPackage.get(NO_PACKAGE);
        if (generated != null) pk.add(new PackageRow(NO_PACKAGE, generated.size()));
        pk.sort((a, b) -> a.functions() != b.functions() ? Integer.compare(b.functions(), a.functions())
                : a.pkg().compareTo(b.pkg()));
        packages = FXCollections.observableArrayList(pk);

        selectedPackage.addListener((o, a, p) -> showPackage(p));
        filterText.addListener((o, a, b) -> refilter());
        showPackage(null);
    }

    /** The function's code bytes: where its address falls in a section that has file bytes. */
    private static Extent codeExtent(List<Section> code, Symbol s) {
        long addr = s.value();
        int lo = 0;
        int hi = code.size() - 1;
        Section hit = null;
        while (lo <= hi) { // the last section starting at or below the address
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(code.get(mid).address(), addr) <= 0) {
                hit = code.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (hit != null) {
            long into = addr - hit.address();
            if (Long.compareUnsigned(into, hit.fileSize()) < 0) {
                long size = Math.max(1, Math.min(s.size(), hit.fileSize() - into));
                return Extent.of(hit.extent().offset() + into, size);
            }
        }
        return s.extent();
    }

    private void showPackage(String pkg) {
        source.setAll(pkg == null ? allFunctions : byPackage.getOrDefault(pkg, List.of()));
        refilter();
    }

    private void refilter() {
        String q = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        functions.setPredicate(q.isEmpty() ? f -> true : f -> f.name().toLowerCase(Locale.ROOT).contains(q));
        shown.set(functions.size());
    }

    private static ModuleRow row(String role, GoModule m) {
        GoModule r = m.replacement();
        return new ModuleRow(role, m.path(), m.version(), m.sum(),
                r == null ? "" : r.path() + (r.version().isEmpty() ? "" : " " + r.version()));
    }

    public String headline() {
        StringBuilder sb = new StringBuilder(go.version() == null ? "Go (version unknown)" : go.version());
        if (go.buildInfo() != null && go.buildInfo().path() != null) sb.append("  ·  ").append(go.buildInfo().path());
        if (go.facts() != null) sb.append("  ·  cgo ").append(go.facts().cgo() ? "on" : "off");
        if (go.pclntab() != null) {
            sb.append("  ·  ").append(dev.crosslens.app.control.Plural.of(go.pclntab().functionCount(), "function",
                    "functions")).append(" (pclntab ").append(go.pclntab().layout()).append(')');
        }
        return sb.toString();
    }

    public List<String> evidence() {
        return go.facts() == null ? List.of() : go.facts().evidence();
    }

    public ObservableList<GoSetting> settings() {
        return settings;
    }

    public ObservableList<ModuleRow> modules() {
        return modules;
    }

    public ObservableList<PackageRow> packages() {
        return packages;
    }

    /** The functions of the selected package (every function when none is), narrowed by the filter. */
    public ObservableList<FunctionRow> functions() {
        return functions;
    }

    /** Every function of the pclntab, in table order. */
    public int functionCount() {
        return allFunctions.size();
    }

    /** The package whose functions are listed; null for all of them. */
    public ObjectProperty<String> selectedPackageProperty() {
        return selectedPackage;
    }

    /** Substring of the function names to show (case-insensitive). */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** How many functions the selected package has before the filter. */
    public int listed() {
        return source.size();
    }
}
