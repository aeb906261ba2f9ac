package dev.crosslens.app.symbols;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.FxTesting;
import dev.crosslens.app.Settings;
import dev.crosslens.app.TestImages;
import dev.crosslens.app.Workbench;
import dev.crosslens.model.Symbol;
import dev.crosslens.parsers.ParseOptions;
import java.util.Comparator;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The symbols table on 200k symbols, where filtering and sorting run off the FX thread. */
@ExtendWith(ApplicationExtension.class)
class SymbolsViewTest {
    private static final List<Symbol> BIG = TestImages.symbols(200_000, 7);
    private Preferences prefs;
    private SymbolsView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        prefs = FxTesting.freshPrefs();
        view = new SymbolsView(new SymbolsViewModel(BIG), new Workbench(new Settings(prefs), ParseOptions.defaults()));
        stage.setScene(new Scene(view, 1000, 600));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        fxRun(() -> stage.hide());
        FxTesting.removePrefs(prefs);
    }

    private void settle() {
        waitUntil(30, () -> fx(() -> !view.viewModel().busyProperty().get()));
    }

    @Test
    void filterThenSortBySizeOnTheTableKeepsBothAndTheCountFollows() {
        fxRun(() -> view.filterField().setText("net/http"));
        settle();
        long want = BIG.stream().filter(s -> s.name().contains("net/http")).count();
        assertTrue(want > 1000 && want < 200_000, "the query narrows: " + want);
        assertEquals(want, (long) fx(() -> view.table().getItems().size()));
        assertTrue(fx(() -> ((Label) view.lookup("#symbol-count")).getText()).startsWith(
                String.format("%,d of 200,000", want).replace('\u00a0', ',')));
        fxRun(() -> {
            @SuppressWarnings("unchecked")
            TableColumn<SymbolsViewModel.Row, ?> size = (TableColumn<SymbolsViewModel.Row, ?>) view.table()
                    .getColumns().stream().filter(c -> c.getText().equals("Size")).findFirst().orElseThrow();
            size.setSortType(TableColumn.SortType.DESCENDING);
            view.table().getSortOrder().setAll(List.of(size));
        });
        settle();
        List<Long> sizes = fx(() -> view.table().getItems().stream().map(r -> r.symbol().size()).toList());
        assertEquals(want, sizes.size());
        List<Long> sorted = sizes.stream().sorted(Comparator.reverseOrder()).toList();
        assertEquals(sorted, sizes);
        assertTrue(fx(() -> view.table().getItems().stream().allMatch(r -> r.symbol().name().contains("net/http"))));
        fxRun(() -> view.filterField().setText(""));
        settle();
        List<Long> all = fx(() -> view.table().getItems().stream().map(r -> r.symbol().size()).toList());
        assertEquals(200_000, all.size());
        assertEquals(all.stream().sorted(Comparator.reverseOrder()).toList(), all, "clearing the filter keeps the order");
        assertEquals(1, (int) fx(() -> view.table().getSortOrder().size()), "the header still shows the sort");
    }
}
