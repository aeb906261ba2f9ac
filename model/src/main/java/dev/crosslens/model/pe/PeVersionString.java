package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/** One String of a StringFileInfo table ({@code CompanyName} = {@code Example Corp}). */
public record PeVersionString(String key, String value, Extent extent) {
}
