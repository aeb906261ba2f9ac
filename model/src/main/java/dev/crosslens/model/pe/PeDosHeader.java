package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

/**
 * The MS-DOS header at the start of every PE file.
 *
 * @param magic  e_magic ({@code 0x5a4d}, "MZ")
 * @param lfanew e_lfanew: file offset of the PE signature
 */
public record PeDosHeader(int magic, int bytesOnLastPage, int pages, int headerParagraphs, long lfanew,
                          Extent extent) {
}
