package dev.crosslens.app;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** The panels the centre shows when there is no view to show: welcome, loading, failed, cancelled. */
final class StatusPanels {
    private StatusPanels() {
    }

    static Node welcome(Workbench wb, Runnable openDialog, Runnable openFolder, Runnable openSamples) {
        Label title = new Label("Crosslens");
        title.getStyleClass().add("welcome-title");
        Label hint = new Label("Drop binaries or a folder here — ELF, PE/COFF, Mach-O (fat too), ar archives.");
        hint.getStyleClass().add("welcome-hint");
        Button open = new Button("Open files…");
        open.setDefaultButton(true);
        open.setOnAction(e -> openDialog.run());
        Button folder = new Button("Open folder…");
        folder.setId("welcome-folder");
        folder.setOnAction(e -> openFolder.run());
        Button samples = new Button("Open samples");
        samples.setId("welcome-samples");
        samples.setOnAction(e -> openSamples.run());
        javafx.scene.layout.HBox buttons = new javafx.scene.layout.HBox(10, open, folder, samples);
        buttons.setAlignment(Pos.CENTER);
        VBox box = new VBox(14, title, hint, buttons);
        List<Path> recent = wb.settings().recentFiles();
        if (!recent.isEmpty()) {
            Label r = new Label("Recent");
            r.getStyleClass().add("pane-title");
            box.getChildren().add(r);
            for (Path p : recent) {
                Hyperlink h = new Hyperlink(p.toString());
                h.getStyleClass().add("mono");
                h.setOnAction(e -> wb.open(List.of(p)));
                box.getChildren().add(h);
            }
        }
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("welcome");
        box.setId("welcome");
        return box;
    }

    static Node loading(Workbench wb, WorkbenchItem item) {
        Label title = new Label("Opening " + item.label());
        title.getStyleClass().add("pane-title");
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(360);
        bar.progressProperty().bind(item.progressProperty());
        Label msg = new Label();
        msg.textProperty().bind(item.messageProperty());
        msg.getStyleClass().add("muted");
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-load");
        cancel.setOnAction(e -> wb.cancel(item));
        VBox box = new VBox(10, title, bar, msg, cancel);
        box.setAlignment(Pos.CENTER);
        box.setId("loading-panel");
        return box;
    }

    static Node failed(Workbench wb, WorkbenchItem item) {
        LoadFailure f = item.failure();
        Label title = new Label(f.title());
        title.getStyleClass().add("error-title");
        title.setId("error-title");
        Label file = new Label(item.path().toString());
        file.getStyleClass().addAll("mono", "muted");
        Label msg = new Label(f.message());
        msg.setWrapText(true);
        msg.setId("error-message");
        VBox box = new VBox(10, title, file, msg);
        if (f.offset() >= 0) {
            Label at = new Label(String.format("at file offset 0x%x (%d)", f.offset(), f.offset()));
            at.getStyleClass().add("mono");
            at.setId("error-offset");
            box.getChildren().add(at);
        }
        if (f.bytes().length > 0) {
            Label read = new Label(f.offset() >= 0 ? "Bytes around that offset:" : "The file starts with:");
            read.getStyleClass().add("pane-title");
            TextArea dump = new TextArea(f.dump());
            dump.setEditable(false);
            dump.getStyleClass().add("mono");
            dump.setId("error-bytes");
            dump.setPrefRowCount(Math.min(6, f.bytes().length / 16 + 2));
            dump.setMaxWidth(620);
            box.getChildren().addAll(read, dump);
        }
        Button reload = new Button("Try again (F5)");
        reload.setOnAction(e -> wb.reload(item));
        Button close = new Button("Close (Ctrl+W)");
        close.setOnAction(e -> wb.close(item));
        box.getChildren().add(new javafx.scene.layout.HBox(8, reload, close));
        box.setPadding(new Insets(28));
        box.getStyleClass().add("error-panel");
        box.setId("error-panel");
        return box;
    }

    static Node cancelled(Workbench wb, WorkbenchItem item) {
        Label title = new Label("Opening " + item.label() + " was cancelled.");
        title.getStyleClass().add("pane-title");
        Button reload = new Button("Open again (F5)");
        reload.setOnAction(e -> wb.reload(item));
        VBox box = new VBox(10, title, reload);
        box.setAlignment(Pos.CENTER);
        box.setId("cancelled-panel");
        return box;
    }
}
