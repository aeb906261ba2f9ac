package dev.crosslens.model.diff;

import java.util.List;

/**
 * One change that explains others ("CGO_ENABLED 0 -> 1: libc.so.6 and PT_INTERP appeared, 1,204 dynamic symbols
 * added"), so a reader sees the cause before the hundreds of rows it caused.
 *
 * @param cause     the causing change, in words ({@code CGO_ENABLED 0 -> 1})
 * @param effects   the changes it explains, in words
 */
public record Consequence(String cause, String summary, List<String> effects) {
    public Consequence {
        effects = List.copyOf(effects);
    }
}
