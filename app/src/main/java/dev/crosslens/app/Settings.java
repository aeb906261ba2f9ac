package dev.crosslens.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** What the window remembers between runs (java.util.prefs): recent files, theme, window bounds. */
public final class Settings {
    static final int MAX_RECENT = 10;
    private final Preferences node;

    public Settings(Preferences node) {
        this.node = node;
    }

    /** The user's settings node of the app. */
    public static Settings user() {
        return new Settings(Preferences.userRoot().node("dev/crosslens/workbench"));
    }

    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = node.get("recent." + i, null);
            if (p != null) out.add(Path.of(p));
        }
        return out;
    }

    public void addRecent(Path path) {
        List<Path> list = recentFiles();
        Path abs = path.toAbsolutePath().normalize();
        list.remove(abs);
        list.add(0, abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) node.put("recent." + i, list.get(i).toString());
            else node.remove("recent." + i);
        }
    }

    public void clearRecent() {
        for (int i = 0; i < MAX_RECENT; i++) node.remove("recent." + i);
    }

    public boolean darkTheme() {
        return node.getBoolean("theme.dark", false);
    }

    public void setDarkTheme(boolean dark) {
        node.putBoolean("theme.dark", dark);
    }

    /** Window bounds, or null when never saved. */
    public double[] windowBounds() {
        double w = node.getDouble("window.w", -1);
        if (w <= 0) return null;
        return new double[] {node.getDouble("window.x", 0), node.getDouble("window.y", 0), w,
                node.getDouble("window.h", 800)};
    }

    public boolean windowMaximized() {
        return node.getBoolean("window.max", false);
    }

    public void setWindow(double x, double y, double w, double h, boolean maximized) {
        node.putDouble("window.x", x);
        node.putDouble("window.y", y);
        node.putDouble("window.w", w);
        node.putDouble("window.h", h);
        node.putBoolean("window.max", maximized);
    }

    /** The target profile id last picked on the Overview, or null. */
    public String lastTarget() {
        return node.get("target.last", null);
    }

    public void setLastTarget(String id) {
        if (id == null) node.remove("target.last");
        else node.put("target.last", id);
    }

    /** The build intent last typed next to the target ("" when none). */
    public String lastIntent() {
        return node.get("target.intent", "");
    }

    public void setLastIntent(String intent) {
        node.put("target.intent", intent == null ? "" : intent);
    }
}
