package dev.crosslens.model;

import java.util.ArrayList;
import java.util.List;

/** A universal Mach-O file: a header and one full image per architecture. */
public record FatImage(ImageCore core, boolean fat64, List<FatSlice> slices) implements BinaryImage {
    public FatImage {
        slices = List.copyOf(slices);
    }

    @Override
    public FatImage withCore(ImageCore newCore) {
        return new FatImage(newCore, fat64, slices);
    }

    public FatImage withSlices(List<FatSlice> newSlices) {
        return new FatImage(core, fat64, newSlices);
    }

    @Override
    public List<BinaryImage> children() {
        List<BinaryImage> out = new ArrayList<>();
        for (FatSlice s : slices) {
            if (s.image() != null) out.add(s.image());
        }
        return out;
    }
}
