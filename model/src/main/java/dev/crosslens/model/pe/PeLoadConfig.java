package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * The fields of IMAGE_LOAD_CONFIG_DIRECTORY32/64 that matter for hardening; a field past {@code size} is 0.
 *
 * @param seHandlerCount x86 SafeSEH handler count (0 elsewhere)
 * @param guardFlags     GuardFlags ({@code IMAGE_GUARD_CF_INSTRUMENTED} = 0x100)
 */
public record PeLoadConfig(long size, long securityCookie, long seHandlerTable, long seHandlerCount,
                           long guardCfCheckFunctionPointer, long guardCfFunctionTable, long guardCfFunctionCount,
                           long guardFlags, Extent extent) {
    public static final long IMAGE_GUARD_CF_INSTRUMENTED = 0x100;

    public boolean cfInstrumented() {
        return (guardFlags & IMAGE_GUARD_CF_INSTRUMENTED) != 0;
    }
}
