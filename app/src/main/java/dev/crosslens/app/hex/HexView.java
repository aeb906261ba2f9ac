package dev.crosslens.app.hex;

import dev.crosslens.app.control.Plural;
import dev.crosslens.app.Workbench;
import dev.crosslens.app.control.OffsetNavigable;
import dev.crosslens.model.Extent;
import javafx.beans.value.ChangeListener;
import javafx.collections.ObservableListBase;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.Cell;
import org.fxmisc.flowless.VirtualFlow;
import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * The hex view, on RichTextFX's virtual flow (Flowless): a list of line numbers whose cells format their line
 * when they come on screen. It follows the workbench selection: the selected bytes are highlighted and scrolled
 * into sight.
 */
public final class HexView extends BorderPane implements OffsetNavigable {
    private final HexViewModel vm;
    private final VirtualFlow<Integer, LineCell> flow;
    private final TextField goTo = new TextField();
    private final Label status = new Label();

    public HexView(HexViewModel vm, Workbench workbench) {
        this.vm = vm;
        getStyleClass().add("hex-view");
        flow = VirtualFlow.createVertical(new Lines(vm.lineCount()), LineCell::new);
        flow.getStyleClass().add("hex-flow");
        flow.setId("hex-flow");
        VirtualizedScrollPane<VirtualFlow<Integer, LineCell>> scroll = new VirtualizedScrollPane<>(flow);

        goTo.setId("hex-goto");
        goTo.setPromptText("Go to offset (Ctrl+G): 0x1f00");
        goTo.setPrefColumnCount(18);
        goTo.setOnAction(e -> {
            Extent x = vm.goToExtent(goTo.getText());
            if (x != null) {
                goTo.getStyleClass().remove("error");
                workbench.select(x);
            } else if (!goTo.getStyleClass().contains("error")) {
                goTo.getStyleClass().add("error");
            }
        });
        status.setId("hex-status");
        status.getStyleClass().add("muted");
        HBox bar = new HBox(10, goTo, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        bar.getStyleClass().add("toolbar-row");

        HBox header = new HBox(label(pad("offset", vm.offsetText(0).length()), "hex-offset"),
                label(headerHex(), "hex-header"), label("ascii", "hex-header"));
        header.getStyleClass().addAll("hex-line", "hex-header-line");
        header.setSpacing(14);
        setTop(new VBox(bar, header));
        setCenter(scroll);

        vm.targetLineProperty().addListener((o, a, line) -> {
            if (line.intValue() >= 0) showLine(line.intValue());
        });
        vm.selectionProperty().addListener((o, a, x) -> status.setText(describe(x)));
        // Follow the workbench selection, and start at it.
        vm.selectionProperty().bind(workbench.selectionProperty());
        status.setText(describe(vm.selectionProperty().get()));
        if (vm.targetLineProperty().get() < 0 && vm.selectionProperty().get().isKnown()) {
            showLine(HexViewModel.lineOf(vm.selectionProperty().get().offset()));
        }
    }

    private void showLine(int line) {
        int target = Math.max(0, Math.min(vm.lineCount() - 1, line));
        flow.showAtOffset(target, Math.max(0, flow.getHeight() / 3));
    }

    private String describe(Extent x) {
        String size = Plural.of(vm.size(), "byte", "bytes") + ", " + Plural.of(vm.lineCount(), "line", "lines");
        if (x == null || !x.isKnown()) return size;
        return "selected 0x" + Long.toHexString(x.offset()) + "..0x" + Long.toHexString(x.end()) + " ("
                + Plural.of(x.size(), "byte", "bytes") + ")  ·  " + size;
    }

    private static String headerHex() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(String.format("%02x", i)).append(i == 7 ? "  " : " ");
        }
        return sb.toString();
    }

    private static String pad(String s, int n) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < n) sb.append(' ');
        return sb.toString();
    }

    private static Label label(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        return l;
    }

    /** The first line index currently shown (for tests). */
    public int firstVisibleLine() {
        return flow.getFirstVisibleIndex();
    }

    public int lastVisibleLine() {
        return flow.getLastVisibleIndex();
    }

    public HexViewModel viewModel() {
        return vm;
    }

    @Override
    public void focusGoTo() {
        goTo.requestFocus();
        goTo.selectAll();
    }

    /** 0..n-1 without storing them. */
    private static final class Lines extends ObservableListBase<Integer> {
        private final int size;

        Lines(int size) {
            this.size = size;
        }

        @Override
        public Integer get(int index) {
            if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index);
            return index;
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** One line: offset, hex (before / selected / after), ascii (before / selected / after). */
    private final class LineCell implements Cell<Integer, HBox> {
        private final Label offset = label("", "hex-offset");
        private final Label hexA = label("", "hex-bytes");
        private final Label hexSel = label("", "hex-selected");
        private final Label hexB = label("", "hex-bytes");
        private final Label ascA = label("", "hex-ascii");
        private final Label ascSel = label("", "hex-selected");
        private final Label ascB = label("", "hex-ascii");
        private final HBox node;
        private final ChangeListener<Extent> onSelection = (o, a, b) -> render();
        private int line;

        LineCell(Integer line) {
            HBox hex = new HBox(hexA, hexSel, hexB);
            HBox ascii = new HBox(ascA, ascSel, ascB);
            node = new HBox(14, offset, hex, ascii);
            node.getStyleClass().add("hex-line");
            vm.selectionProperty().addListener(onSelection);
            updateItem(line);
        }

        @Override
        public HBox getNode() {
            return node;
        }

        @Override
        public boolean isReusable() {
            return true;
        }

        @Override
        public void updateItem(Integer item) {
            line = item;
            render();
        }

        private void render() {
            offset.setText(vm.offsetText(line));
            int[] sel = vm.selectedRange(line);
            int a = sel == null ? 16 : sel[0];
            int b = sel == null ? 16 : sel[1];
            hexA.setText(vm.hexText(line, 0, a));
            hexSel.setText(vm.hexText(line, a, b));
            hexB.setText(vm.hexText(line, b, 16));
            ascA.setText(vm.asciiText(line, 0, a));
            ascSel.setText(vm.asciiText(line, a, b));
            ascB.setText(vm.asciiText(line, b, 16));
            hexSel.setVisible(sel != null);
            ascSel.setVisible(sel != null);
        }

        @Override
        public void dispose() {
            vm.selectionProperty().removeListener(onSelection);
        }

        @Override
        public String toString() {
            return "line " + line;
        }
    }

    Node flowNode() {
        return flow;
    }
}
