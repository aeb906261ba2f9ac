package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

import java.util.List;

/** An LC_SEGMENT / LC_SEGMENT_64 with its sections. Protections are the raw VM_PROT bits (1 r, 2 w, 4 x). */
public record MachOSegment(int index, String name, long vmaddr, long vmsize, long fileoff, long filesize,
                           int maxprot, int initprot, long nsects, long flags, List<MachOSection> sections,
                           Extent headerExtent) {
    public MachOSegment {
        sections = List.copyOf(sections);
    }
}
