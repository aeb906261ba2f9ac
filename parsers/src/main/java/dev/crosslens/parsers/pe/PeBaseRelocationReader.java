package dev.crosslens.parsers.pe;

import dev.crosslens.model.Extent;
import dev.crosslens.model.pe.PeBaseRelocation;
import dev.crosslens.model.pe.PeBaseRelocationBlock;
import dev.crosslens.model.pe.PeBaseRelocations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a base relocation table, read when a view asks for them: the parse keeps the blocks and the
 * counts by type only (a large DLL has tens of thousands of entries nobody may look at). Reads the 16-bit entries
 * of each block from the file's bytes at the block's extent; a block that does not lie inside the bytes is
 * skipped, and at most {@code max} entries are returned.
 */
public final class PeBaseRelocationReader {
    /**
     * @param file the whole file (the extents are file offsets)
     * @param max  entries kept at most
     */
    public List<PeBaseRelocation> read(ByteBuffer file, PeBaseRelocations table, int max) {
        ByteBuffer b = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long limit = b.limit();
        List<PeBaseRelocation> out = new ArrayList<>((int) Math.min(max, Math.max(0, table.total())));
        for (PeBaseRelocationBlock block : table.blocks()) {
            Extent x = block.extent();
            if (!x.isKnown() || x.offset() < 0 || x.size() < 8 || x.size() > limit - x.offset()) continue;
            int entries = (int) Math.min(block.entryCount(), (x.size() - 8) / 2);
            for (int e = 0; e < entries; e++) {
                if (out.size() >= max) return out;
                long at = x.offset() + 8 + 2L * e;
                int w = b.getShort((int) at) & 0xffff;
                int type = w >>> 12;
                out.add(new PeBaseRelocation(block.pageRva() + (w & 0xfff), type, PeNames.baseRelocationTypeName(type),
                        Extent.of(at, 2)));
            }
        }
        return out;
    }
}
