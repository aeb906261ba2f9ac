package dev.crosslens.app;

import static dev.crosslens.app.FxTesting.fx;
import static dev.crosslens.app.FxTesting.fxRun;
import static dev.crosslens.app.FxTesting.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.hex.HexView;
import dev.crosslens.app.hex.HexViewModel;
import dev.crosslens.app.relocations.RelocationsView;
import dev.crosslens.app.relocations.RelocationsViewModel;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.PeImage;
import dev.crosslens.parsers.testing.Corpus;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TableColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Relocations tab: the counts and every entry, filterable, sortable, selecting one moves the hex view. */
class RelocationsViewTest {
    @RegisterExtension
    final TestWindow app = new TestWindow();

    private RelocationsView open(Path file) {
        fxRun(() -> app.window().openPaths(List.of(file)));
        Path abs = file.toAbsolutePath().normalize();
        waitUntil(90, () -> fx(() -> app.window().activeWorkspace() != null && app.workbench().active().path().equals(abs)
                && app.workbench().active().state() == WorkbenchItem.State.LOADED));
        return fx(() -> {
            app.window().activeWorkspace().show("relocations");
            return (RelocationsView) app.window().activeWorkspace().view("relocations");
        });
    }

    @Test
    void elfEntriesFilterSortAndSelect() {
        RelocationsView v = open(Corpus.require("rollup-4.67.4-linux-x64-gnu"));
        RelocationsViewModel vm = v.viewModel();
        assertEquals(2232, vm.total());
        assertEquals(2232, (int) fx(() -> v.entriesTable().getItems().size()), "every entry, not just counts");
        assertEquals(List.of(".rela.dyn", ".rela.plt"), vm.tables());
        assertEquals("2,232 entries", fx(() -> v.countLabel().getText()));

        // a click on a count shows what it counts
        var byTable = fx(() -> v.byTableTable());
        fxRun(() -> byTable.getSelectionModel().select(byTable.getItems().stream()
                .filter(c -> c.name().equals(".rela.plt")).findFirst().orElseThrow()));
        assertEquals(19, (int) fx(() -> v.entriesTable().getItems().size()));
        assertTrue(fx(() -> v.entriesTable().getItems().stream().allMatch(r -> r.entry().type().equals("R_X86_64_JUMP_SLOT")
                && !r.entry().symbol().isEmpty())));
        assertEquals("19 of 2,232 entries", fx(() -> v.countLabel().getText()));

        fxRun(() -> {
            vm.tableProperty().set(null);
            v.filterField().setText("GLOB_DAT");
        });
        assertEquals(107, (int) fx(() -> v.entriesTable().getItems().size()));
        fxRun(() -> v.filterField().setText(""));

        // sort by offset, descending
        fxRun(() -> {
            TableColumn<RelocationsViewModel.Row, ?> offset = v.entriesTable().getColumns().get(1);
            assertEquals("Offset / address", offset.getText());
            offset.setSortType(TableColumn.SortType.DESCENDING);
            v.entriesTable().getSortOrder().setAll(List.of(offset));
        });
        List<Long> offsets = fx(() -> v.entriesTable().getItems().stream().map(r -> r.entry().offset()).toList());
        for (int i = 1; i < offsets.size(); i++) {
            assertTrue(Long.compareUnsigned(offsets.get(i - 1), offsets.get(i)) >= 0, "sorted at " + i);
        }

        // selecting an entry selects its bytes, the hex view follows
        RelocationsViewModel.Row last = fx(() -> v.entriesTable().getItems().get(v.entriesTable().getItems().size() - 1));
        fxRun(() -> v.entriesTable().getSelectionModel().select(v.entriesTable().getItems().size() - 1));
        assertEquals(last.entry().extent(), fx(() -> app.workbench().selectionProperty().get()));
        assertEquals(24, last.entry().extent().size(), "an Elf64_Rela");
        HexView hex = fx(() -> {
            app.window().activeWorkspace().show("hex");
            return (HexView) app.window().activeWorkspace().view("hex");
        });
        int line = HexViewModel.lineOf(last.entry().extent().offset());
        waitUntil(10, () -> fx(() -> hex.firstVisibleLine() <= line && line <= hex.lastVisibleLine()));
    }

    @Test
    void peBaseRelocationsAreListedOneByOne() {
        RelocationsView v = open(Corpus.require("biome-1.5.3-win32-x64"));
        PeImage pe = (PeImage) fx(() -> app.workbench().active().image());
        long total = pe.pe().baseRelocations().total();
        assertTrue(total > 40_000, "tens of thousands: " + total);
        assertEquals(total, (long) fx(() -> v.entriesTable().getItems().size()));
        assertEquals(pe.pe().baseRelocations().countsByType().get("DIR64"),
                fx(() -> v.entriesTable().getItems().stream().filter(r -> r.entry().type().equals("DIR64")).count()));
        // a table this large filters off the FX thread; the last request wins
        long dir64 = pe.pe().baseRelocations().countsByType().get("DIR64");
        fxRun(() -> {
            v.filterField().setText("no such relocation");
            v.viewModel().typeProperty().set("DIR64");
            v.filterField().setText("");
        });
        waitUntil(10, () -> fx(() -> v.entriesTable().getItems().size() == dir64 && v.viewModel().shownProperty().get() == dir64));
        assertTrue(fx(() -> v.entriesTable().getItems().stream().allMatch(r -> r.entry().type().equals("DIR64"))));
        fxRun(() -> v.viewModel().typeProperty().set(null));
        waitUntil(10, () -> fx(() -> v.entriesTable().getItems().size() == total));

        // virtualized: a screenful of rows is built, not tens of thousands
        fxRun(() -> {
            app.window().getScene().getRoot().applyCss();
            app.window().getScene().getRoot().layout();
        });
        int cells = fx(() -> v.entriesTable().lookupAll(".table-row-cell").size());
        assertTrue(cells > 0 && cells < 200, "rows built: " + cells);
    }

    @Test
    void machORebasesAndBinds() {
        RelocationsView v = open(Corpus.require("rollup-4.67.4-darwin-arm64"));
        MachOImage m = (MachOImage) fx(() -> app.workbench().active().image());
        int expected = m.macho().rebases().size() + m.macho().bindings().size()
                + (m.macho().chainedFixups() == null ? 0 : m.macho().chainedFixups().fixups().size());
        assertTrue(expected > 0);
        assertEquals(expected, (int) fx(() -> v.entriesTable().getItems().size()));
        fxRun(() -> v.viewModel().tableProperty().set("lazy_bind"));
        assertTrue(fx(() -> v.entriesTable().getItems().stream().allMatch(r -> r.entry().symbol().matches(".+ \\(.+\\)"))));
    }
}
