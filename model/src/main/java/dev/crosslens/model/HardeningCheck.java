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

    /**
     * The property a check id names, whatever its state ({@code label} says the state: "No PIE", "Partial
     * RELRO"): what a comparison of two states is about. An id not listed here is its own name.
     */
    public static String property(String id) {
        return switch (id) {
            case "pie" -> "PIE";
            case "nx" -> "NX stack";
            case "relro" -> "RELRO";
            case "bind-now" -> "BIND_NOW";
            case "canary" -> "Stack canary";
            case "fortify" -> "FORTIFY_SOURCE";
            case "aslr" -> "ASLR";
            case "high-entropy-va" -> "High-entropy VA";
            case "nx-compat" -> "DEP (NX compatible)";
            case "cfg" -> "Control Flow Guard";
            case "authenticode" -> "Authenticode signature";
            case "code-signature" -> "Code signature";
            case "seh" -> "SafeSEH";
            case "force-integrity" -> "Force integrity";
            default -> id;
        };
    }
}
