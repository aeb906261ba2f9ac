package dev.crosslens.app.findings;

import dev.crosslens.model.Extent;
import dev.crosslens.model.Severity;
import dev.crosslens.model.finding.Finding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The findings of the file on screen, a text and severity filter over them, and the selection: selecting a
 * finding hands its evidence extent to the callback the workbench passed in (to select those bytes in the hex view
 * and section map). Holds no scene-graph types.
 */
public final class FindingsViewModel {
    /** The columns of a finding copied or exported as text. */
    public static final List<String> HEADERS = List.of("Severity", "Id", "Title", "Scope", "Evidence at", "Fix");

    private final ObservableList<Finding> all = FXCollections.observableArrayList();
    private final FilteredList<Finding> visible = new FilteredList<>(all, f -> true);
    private final StringProperty filterText = new SimpleStringProperty("");
    /** The least severe level shown (INFO shows all). */
    private final ObjectProperty<Severity> minimumSeverity = new SimpleObjectProperty<>(Severity.INFO);
    private final ObjectProperty<Finding> selected = new SimpleObjectProperty<>();
    private final Consumer<Extent> onSelectExtent;

    /** @param onSelectExtent called with the first known evidence extent of a selected finding */
    public FindingsViewModel(Consumer<Extent> onSelectExtent) {
        this.onSelectExtent = onSelectExtent == null ? e -> { } : onSelectExtent;
        filterText.addListener((o, a, b) -> refilter());
        minimumSeverity.addListener((o, a, b) -> refilter());
        selected.addListener((o, a, f) -> {
            if (f != null && f.primaryExtent().isKnown()) this.onSelectExtent.accept(f.primaryExtent());
        });
    }

    public void setFindings(List<Finding> findings) {
        selected.set(null);
        all.setAll(findings);
    }

    private void refilter() {
        String q = filterText.get() == null ? "" : filterText.get().toLowerCase(Locale.ROOT).trim();
        Severity min = minimumSeverity.get() == null ? Severity.INFO : minimumSeverity.get();
        visible.setPredicate(f -> f.severity().atLeast(min) && (q.isEmpty() || matches(f, q)));
    }

    private static boolean matches(Finding f, String q) {
        return f.id().toLowerCase(Locale.ROOT).contains(q) || f.title().toLowerCase(Locale.ROOT).contains(q)
                || f.scope().toLowerCase(Locale.ROOT).contains(q)
                || f.explanation().toLowerCase(Locale.ROOT).contains(q);
    }

    /** Selects a finding for its evidence extent; a finding with evidence at a specific extent selects that one. */
    public void selectEvidence(Finding f, Extent extent) {
        selected.set(f);
        if (extent != null && extent.isKnown()) onSelectExtent.accept(extent);
    }

    public ObservableList<Finding> visibleFindings() {
        return visible;
    }

    public ObservableList<Finding> allFindings() {
        return all;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<Severity> minimumSeverityProperty() {
        return minimumSeverity;
    }

    public ObjectProperty<Finding> selectedProperty() {
        return selected;
    }

    /** A finding's cells under {@link #HEADERS}. */
    public static List<String> cells(Finding f) {
        Extent x = f.primaryExtent();
        return List.of(f.severity().name(), f.id(), f.title(), f.scope(), x.isKnown() ? x.toString() : "", f.fix());
    }

    public long count(Severity s) {
        return all.stream().filter(f -> f.severity() == s).count();
    }
}
