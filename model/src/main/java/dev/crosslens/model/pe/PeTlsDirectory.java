package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

import java.util.List;

/** IMAGE_TLS_DIRECTORY32/64; {@code callbacks} are the virtual addresses of the TLS callback list. */
public record PeTlsDirectory(long startAddressOfRawData, long endAddressOfRawData, long addressOfIndex,
                             long addressOfCallBacks, long sizeOfZeroFill, long characteristics,
                             List<Long> callbacks, Extent extent) {
    public PeTlsDirectory {
        callbacks = List.copyOf(callbacks);
    }
}
