package dev.crosslens.app.compare;

import dev.crosslens.model.Extent;
import dev.crosslens.model.Section;
import dev.crosslens.model.diff.ChangeKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A section of the old image matched with the new image's section of the same name (the n-th of a name with the
 * n-th, as the diff engine matches them), or a section on one side only.
 *
 * @param oldSection null when the section is new
 * @param newSection null when the section is gone
 */
public record SectionLink(Section oldSection, Section newSection) {

    /** ADDED, REMOVED, CHANGED (file size, memory size or permissions differ), or null when both are alike. */
    public ChangeKind kind() {
        if (oldSection == null) return ChangeKind.ADDED;
        if (newSection == null) return ChangeKind.REMOVED;
        boolean same = oldSection.fileSize() == newSection.fileSize()
                && oldSection.memorySize() == newSection.memorySize()
                && oldSection.permissions().equals(newSection.permissions());
        return same ? null : ChangeKind.CHANGED;
    }

    public String name() {
        return (newSection != null ? newSection : oldSection).qualifiedName();
    }

    public Extent oldExtent() {
        return bytes(oldSection);
    }

    public Extent newExtent() {
        return bytes(newSection);
    }

    private static Extent bytes(Section s) {
        return s == null || s.extent() == null ? Extent.NONE : s.extent();
    }

    /** Every section of both sides, matched by name (the ELF null section left out), old order first. */
    public static List<SectionLink> match(List<Section> oldSections, List<Section> newSections) {
        Map<String, Deque<Section>> pending = new LinkedHashMap<>();
        for (Section s : newSections) {
            if (isNull(s)) continue;
            pending.computeIfAbsent(s.qualifiedName(), k -> new ArrayDeque<>()).add(s);
        }
        List<SectionLink> out = new ArrayList<>();
        for (Section s : oldSections) {
            if (isNull(s)) continue;
            Deque<Section> q = pending.get(s.qualifiedName());
            out.add(new SectionLink(s, q == null ? null : q.poll()));
        }
        for (Deque<Section> q : pending.values()) {
            for (Section s : q) out.add(new SectionLink(null, s));
        }
        return out;
    }

    private static boolean isNull(Section s) {
        return s.index() == 0 && s.name().isEmpty() && s.type().equals("NULL");
    }
}
