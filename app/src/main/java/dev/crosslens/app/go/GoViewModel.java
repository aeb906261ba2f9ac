package dev.crosslens.app.go;

import dev.crosslens.model.go.GoBuildInfo;
import dev.crosslens.model.go.GoInfo;
import dev.crosslens.model.go.GoModule;
import dev.crosslens.model.go.GoSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A Go binary's build settings, modules (with replacements) and functions per package. */
public final class GoViewModel {
    /** A module row; {@code role} is "main" or "dep". */
    public record ModuleRow(String role, String path, String version, String sum, String replacedBy) {
    }

    /** Functions of one package in the pclntab. */
    public record PackageRow(String pkg, int functions) {
    }

    private final GoInfo go;
    private final ObservableList<GoSetting> settings;
    private final ObservableList<ModuleRow> modules;
    private final ObservableList<PackageRow> packages;

    public GoViewModel(GoInfo go) {
        this.go = go;
        GoBuildInfo bi = go.buildInfo();
        settings = FXCollections.observableArrayList(bi == null ? List.of() : bi.settings());
        List<ModuleRow> mods = new ArrayList<>();
        if (bi != null) {
            if (bi.main() != null) mods.add(row("main", bi.main()));
            for (GoModule m : bi.deps()) mods.add(row("dep", m));
        }
        modules = FXCollections.observableArrayList(mods);
        List<PackageRow> pk = new ArrayList<>();
        if (go.pclntab() != null) {
            for (Map.Entry<String, Integer> e : go.pclntab().functionsPerPackage().entrySet()) {
                pk.add(new PackageRow(e.getKey(), e.getValue()));
            }
        }
        pk.sort((a, b) -> a.functions() != b.functions() ? Integer.compare(b.functions(), a.functions())
                : a.pkg().compareTo(b.pkg()));
        packages = FXCollections.observableArrayList(pk);
    }

    private static ModuleRow row(String role, GoModule m) {
        GoModule r = m.replacement();
        return new ModuleRow(role, m.path(), m.version(), m.sum(),
                r == null ? "" : r.path() + (r.version().isEmpty() ? "" : " " + r.version()));
    }

    public String headline() {
        StringBuilder sb = new StringBuilder(go.version() == null ? "Go (version unknown)" : go.version());
        if (go.buildInfo() != null && go.buildInfo().path() != null) sb.append("  ·  ").append(go.buildInfo().path());
        if (go.facts() != null) sb.append("  ·  cgo ").append(go.facts().cgo() ? "on" : "off");
        if (go.pclntab() != null) {
            sb.append("  ·  ").append(go.pclntab().functionCount()).append(" functions (pclntab ")
                    .append(go.pclntab().layout()).append(')');
        }
        return sb.toString();
    }

    public List<String> evidence() {
        return go.facts() == null ? List.of() : go.facts().evidence();
    }

    public ObservableList<GoSetting> settings() {
        return settings;
    }

    public ObservableList<ModuleRow> modules() {
        return modules;
    }

    public ObservableList<PackageRow> packages() {
        return packages;
    }
}
