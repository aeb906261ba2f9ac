package dev.crosslens.model.finding;

import dev.crosslens.model.Extent;

import java.util.Objects;

/**
 * One fact a finding rests on, with where it lies in the file.
 *
 * @param kind  what sort of fact: {@code symbol}, {@code library}, {@code interpreter}, {@code segment},
 *              {@code section}, {@code header}, {@code build-setting}, {@code string}, {@code member}, {@code rpath},
 *              {@code target}, {@code intent}
 * @param label what it is called ({@code PT_INTERP}, {@code NEEDED}, {@code CGO_ENABLED})
 * @param value what it says ({@code /lib64/ld-linux-x86-64.so.2}, {@code memcpy@GLIBC_2.14})
 * @param extent the bytes it was read from, {@link Extent#NONE} when it is not a run of bytes (a target property)
 */
public record Evidence(String kind, String label, String value, Extent extent) {
    public Evidence {
        Objects.requireNonNull(kind, "kind");
        label = label == null ? "" : label;
        value = value == null ? "" : value;
        extent = extent == null ? Extent.NONE : extent;
    }

    public static Evidence of(String kind, String label, String value, Extent extent) {
        return new Evidence(kind, label, value, extent);
    }

    @Override
    public String toString() {
        return label + (value.isEmpty() ? "" : " " + value) + (extent.isKnown() ? " @" + extent : "");
    }
}
