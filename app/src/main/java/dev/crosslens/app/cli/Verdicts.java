package dev.crosslens.app.cli;

import dev.crosslens.model.BinaryFormat;
import dev.crosslens.model.ImageCore;
import dev.crosslens.model.LibcFlavor;

/** One-line descriptions of an image, shared by the CLI summary. */
final class Verdicts {
    private Verdicts() {
    }

    static String headline(ImageCore c) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.format().label());
        if (c.bits() > 0 && c.format() != BinaryFormat.FAT_MACHO && c.format() != BinaryFormat.ARCHIVE) {
            sb.append(' ').append(c.bits()).append("-bit");
        }
        sb.append(' ').append(c.kind().label());
        sb.append(", ").append(c.arch() == dev.crosslens.model.Arch.MULTI ? "mixed architectures" : c.arch().label());
        if (c.os() != dev.crosslens.model.TargetOs.UNKNOWN) sb.append(", ").append(c.os().goos());
        if (c.format() != BinaryFormat.FAT_MACHO && c.format() != BinaryFormat.ARCHIVE) {
            sb.append(c.linkage().dynamic() ? ", dynamically linked" : ", statically linked");
            if (c.linkage().libc() == LibcFlavor.NONE) sb.append(" (no C runtime)");
            else if (c.linkage().libc() != LibcFlavor.UNKNOWN) sb.append(" (").append(c.linkage().libc().label()).append(')');
        }
        if (c.stripped()) sb.append(", stripped");
        return sb.toString();
    }
}
