package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/** IMAGE_RESOURCE_DATA_ENTRY; {@code extent} is its data in the file ({@link Extent#NONE} if unmapped). */
public record PeResourceData(long rva, long size, long codePage, Extent entryExtent, Extent extent) {
}
