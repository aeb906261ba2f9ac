package dev.crosslens.parsers.resolve;

import dev.crosslens.model.BinaryImage;

import java.nio.file.Path;

/**
 * A binary or library opened during resolution.
 *
 * @param name       the name it was asked for by ({@code libc.so.6}, {@code KERNEL32.dll})
 * @param path       the host file
 * @param targetPath where the target would see it ({@code /usr/lib/x86_64-linux-gnu/libc.so.6})
 */
record LoadedLibrary(String name, Path path, String targetPath, BinaryImage image) {
}
