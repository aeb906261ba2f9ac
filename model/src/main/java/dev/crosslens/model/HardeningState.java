package dev.crosslens.model;

public enum HardeningState {
    ENABLED, PARTIAL, DISABLED, NOT_APPLICABLE, UNKNOWN
}
