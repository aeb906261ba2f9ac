package dev.crosslens.model;

/**
 * One hardening property, checksec style.
 *
 * @param id     stable id: {@code pie}, {@code nx}, {@code relro}, {@code bind-now}, {@code canary},
 *               {@code fortify}, {@code aslr}, {@code high-entropy-va}, {@code nx-compat}, {@code cfg},
 *               {@code authenticode}, {@code code-signature}, {@code seh}, {@code force-integrity}
 * @param label  for people ("Full RELRO")
 * @param detail the evidence ("PT_GNU_RELRO + DT_FLAGS BIND_NOW")
 */
public record HardeningCheck(String id, String label, HardeningState state, String detail) {
    public HardeningCheck {
        detail = detail == null ? "" : detail;
    }
}
