package dev.crosslens.app.overview;

import dev.crosslens.app.Workbench;
import dev.crosslens.app.control.CardGrid;
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
import javafx.scene.layout.Region;
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

        // One grid for every card: two columns side by side when the width holds them (three on a wide screen),
        // the target picker and the diagnostics across the whole width.
        CardGrid cards = new CardGrid(440, 3, 14);
        cards.setId("overview-cards");
        if (targetPicker != null) {
            VBox target = Cards.card("Will it run there?", targetPicker);
            target.setId("target-card");
            CardGrid.setFullWidth(target, true);
            cards.getChildren().add(target);
        }
        cards.getChildren().add(Cards.card("Identity", grid(vm.identity())));
        cards.getChildren().add(Cards.card("Linkage", grid(vm.linkageFacts())));
        if (!vm.hardening().isEmpty()) cards.getChildren().add(Cards.card("Hardening", badges(vm.hardening())));
        List<OverviewViewModel.Fact> go = vm.goFacts();
        if (!go.isEmpty()) cards.getChildren().add(Cards.card("Go build", grid(go)));
        List<OverviewViewModel.Fact> version = vm.versionInfo();
        if (!version.isEmpty()) cards.getChildren().add(Cards.card("Version info", grid(version)));
        cards.getChildren().add(Cards.card("Sizes", grid(vm.sizes())));
        cards.getChildren().add(sha(vm.sha256()));
        VBox diagnostics = diagnostics(vm.diagnostics(), workbench);
        CardGrid.setFullWidth(diagnostics, true);
        cards.getChildren().add(diagnostics);

        verdict.setMaxWidth(Double.MAX_VALUE);
        verdict.setMinHeight(Region.USE_PREF_SIZE);
        VBox content = new VBox(16, verdict, cards);
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

    private static VBox sha(String sha) {
        SelectableText t = Cards.value(sha, true);
        t.setId("sha256");
        Button copy = new Button("Copy");
        copy.getStyleClass().add("small-button");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(sha);
            Clipboard.getSystemClipboard().setContent(c);
        });
        return Cards.card("SHA-256", t, copy);
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
            msg.setMinHeight(Region.USE_PREF_SIZE);
            HBox.setHgrow(msg, Priority.ALWAYS);
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
        VBox card = Cards.card("Diagnostics (" + diags.size() + ")", box);
        card.setId("diagnostics-card");
        return card;
    }
}
