package dev.crosslens.model.go;

import dev.crosslens.model.Extent;

import java.util.List;

/**
 * What {@code go version -m} prints: the toolchain, the main package and module, every dependency and every
 * build setting, in recorded order.
 *
 * @param layout {@code "pointer"} (before Go 1.18) or {@code "inline"} (1.18+)
 * @param main   the main module ({@code mod} line), null when not built in module mode
 */
public record GoBuildInfo(String goVersion, String path, GoModule main, List<GoModule> deps,
                          List<GoSetting> settings, String layout, Extent extent) {
    public GoBuildInfo {
        deps = List.copyOf(deps);
        settings = List.copyOf(settings);
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
