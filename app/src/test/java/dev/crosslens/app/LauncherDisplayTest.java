package dev.crosslens.app;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a display the window is not attempted: the launcher says why and what to use instead. */
class LauncherDisplayTest {

    @Test
    void linuxWithoutDisplayOrWaylandIsToldToUseTheCommandLine() {
        String why = WorkbenchLauncher.noDisplay(Map.of(), "Linux", null);
        assertThat(why).contains("DISPLAY", "WAYLAND_DISPLAY", "crosslens analyze");
        assertThat(WorkbenchLauncher.noDisplay(Map.of("DISPLAY", " "), "Linux", null)).isNotNull();
    }

    @Test
    void aDisplayWaylandMonocleOrAnotherOsOpensTheWindow() {
        assertThat(WorkbenchLauncher.noDisplay(Map.of("DISPLAY", ":0"), "Linux", null)).isNull();
        assertThat(WorkbenchLauncher.noDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null)).isNull();
        assertThat(WorkbenchLauncher.noDisplay(Map.of(), "Linux", "Monocle")).isNull();
        assertThat(WorkbenchLauncher.noDisplay(Map.of(), "Windows 11", null)).isNull();
        assertThat(WorkbenchLauncher.noDisplay(Map.of(), "Mac OS X", null)).isNull();
    }
}
