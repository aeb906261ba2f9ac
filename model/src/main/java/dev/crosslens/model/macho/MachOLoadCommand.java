package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/**
 * One load command as it stands in the file, known or not: its number, name ({@code LC_SEGMENT_64}, or
 * {@code LC_0x…} when not known) and where its bytes are. Decoded contents live in the other records.
 *
 * @param problem what was wrong with it, null when it read cleanly
 */
public record MachOLoadCommand(int index, long cmd, String name, long cmdSize, boolean known, String problem,
                               Extent extent) {
}
