package dev.crosslens.model.macho;

import dev.crosslens.model.Extent;

/**
 * One pointer dyld slides, from the LC_DYLD_INFO rebase opcodes.
 *
 * @param type     raw REBASE_TYPE_* (1 pointer, 2 text absolute32, 3 text pcrel32)
 * @param typeName llvm-objdump's spelling: {@code pointer}, {@code text abs32}, {@code text rel32}, {@code unknown}
 * @param address  virtual address of the slid pointer (segment vmaddr + segment offset)
 * @param extent   the opcode that produced it
 */
public record MachORebase(int type, String typeName, int segmentIndex, long segmentOffset, long address,
                          Extent extent) {
}
