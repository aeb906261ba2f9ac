package dev.crosslens.app.findings;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.finding.TargetVerdict;
import dev.crosslens.parsers.analysis.TargetChecker;
import dev.crosslens.parsers.analysis.TargetProfile;
import dev.crosslens.parsers.analysis.TargetProfiles;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The target picker: the bundled profiles, the chosen one, and the verdict for the file on screen. The check is
 * cheap (it reads the parsed model only), so it runs when the file or the target changes.
 */
public final class TargetPickerViewModel {
    private final ObservableList<TargetProfile> targets = FXCollections.observableArrayList();
    private final ObjectProperty<TargetProfile> target = new SimpleObjectProperty<>();
    private final ObjectProperty<BinaryFile> file = new SimpleObjectProperty<>();
    private final ObjectProperty<TargetVerdict> verdict = new SimpleObjectProperty<>();
    private final TargetChecker checker;

    public TargetPickerViewModel(TargetProfiles profiles, TargetChecker checker) {
        this.checker = checker;
        targets.setAll(profiles.all());
        target.addListener((o, a, b) -> recheck());
        file.addListener((o, a, b) -> recheck());
    }

    /** With the bundled profiles and the standard checker. */
    public TargetPickerViewModel() {
        this(TargetProfiles.bundled(), TargetChecker.standard());
    }

    private void recheck() {
        verdict.set(file.get() == null || target.get() == null ? null : checker.check(file.get(), target.get()));
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

    public ObjectProperty<TargetVerdict> verdictProperty() {
        return verdict;
    }
}
