package dev.crosslens.app.overview;

import dev.crosslens.app.Workbench;
import dev.crosslens.app.control.Cards;
import dev.crosslens.app.control.SelectableText;
import dev.crosslens.model.Diagnostic;
import dev.crosslens.model.HardeningCheck;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The first thing people read about a binary: one verdict line, then cards. */
public final class OverviewView extends ScrollPane {
    private final Label verdict;

    public OverviewView(OverviewViewModel vm, Workbench workbench) {
        this(vm, workbench, null);
    }

    /** @param targetPicker the "will it run there?" card's content (a target picker), or null for none */
    public OverviewView(OverviewViewModel vm, Workbench workbench, javafx.scene.Node targetPicker) {
        getStyleClass().add("overview");
        setFitToWidth(true);
        verdict = new Label(vm.verdict());
        verdict.getStyleClass().add("verdict");
        verdict.setWrapText(true);
        verdict.setId("verdict");

        FlowPane cards = new FlowPane(14, 14);
        cards.getStyleClass().add("cards");
        cards.getChildren().add(Cards.card("Identity", grid(vm.identity())));
        cards.getChildren().add(Cards.card("Linkage", grid(vm.linkageFacts())));
        if (!vm.hardening().isEmpty()) cards.getChildren().add(Cards.card("Hardening", badges(vm.hardening())));
        List<OverviewViewModel.Fact> go = vm.goFacts();
        if (!go.isEmpty()) cards.getChildren().add(Cards.card("Go build", grid(go)));
        List<OverviewViewModel.Fact> version = vm.versionInfo();
        if (!version.isEmpty()) cards.getChildren().add(Cards.card("Version info", grid(version)));
        cards.getChildren().add(Cards.card("Sizes", grid(vm.sizes())));
        cards.getChildren().add(Cards.card("SHA-256", sha(vm.sha256())));
        for (var c : cards.getChildren()) ((VBox) c).setPrefWidth(468);

        VBox content = new VBox(16, verdict, cards, diagnostics(vm.diagnostics(), workbench));
        if (targetPicker != null) {
            VBox target = Cards.card("Will it run there?", targetPicker);
            target.setId("target-card");
            target.setMaxWidth(950);
            content.getChildren().add(1, target);
        }
        content.setPadding(new Insets(18));
        setContent(content);
    }

    public Label verdictLabel() {
        return verdict;
    }

    private static GridPane grid(List<OverviewViewModel.Fact> facts) {
        GridPane g = Cards.facts();
        for (OverviewViewModel.Fact f : facts) Cards.fact(g, f.label(), f.value(), f.mono());
        return g;
    }

    private static FlowPane badges(List<HardeningCheck> checks) {
        FlowPane p = new FlowPane(6, 6);
        for (HardeningCheck h : checks) {
            Label b = new Label(h.label());
            b.getStyleClass().addAll("badge", "badge-" + h.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setTooltip(new Tooltip(h.label() + ": " + h.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (h.detail().isEmpty() ? "" : "\n" + h.detail())));
            p.getChildren().add(b);
        }
        return p;
    }

    private static HBox sha(String sha) {
        SelectableText t = new SelectableText(sha);
        t.getStyleClass().add("mono");
        t.setId("sha256");
        t.setPrefColumnCount(64);
        Button copy = new Button("Copy");
        copy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(sha);
            Clipboard.getSystemClipboard().setContent(c);
        });
        HBox.setHgrow(t, Priority.ALWAYS);
        HBox box = new HBox(8, t, copy);
        return box;
    }

    private static VBox diagnostics(List<Diagnostic> diags, Workbench workbench) {
        VBox box = new VBox(4);
        if (diags.isEmpty()) {
            Label ok = new Label("The parse reported no problems.");
            ok.getStyleClass().add("muted");
            box.getChildren().add(ok);
        }
        for (Diagnostic d : diags) {
            Label sev = new Label(d.severity().name());
            sev.getStyleClass().addAll("badge", "severity-" + d.severity().name().toLowerCase(Locale.ROOT));
            sev.setMinWidth(70);
            Label code = new Label(d.code());
            code.getStyleClass().add("mono");
            Label msg = new Label(d.message());
            msg.setWrapText(true);
            HBox row = new HBox(10, sev, code, msg);
            row.getStyleClass().add("diagnostic");
            if (d.extent().isKnown()) {
                Button at = new Button(d.extent().toString());
                at.getStyleClass().addAll("link-button", "mono");
                at.setOnAction(e -> {
                    workbench.select(d.extent());
                    workbench.showView("hex");
                });
                row.getChildren().add(1, at);
            }
            box.getChildren().add(row);
        }
        return Cards.card("Diagnostics (" + diags.size() + ")", box);
    }
}
