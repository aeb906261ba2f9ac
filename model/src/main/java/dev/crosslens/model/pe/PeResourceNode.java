package dev.crosslens.model.pe;

import dev.crosslens.model.Extent;

import java.util.List;

/**
 * A node of the resource tree: level 0 is the root, level 1 types, level 2 names, level 3 languages.
 *
 * @param name  a string name, or null when the entry is an id
 * @param id    the id when {@code name} is null
 * @param data  the data entry of a leaf, null for a directory
 */
public record PeResourceNode(int level, String name, long id, List<PeResourceNode> children, PeResourceData data,
                             Extent extent) {
    public PeResourceNode {
        children = List.copyOf(children);
    }

    /** {@code RT_VERSION} for a known type id at level 1, the name or {@code #id} otherwise. */
    public String label() {
        if (name != null) return name;
        if (level == 1) {
            String t = typeName(id);
            if (t != null) return t;
        }
        return "#" + id;
    }

    public static String typeName(long id) {
        return switch ((int) id) {
            case 1 -> "RT_CURSOR";
            case 2 -> "RT_BITMAP";
            case 3 -> "RT_ICON";
            case 4 -> "RT_MENU";
            case 5 -> "RT_DIALOG";
            case 6 -> "RT_STRING";
            case 7 -> "RT_FONTDIR";
            case 8 -> "RT_FONT";
            case 9 -> "RT_ACCELERATOR";
            case 10 -> "RT_RCDATA";
            case 11 -> "RT_MESSAGETABLE";
            case 12 -> "RT_GROUP_CURSOR";
            case 14 -> "RT_GROUP_ICON";
            case 16 -> "RT_VERSION";
            case 17 -> "RT_DLGINCLUDE";
            case 19 -> "RT_PLUGPLAY";
            case 20 -> "RT_VXD";
            case 21 -> "RT_ANICURSOR";
            case 22 -> "RT_ANIICON";
            case 23 -> "RT_HTML";
            case 24 -> "RT_MANIFEST";
            default -> null;
        };
    }
}
