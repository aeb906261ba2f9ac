package dev.crosslens.model.go;

/** A {@code build KEY=VALUE} line of Go build info, in the order it was recorded. */
public record GoSetting(String key, String value) {
}
