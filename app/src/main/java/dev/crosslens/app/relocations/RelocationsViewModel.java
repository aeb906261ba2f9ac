package dev.crosslens.app.relocations;

import dev.crosslens.model.RelocationSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Relocation counts by table and by type, biggest first. */
public final class RelocationsViewModel {
    /** One count. */
    public record Count(String name, long count, double share) {
    }

    private final RelocationSummary summary;
    private final ObservableList<Count> byTable;
    private final ObservableList<Count> byType;

    public RelocationsViewModel(RelocationSummary summary) {
        this.summary = summary;
        this.byTable = FXCollections.observableArrayList(counts(summary.byTable(), summary.total()));
        this.byType = FXCollections.observableArrayList(counts(summary.byType(), summary.total()));
    }

    static List<Count> counts(Map<String, Long> m, long total) {
        List<Count> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : m.entrySet()) {
            out.add(new Count(e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total));
        }
        out.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.name().compareTo(b.name()));
        return out;
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
}
