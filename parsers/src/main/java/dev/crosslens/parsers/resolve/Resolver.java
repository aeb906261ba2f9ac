package dev.crosslens.parsers.resolve;

import dev.crosslens.model.BinaryFile;
import dev.crosslens.model.BinaryImage;
import dev.crosslens.model.ElfImage;
import dev.crosslens.model.MachOImage;
import dev.crosslens.model.PeImage;
import dev.crosslens.model.resolve.Resolution;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Resolves what a binary imports: ELF against a sysroot (ld.so's rules), PE against a folder of DLLs (Wine's by
 * default), Mach-O as far as its library ordinals go. A fat Mach-O or an archive resolves its first image.
 * Interrupting the thread stops it with {@link dev.crosslens.parsers.io.ParseCancelledException}.
 */
public final class Resolver {

    public Resolution resolve(BinaryFile file, ResolveOptions options) throws IOException {
        return resolve(file.image(), Path.of(file.path()), options);
    }

    public Resolution resolve(BinaryImage image, Path path, ResolveOptions options) throws IOException {
        BinaryImage img = image;
        while (!img.children().isEmpty() && !(img instanceof ElfImage || img instanceof PeImage
                || img instanceof MachOImage)) {
            img = img.children().get(0);
        }
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (img instanceof ElfImage) return new ElfResolver().resolve(name, path, (ElfImage) img, options);
        if (img instanceof PeImage) return new PeResolver().resolve(name, path, (PeImage) img, options);
        if (img instanceof MachOImage) return new MachOResolver().resolve(name, (MachOImage) img);
        throw new IllegalArgumentException(name + ": nothing to resolve in a " + img.core().format() + " file");
    }
}
