package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * A CodeView record of a debug directory entry: RSDS (PDB 7.0) or NB10 (PDB 2.0).
 *
 * @param guid RSDS GUID as {@code {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}}; NB10: the signature in hex
 */
public record PeCodeView(String signature, String guid, long age, String pdbFileName, Extent extent) {
}
