package dev.crosslens.model;

import dev.crosslens.model.archive.ArchiveMember;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@code ar} archive ({@code .a}, Windows {@code .lib}): members, each opened as an object where it is one.
 *
 * @param variant {@code GNU}, {@code BSD}, {@code COFF} (Windows .lib) or {@code thin}
 */
public record ArchiveImage(ImageCore core, String variant, List<ArchiveMember> members) implements BinaryImage {
    public ArchiveImage {
        members = List.copyOf(members);
    }

    @Override
    public ArchiveImage withCore(ImageCore newCore) {
        return new ArchiveImage(newCore, variant, members);
    }

    public ArchiveImage withMembers(List<ArchiveMember> newMembers) {
        return new ArchiveImage(core, variant, newMembers);
    }

    @Override
    public List<BinaryImage> children() {
        List<BinaryImage> out = new ArrayList<>();
        for (ArchiveMember m : members) {
            if (m.image() != null) out.add(m.image());
        }
        return out;
    }
}
