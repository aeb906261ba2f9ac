package dev.crosslens.model.go;

import dev.crosslens.model.Extent;

import java.util.List;

/**
 * What {@code go version -m} prints: the toolchain, the main package and module, every dependency and every
 * build setting, in recorded order.
 *
 * @param layout {@code "pointer"} (before Go 1.18) or {@code "inline"} (1.18+)
 * @param main   the main module ({@code mod} line), null when not built in module mode
 * @param unrecorded settings the build info cannot tell about and why ({@code -ldflags} under {@code -trimpath}):
 *                   "not recorded", never "none"
 */
public record GoBuildInfo(String goVersion, String path, GoModule main, List<GoModule> deps,
                          List<GoSetting> settings, String layout, Extent extent,
                          List<GoUnrecordedSetting> unrecorded) {
    /** Why {@code -ldflags} is missing from the build info of a {@code -trimpath} build. */
    public static final String LDFLAGS_UNDER_TRIMPATH = "not recorded: -trimpath is set, and the go command then "
            + "leaves -ldflags out of the build info (they may hold paths of the build machine)";

    public GoBuildInfo {
        deps = List.copyOf(deps);
        settings = List.copyOf(settings);
        unrecorded = unrecorded == null ? List.of() : List.copyOf(unrecorded);
    }

    /** Build info as read; what it cannot tell about follows from its settings ({@link #unrecordedOf}). */
    public GoBuildInfo(String goVersion, String path, GoModule main, List<GoModule> deps, List<GoSetting> settings,
                       String layout, Extent extent) {
        this(goVersion, path, main, deps, settings, layout, extent, unrecordedOf(settings));
    }

    /** {@code -ldflags} when {@code -trimpath=true} is recorded and {@code -ldflags} is not. */
    public static List<GoUnrecordedSetting> unrecordedOf(List<GoSetting> settings) {
        boolean trimpath = false;
        boolean ldflags = false;
        for (GoSetting s : settings) {
            if (s.key().equals("-trimpath") && "true".equals(s.value())) trimpath = true;
            if (s.key().equals("-ldflags")) ldflags = true;
        }
        return trimpath && !ldflags ? List.of(new GoUnrecordedSetting("-ldflags", LDFLAGS_UNDER_TRIMPATH)) : List.of();
    }

    /** Why {@code key} is not in the build info, or null when nothing says it would be left out. */
    public String unrecordedReason(String key) {
        for (GoUnrecordedSetting u : unrecorded) {
            if (u.key().equals(key)) return u.reason();
        }
        return null;
    }

    /** The value of a build setting, or null when it was not recorded. */
    public String setting(String key) {
        for (GoSetting s : settings) {
            if (s.key().equals(key)) return s.value();
        }
        return null;
    }

    public boolean trimpath() {
        return "true".equals(setting("-trimpath"));
    }
}
