package dev.crosslens.model.trace;

import java.util.Locale;

/** How much an event deserves a look, lowest first. */
public enum RiskLevel {
    NONE, LOW, MEDIUM, HIGH, CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RiskLevel parse(String s) {
        if (s == null) return NONE;
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    public RiskLevel max(RiskLevel other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
