package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * The RT_MANIFEST text.
 *
 * @param requestedExecutionLevel {@code asInvoker}, {@code requireAdministrator}, ... or null when absent
 */
public record PeManifest(String text, String requestedExecutionLevel, boolean uiAccess, Extent extent) {
}
