package dev.crosslens.app.findings;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.finding.BuildIntent;
import dev.crosslens.model.finding.Finding;
import dev.crosslens.model.finding.TargetVerdict;
import dev.crosslens.parsers.analysis.BuildIntents;
import dev.crosslens.parsers.analysis.Checker;
import dev.crosslens.parsers.analysis.FileBytes;
import dev.crosslens.parsers.analysis.FileCheck;
import dev.crosslens.parsers.analysis.TargetProfile;
import dev.crosslens.parsers.analysis.TargetProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The target picker: the bundled profiles, the chosen one, the build intent as typed
 * ({@code GOOS=linux,GOARCH=arm64,CGO=0,static}) and the verdict for the file on screen. The check (findings engine
 * with target and intent, plus the target verdict) runs on the background executor whenever the file, the target or
 * the intent changes; a result that a newer request overtook is dropped.
 */
public final class TargetPickerViewModel {
    private final ObservableList<TargetProfile> targets = FXCollections.observableArrayList();
    private final ObjectProperty<TargetProfile> target = new SimpleObjectProperty<>();
    private final ObjectProperty<BinaryFile> file = new SimpleObjectProperty<>();
    private final StringProperty intentText = new SimpleStringProperty("");
    private final SimpleStringProperty intentError = new SimpleStringProperty("");
    private final ObjectProperty<TargetVerdict> verdict = new SimpleObjectProperty<>();
    private final ObservableList<Finding> intentFindings = FXCollections.observableArrayList();
    private final SimpleBooleanProperty checking = new SimpleBooleanProperty(false);
    private final SimpleStringProperty error = new SimpleStringProperty("");
    private final Checker checker;
    private final Executor background;
    private final Consumer<Finding> onReveal;
    private long generation;

    /**
     * @param background runs the check (never the FX thread)
     * @param onReveal   called with the finding behind a reason the user clicked
     */
    public TargetPickerViewModel(TargetProfiles profiles, Checker checker, Executor background,
                                 Consumer<Finding> onReveal) {
        this.checker = checker;
        this.background = background;
        this.onReveal = onReveal == null ? f -> { } : onReveal;
        targets.setAll(profiles.all());
        target.addListener((o, a, b) -> recheck());
        file.addListener((o, a, b) -> recheck());
        intentText.addListener((o, a, b) -> recheck());
    }

    /** With the bundled profiles and the standard checker. */
    public TargetPickerViewModel(Executor background, Consumer<Finding> onReveal) {
        this(TargetProfiles.bundled(), Checker.standard(), background, onReveal);
    }

    private void recheck() {
        long gen = ++generation;
        BuildIntent intent;
        try {
            intent = BuildIntents.parse(intentText.get());
            intentError.set("");
        } catch (IllegalArgumentException e) {
            intentError.set(e.getMessage());
            intent = BuildIntent.NONE;
        }
        BinaryFile f = file.get();
        TargetProfile t = target.get();
        if (f == null || t == null) {
            verdict.set(null);
            intentFindings.clear();
            checking.set(false);
            return;
        }
        checking.set(true);
        BuildIntent in = intent;
        background.execute(() -> {
            FileCheck c;
            String failed = "";
            try (FileBytes bytes = bytesOf(f)) {
                c = checker.check(f, t, in, bytes);
            } catch (IOException | RuntimeException e) {
                c = null;
                failed = "The check failed: " + e;
            }
            FileCheck done = c;
            String why = failed;
            Platform.runLater(() -> {
                if (gen != generation) return; // a newer target or intent is being checked
                checking.set(false);
                error.set(why);
                verdict.set(done == null ? null : done.verdict());
                intentFindings.setAll(done == null ? List.of()
                        : done.findings().stream().filter(x -> x.id().startsWith("intent.")).toList());
            });
        });
    }

    /** The file's bytes for the byte-level rules; null (those rules stay quiet) when it is not on disk. */
    private static FileBytes bytesOf(BinaryFile f) throws IOException {
        Path p = Path.of(f.path());
        return Files.isRegularFile(p) ? FileBytes.open(p) : null;
    }

    /** A reason was clicked: show the finding behind it. */
    public void reveal(Finding f) {
        if (f != null) onReveal.accept(f);
    }

    public ObservableList<TargetProfile> targets() {
        return targets;
    }

    public ObjectProperty<TargetProfile> targetProperty() {
        return target;
    }

    public ObjectProperty<BinaryFile> fileProperty() {
        return file;
    }

    public StringProperty intentTextProperty() {
        return intentText;
    }

    public ReadOnlyStringProperty intentErrorProperty() {
        return intentError;
    }

    public ObjectProperty<TargetVerdict> verdictProperty() {
        return verdict;
    }

    /** What the intent check found (the file does not match what was meant to be built). */
    public ObservableList<Finding> intentFindings() {
        return intentFindings;
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }
}
