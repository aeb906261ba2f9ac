package dev.crosslens.model.go;

import java.util.Objects;

/**
 * A build setting the build info cannot tell about, and why: with {@code -trimpath} the go command leaves
 * {@code -ldflags} out (they may hold paths of the build machine), so their absence does not mean none were given.
 *
 * @param key    the setting ({@code -ldflags})
 * @param reason why it is not recorded, for people
 */
public record GoUnrecordedSetting(String key, String reason) {
    public GoUnrecordedSetting {
        Objects.requireNonNull(key, "key");
        reason = reason == null ? "" : reason;
    }
}
