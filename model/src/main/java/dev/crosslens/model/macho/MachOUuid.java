package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/** LC_UUID, upper case with dashes as llvm-objdump prints it. */
public record MachOUuid(String uuid, Extent extent) {
}
