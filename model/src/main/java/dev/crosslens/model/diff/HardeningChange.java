package dev.crosslens.model.diff;

import dev.crosslens.model.HardeningState;

/** A hardening property whose state differs; {@code regression} when protection was lost. */
public record HardeningChange(String id, String label, HardeningState oldState, HardeningState newState,
                              boolean regression) {
}
