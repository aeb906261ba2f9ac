package dev.crosslens.model.go;

import dev.crosslens.model.Extent;

import java.util.Map;

/**
 * The Go function table (pclntab), which every Go binary keeps even when stripped.
 *
 * @param layout              {@code go1.2}, {@code go1.16}, {@code go1.18} or {@code go1.20}
 * @param magic               the raw magic number
 * @param foundBy             {@code section .gopclntab}, {@code section __gopclntab} or {@code scan}
 * @param functionCount       number of functions in the table
 * @param functionsPerPackage function count per package path (main, runtime, net/http, ...)
 */
public record GoPclntab(String layout, long magic, String foundBy, int functionCount,
                        Map<String, Integer> functionsPerPackage, Extent extent) {
    public GoPclntab {
        functionsPerPackage = Map.copyOf(functionsPerPackage);
    }
}
