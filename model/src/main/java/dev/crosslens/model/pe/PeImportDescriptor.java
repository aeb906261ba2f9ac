package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;
import dev.crosslens.model.ImportedSymbol;

import java.util.List;

/**
 * An IMAGE_IMPORT_DESCRIPTOR or a delay-load descriptor (ImgDelayDescr) with the functions of its lookup table.
 *
 * @param lookupTableRva OriginalFirstThunk (delay: ImportNameTableRVA)
 * @param addressTableRva FirstThunk (delay: ImportAddressTableRVA)
 * @param attributes     delay descriptors' Attributes (bit 0: RVAs, not VAs); 0 for normal imports
 */
public record PeImportDescriptor(String dllName, boolean delayLoad, long lookupTableRva, long timeDateStamp,
                                 long forwarderChain, long nameRva, long addressTableRva, long attributes,
                                 List<ImportedSymbol> functions, Extent extent) {
    public PeImportDescriptor {
        functions = List.copyOf(functions);
    }
}
