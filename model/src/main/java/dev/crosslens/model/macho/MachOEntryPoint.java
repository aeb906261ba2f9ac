package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/**
 * Where execution starts: LC_MAIN (entryoff from the __TEXT segment) or LC_UNIXTHREAD / LC_THREAD (the pc in the
 * initial thread state).
 *
 * @param source    {@code LC_MAIN} or {@code LC_UNIXTHREAD}
 * @param entryOff  LC_MAIN entryoff (file offset of main); -1 for thread commands
 * @param stackSize LC_MAIN stacksize; 0 for thread commands
 * @param flavor    the thread state flavor ({@code x86_THREAD_STATE64}), null for LC_MAIN
 * @param address   the entry virtual address, null when it could not be found
 */
public record MachOEntryPoint(String source, long entryOff, long stackSize, String flavor, Long address,
                              Extent extent) {
}
